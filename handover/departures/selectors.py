"""Reads for departures, always scoped; the confidential reason only for managers."""

from __future__ import annotations

from datetime import datetime, time

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from handover.clients.models import Engagement
from handover.core.access import can
from handover.letters.kinds import Kind

from . import elsewhere, wording
from .models import ClientQuestion, Departure, DepartureKind, DepartureState


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
    """One row per client of the leaver: who took over, the letter, told or not, questions.

    The letter shown is the one that matters: the one sent if any, else the one still being
    written (of the kind this departure calls for, first); never a discarded one. `told`
    follows the sent letter; `missing` says what still stops an open letter's approval."""
    from handover.letters.models import LetterState
    from handover.letters.selectors import letters_of_departure, missing_facts, unapprovable

    rows: dict[int, dict] = {}

    def row_for(client):
        return rows.setdefault(client.pk, {"client": client, "successors": [], "letter": None,
                                           "told": False, "missing": "", "questions": 0})

    for r in departure.reassignments.select_related("engagement__client", "successor"):
        row_for(r.engagement.client)["successors"].append(r.successor)
    for e in affected_engagements(departure):
        row_for(e.client)
    wanted = client_kind(departure)
    candidates: dict[int, list] = {}
    for letter in letters_of_departure(departure.workspace, departure, discarded=False):
        if letter.client_id in rows:
            candidates.setdefault(letter.client_id, []).append(letter)
    for client_id, letters in candidates.items():
        row = rows[client_id]
        sent = [x for x in letters if x.state == LetterState.SENT]
        if sent:
            row["letter"] = max(sent, key=lambda x: (x.sent_at or x.created_at, x.pk))
            row["told"] = True
            continue
        letter = max(letters, key=lambda x: (x.kind == wanted, x.created_at, x.pk))
        row["letter"] = letter
        if letter.state in (LetterState.DRAFT, LetterState.APPROVED) and missing_facts(letter):
            row["missing"] = (
                _("Choose a successor for %(client)s before this letter can be approved.")
                % {"client": row["client"].name}
                if {"successor_name", "successor_contact"} & set(missing_facts(letter))
                else unapprovable(letter))
    for q in questions_of(departure):
        if q.client_id in rows:
            rows[q.client_id]["questions"] += 1
    return sorted(rows.values(), key=lambda r: r["client"].name)


def end_of_last_day(departure: Departure) -> datetime:
    return timezone.make_aware(datetime.combine(departure.last_day, time.max))


def leavers_due(workspace_id: int, now=None):
    """Approved departures not yet carried out whose last day has ended."""
    today = timezone.localdate(now or timezone.now())
    return (Departure.objects.filter(workspace_id=workspace_id, state=DepartureState.APPROVED,
                                     deactivated_at__isnull=True, last_day__lt=today)
            .select_related("workspace", "member"))


def affected_engagements(departure: Departure):
    """The engagements the leaver looks after: each needs a successor."""
    return (Engagement.objects.filter(workspace=departure.workspace,
                                      account_manager=departure.leaver,
                                      archived_at__isnull=True)
            .select_related("client").order_by("client__name", "pk"))


def work_elsewhere(departure: Departure) -> dict[int, dict]:
    """The leaver's open work outside the engagements she looks after, by client:
    {client id: {"client", "engagements", "moves"}}. It goes to the successor chosen for
    the client."""
    leaver, workspace = departure.leaver, departure.workspace
    own = set(affected_engagements(departure).values_list("pk", flat=True))
    out: dict[int, dict] = {}

    def entry(client):
        return out.setdefault(client.pk, {"client": client, "engagements": [],
                                          "moves": elsewhere.nothing()})

    for engagement in elsewhere.engagements_holding(workspace, leaver):
        if engagement.pk in own:
            continue
        row = entry(engagement.client)
        row["engagements"].append(engagement)
        row["moves"] = elsewhere.added(row["moves"],
                                       elsewhere.open_items(engagement, leaver))
    for client in elsewhere.clients_holding_accounts(workspace, leaver):
        row = entry(client)
        row["moves"] = elsewhere.added(row["moves"], elsewhere.client_items(client, leaver))
    return out


