"""Dashboard panel: open departures and letters waiting for a manager or failed."""

from __future__ import annotations

from handover.core.access import can


def panel(request):
    membership = getattr(request, "membership", None)
    if membership is None or not can(membership, "manage_departures"):
        return None
    from handover.letters.models import Letter, LetterState

    from .models import Departure, DepartureState

    departures = Departure.objects.filter(
        workspace=membership.workspace,
        state__in=(DepartureState.PROPOSED, DepartureState.APPROVED)).select_related(
        "member__user")
    letters = Letter.objects.filter(workspace=membership.workspace)
    context = {
        "departures": list(departures[:10]),
        "drafts": letters.filter(state=LetterState.DRAFT).count(),
        "failed": letters.filter(state=LetterState.FAILED).count(),
    }
    if not (context["departures"] or context["drafts"] or context["failed"]):
        return None
    return {"template": "departures/_dashboard_panel.html", "context": context}
