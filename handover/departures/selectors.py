"""Reads for departures, always scoped; the confidential reason only for managers."""

from __future__ import annotations

from datetime import datetime, time

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from handover.clients.models import Engagement
from handover.core.access import can
from handover.letters.kinds import Kind

from . import elsewhere
from .models import ClientQuestion, Departure, DepartureState


def may_see_reason(membership) -> bool:
    return can(membership, "manage_departures")


def departures_of(membership) -> QuerySet[Departure]:
    rows = Departure.objects.filter(workspace=membership.workspace).select_related(
        "member__user")
    if not can(membership, "manage_departures"):
        rows = rows.filter(Q(member__user=membership.user) | Q(recorded_by=membership.user))
    return rows


def departure(membership, departure_id: int) -> Departure:
    return get_object_or_404(departures_of(membership), pk=departure_id)


def questions_of(departure: Departure) -> QuerySet[ClientQuestion]:
    return ClientQuestion.objects.filter(workspace=departure.workspace,
                                         departure=departure).select_related("client")


def tracker(departure: Departure) -> list[dict]:
    """One row per client of the leaver: who took over, the letter, told or not, questions."""
    from handover.letters.models import LetterState
    from handover.letters.selectors import letters_of_departure

    rows: dict[int, dict] = {}
    for r in departure.reassignments.select_related("engagement__client", "successor"):
        rows.setdefault(r.engagement.client_id, {"client": r.engagement.client,
                                                 "successors": [], "letter": None,
                                                 "questions": 0})
        rows[r.engagement.client_id]["successors"].append(r.successor)
    for e in affected_engagements(departure):
        rows.setdefault(e.client_id, {"client": e.client, "successors": [], "letter": None,
                                      "questions": 0})
    for letter in letters_of_departure(departure.workspace, departure).order_by("created_at"):
        if letter.client_id in rows:
            rows[letter.client_id]["letter"] = letter
    for q in questions_of(departure):
        if q.client_id in rows:
            rows[q.client_id]["questions"] += 1
    for row in rows.values():
        letter = row["letter"]
        row["told"] = letter is not None and letter.state == LetterState.SENT
    return sorted(rows.values(), key=lambda r: r["client"].name)


def end_of_last_day(departure: Departure) -> datetime:
    return timezone.make_aware(datetime.combine(departure.last_day, time.max))


def leavers_due(workspace_id: int, now=None):
    """Approved departures not yet carried out whose last day has ended."""
    today = timezone.localdate(now or timezone.now())
    return (Departure.objects.filter(workspace_id=workspace_id, state=DepartureState.APPROVED,
                                     deactivated_at__isnull=True, last_day__lt=today)
            .select_related("workspace", "member"))


def reassignment_preview(departure: Departure, choices: dict[int, object]) -> list[dict]:
    """What a bulk reassignment would change: one row per engagement, nothing written."""
    rows = []
    for engagement in affected_engagements(departure):
        successor = choices.get(engagement.pk)
        rows.append({"engagement": engagement, "from": engagement.account_manager,
                     "to": successor, "moves": elsewhere.open_items(engagement,
                                                                    departure.leaver)})
    return rows


def affected_engagements(departure: Departure):
    return (Engagement.objects.filter(workspace=departure.workspace,
                                      account_manager=departure.leaver,
                                      archived_at__isnull=True)
            .select_related("client").order_by("client__name", "pk"))


VOLUNTARY = ("resignation", "retirement", "end_of_contract")


def client_kind(departure) -> str:
    return Kind.FAREWELL if departure.kind in VOLUNTARY else Kind.NO_LONGER_WITH_US