def other_clients(departure: Departure) -> list[dict]:
    """Clients where the leaver has open work but looks after none of their engagements:
    the reassignment offers a successor for each. Each: client, engagements, moves, items
    (in words)."""
    own_clients = set(affected_engagements(departure).values_list("client_id", flat=True))
    rows = [row for client_id, row in work_elsewhere(departure).items()
            if client_id not in own_clients]
    for row in rows:
        row["items"] = wording.items(row["moves"])
    return sorted(rows, key=lambda r: (r["client"].name, r["client"].pk))


def successor_by_client(engagements, choices: dict[int, object],
                        clients: dict[int, object] | None = None) -> dict[int, object]:
    """{client id: successor}: the successor chosen for the client's first engagement (by
    id) that has one, else the one chosen for the client itself."""
    out: dict[int, object] = {}
    for engagement in sorted(engagements, key=lambda e: e.pk):
        if choices.get(engagement.pk) is not None:
            out.setdefault(engagement.client_id, choices[engagement.pk])
    for client_id, successor in (clients or {}).items():
        if successor is not None:
            out.setdefault(client_id, successor)
    return out


def reassignment_preview(departure: Departure, choices: dict[int, object],
                         clients: dict[int, object] | None = None) -> list[dict]:
    """What a bulk reassignment would change, nothing written: one row per engagement of
    the leaver, then one per other client where she has open work. `moves` counts what
    moves with the row (a client's work outside her engagements with its first chosen
    engagement) and `summary` says it in words."""
    leaver = departure.leaver
    engagements = list(affected_engagements(departure))
    by_client = successor_by_client(engagements, choices, clients)
    extra = work_elsewhere(departure)
    personal = elsewhere.personal_accounts(departure.workspace, leaver)
    rows, done = [], set()
    for engagement in engagements:
        successor = choices.get(engagement.pk)
        moves = elsewhere.open_items(engagement, leaver)
        row = {"engagement": engagement, "client": engagement.client,
               "from": engagement.account_manager, "to": successor, "kept": ""}
        if successor is not None and engagement.client_id not in done:
            done.add(engagement.client_id)
            if by_client.get(engagement.client_id) is successor and engagement.client_id in extra:
                moves = elsewhere.added(moves, extra[engagement.client_id]["moves"])
            row["kept"] = wording.kept(personal.get(engagement.client_id, 0), leaver)
        row["moves"] = moves
        row["summary"] = wording.moves(moves, successor) if successor is not None else ""
        rows.append(row)
    for other in other_clients(departure):
        client = other["client"]
        successor = (clients or {}).get(client.pk)
        rows.append({"engagement": None, "client": client, "from": leaver, "to": successor,
                     "moves": other["moves"],
                     "summary": wording.moves(other["moves"], successor) if successor else "",
                     "kept": wording.kept(personal.get(client.pk, 0), leaver)})
    return rows


# The letter the clients receive: the leaver's own farewell when she chose to go, the
# company's neutral notice when the company ended it. Every kind of departure is listed.
CLIENT_LETTER = {
    DepartureKind.RESIGNATION: Kind.FAREWELL,
    DepartureKind.RETIREMENT: Kind.FAREWELL,
    DepartureKind.FOR_CAUSE: Kind.NO_LONGER_WITH_US,
    DepartureKind.PERFORMANCE: Kind.NO_LONGER_WITH_US,
    DepartureKind.LAYOFF: Kind.NO_LONGER_WITH_US,
    DepartureKind.END_OF_CONTRACT: Kind.NO_LONGER_WITH_US,
}
CLIENT_KINDS = (Kind.FAREWELL, Kind.NO_LONGER_WITH_US)
# The letters a departure's page offers to draft, the client letters first.
LETTER_KINDS = (Kind.FAREWELL, Kind.NO_LONGER_WITH_US, Kind.TALKING_POINTS,
                Kind.PUBLIC_STATEMENT)


def client_kind(departure) -> str:
    return CLIENT_LETTER.get(departure.kind, Kind.NO_LONGER_WITH_US)
