"""The dashboard panel: reviews due, the running timer, reports to send or late."""

from django.utils import timezone

from handover.core.access import can

from . import selectors


def panel(request):
    membership = getattr(request, "membership", None)
    if membership is None or not can(membership, "work_on_duties"):
        return None
    today = timezone.localdate()
    due = list(selectors.reviews_due(membership.workspace, today=today,
                                     membership=membership)[:20]) \
        if can(membership, "manage_duties") else []
    to_send = list(selectors.report_requests(membership).filter(
        collaborator=membership.user, submitted_at__isnull=True))
    late = list(selectors.late_reports(membership.workspace, today=today)) \
        if can(membership, "manage_duties") else []
    timer = selectors.running_timer(membership.user, membership.workspace)
    if not (due or to_send or late or timer):
        return None
    return {"template": "duties/_dashboard_panel.html",
            "context": {"due": due, "to_send": to_send, "late": late, "timer": timer,
                        "today": today}}
