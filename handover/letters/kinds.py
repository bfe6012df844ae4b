"""The kinds of letter: who reads them, what they must say, how long they may be."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    NOTICE_OF_ENDING = "notice_of_ending", _("Notice of ending")
    EARLY_WARNING = "early_warning", _("Early warning")
    FAREWELL = "farewell", _("Farewell with successor")
    NO_LONGER_WITH_US = "no_longer_with_us", _("Staff member no longer with us")
    TALKING_POINTS = "talking_points", _("Internal talking points")
    ACCESS_REVOCATION = "access_revocation", _("Access revocation request")
    HANDOVER_CALL = "handover_call", _("Handover call invitation")
    ARCHIVE_DELIVERY = "archive_delivery", _("Archive delivery and receipt request")
    PUBLIC_STATEMENT = "public_statement", _("Public statement")
    TERMS_PROPOSAL = "terms_proposal", _("Proposal of new terms for a duty")


@dataclass(frozen=True)
class KindSpec:
    # Words the body may have before the lint says it runs long.
    word_limit: int
    # Facts the text must contain: names from the placeholder registry.
    required: tuple[str, ...] = ()
    # "client": goes to a client contact; "staff": to members; "public": to the press.
    audience: str = "client"
    # Drafted from a departure rather than from an engagement alone.
    departure: bool = False


SPECS: dict[str, KindSpec] = {
    Kind.NOTICE_OF_ENDING: KindSpec(180, ("end_date",)),
    Kind.EARLY_WARNING: KindSpec(150, ("end_date",)),
    Kind.FAREWELL: KindSpec(170, ("successor_name", "successor_contact", "last_day"),
                            departure=True),
    Kind.NO_LONGER_WITH_US: KindSpec(130, ("successor_name", "successor_contact"),
                                     departure=True),
    Kind.TALKING_POINTS: KindSpec(200, ("successor_name", "hr_contact"), audience="staff",
                                  departure=True),
    Kind.ACCESS_REVOCATION: KindSpec(200, ("end_date", "access_list")),
    Kind.HANDOVER_CALL: KindSpec(150, ("call_time",)),
    Kind.ARCHIVE_DELIVERY: KindSpec(170, ("archive_link",)),
    Kind.PUBLIC_STATEMENT: KindSpec(120, ("successor_name",), audience="public",
                                    departure=True),
    Kind.TERMS_PROPOSAL: KindSpec(170, ("duty_name", "new_terms")),
}

# Kinds a workspace sends only after a manager's approval unless its policy says otherwise.
# The offboarding journey's letters (access revocation, handover call) are not among them:
# they go out when the journey asks, unless the policy adds them or the check objects.
DEFAULT_APPROVAL = (Kind.FAREWELL, Kind.NO_LONGER_WITH_US, Kind.TALKING_POINTS,
                    Kind.PUBLIC_STATEMENT)
