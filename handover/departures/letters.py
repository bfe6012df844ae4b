"""Drafting a departure's letters: one per client of the leaver, and the talking points."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from handover.letters.actions import do_draft_letter
from handover.letters.kinds import Kind

from .models import DepartureState

CLIENT_KINDS = (Kind.FAREWELL, Kind.NO_LONGER_WITH_US)
# Who writes to the clients: the leaver herself when she chose to go, the company otherwise.
VOLUNTARY = ("resignation", "retirement", "end_of_contract")


def client_kind(departure) -> str:
    return Kind.FAREWELL if departure.kind in VOLUNTARY else Kind.NO_LONGER_WITH_US


def draft_for_new_successors(departure, *, actor, rows) -> list:
    """After a reassignment: a draft for each client that has no letter of its kind yet."""
    kind = client_kind(departure)
    have = set(departure.letters.filter(kind=kind).values_list("client_id", flat=True))
    letters = []
    for row in rows:
        client_id = row.engagement.client_id
        if client_id in have:
            continue
        have.add(client_id)
        letters.append(do_draft_letter(departure.workspace, actor=actor, kind=kind,
                                       engagement=row.engagement, departure=departure))
    return letters


@transaction.atomic
def do_draft_departure_letters(departure, *, actor, kind: str) -> list:
    if departure.state == DepartureState.PROPOSED:
        raise ValidationError(_("Approve the departure before drafting its letters."))
    if kind == Kind.TALKING_POINTS:
        # One copy for each colleague who takes over a client, in that colleague's language.
        successors = {r.successor_id: r.successor
                      for r in departure.reassignments.select_related("successor")}
        if not successors:
            raise ValidationError(_("Reassign the clients first: the talking points go to "
                                    "the colleagues who take over."))
        return [do_draft_letter(departure.workspace, actor=actor, kind=kind,
                                language=user.language, departure=departure, recipient=user)
                for user in successors.values()]
    if kind == Kind.PUBLIC_STATEMENT:
        return [do_draft_letter(departure.workspace, actor=actor, kind=kind,
                                language=departure.workspace.language, departure=departure)]
    if kind not in CLIENT_KINDS:
        raise ValidationError(_("Choose one of the kinds of letter offered."))
    rows = list(departure.reassignments.select_related("engagement__client"))
    if not rows:
        raise ValidationError(_("Reassign the clients first: each letter introduces the "
                                "successor."))
    letters, seen = [], set()
    for row in rows:
        if row.engagement.client_id in seen:
            continue
        seen.add(row.engagement.client_id)
        letters.append(do_draft_letter(departure.workspace, actor=actor, kind=kind,
                                       engagement=row.engagement, departure=departure))
    return letters
