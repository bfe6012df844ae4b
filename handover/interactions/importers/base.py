"""What every importer shares: the run context, the report, matching to engagements.

An importer is an ordered list of steps; each step is a callable taking the context.
Steps report progress through `ctx.advance(n)`; a bad item is `ctx.fail(label, reason)`
and never stops the run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from handover.clients.models import Client, ClientDomain, Contact, Engagement
from handover.clients.selectors import current_engagement_ids
from handover.core.models import Membership, Workspace

MAX_FAILURES = 1000


class Refused(Exception):
    """The whole source is refused (not mail, not a calendar, unreachable...)."""


@dataclass
class Report:
    imported: int = 0
    duplicates: int = 0
    unmatched: int = 0
    failed: int = 0
    failures: list = field(default_factory=list)
    # Rows kept with an unknown date: how many, and which (item, subject, the date as
    # written). Plain values: the pages and the command word them in the reader's language.
    unknown_dates: int = 0
    undated: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"imported": self.imported, "duplicates": self.duplicates,
                "unmatched": self.unmatched, "failed": self.failed,
                "failures": self.failures, "unknown_dates": self.unknown_dates,
                "undated": self.undated}


def reason_text(reason: str) -> str:
    """The parser's English reasons in the reader's language."""
    known = {
        "not an e-mail message": _("This file is not an e-mail message."),
        "the message has no readable date": _("The message has no readable date."),
    }
    if reason in known:
        return known[reason]
    if reason.startswith("unreadable message"):
        return _("The message could not be read (%(error)s).") % {
            "error": reason.partition("(")[2].rstrip(")")}
    return reason


def _digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    return digits[-9:] if len(digits) >= 6 else ""


class Matcher:
    """Addresses, domains and phone numbers of the workspace's clients → engagement ids."""

    def __init__(self, workspace: Workspace, *, forced: Engagement | None = None,
                 own: set[str] = frozenset()):
        self.forced = forced.pk if forced else None
        # {client id: its current engagement's id}
        self.engagements = engagements = current_engagement_ids(workspace)
        self.clients = {c.pk: c.name for c in Client.objects.filter(workspace=workspace)}
        self.by_address = {}
        self.by_phone = {}
        for c in Contact.objects.filter(workspace=workspace).values("email", "phone",
                                                                       "client_id"):
            if c["client_id"] in engagements:
                if c["email"]:
                    self.by_address[c["email"].lower()] = engagements[c["client_id"]]
                if _digits(c["phone"]):
                    self.by_phone[_digits(c["phone"])] = engagements[c["client_id"]]
        self.by_domain = {
            d["domain"].lower(): engagements[d["client_id"]]
            for d in ClientDomain.objects.filter(workspace=workspace).values("domain",
                                                                             "client_id")
            if d["client_id"] in engagements
        }
        self.own = {a.lower() for a in own} | {
            m.lower() for m in Membership.objects.filter(workspace=workspace, is_active=True)
            .values_list("user__email", flat=True)
        }

    def is_own(self, address: str) -> bool:
        return address in self.own

    def for_address(self, address: str) -> int | None:
        found = self.by_address.get(address)
        if found:
            return found
        domain = address.rpartition("@")[2]
        while domain:
            found = self.by_domain.get(domain)
            if found:
                return found
            domain = domain.partition(".")[2]
        return None

    def place(self, addresses: list[str]) -> tuple[int | None, str]:
        """(engagement id or None, the counterpart address used for the unplaced view)."""
        others = [a for a in addresses if a and not self.is_own(a)]
        if self.forced:
            return self.forced, others[0] if others else ""
        for address in others:
            found = self.for_address(address)
            if found:
                return found, address
        return None, others[0] if others else ""

    def for_phone(self, phone: str) -> int | None:
        return self.forced or self.by_phone.get(_digits(phone))


@dataclass
class Context:
    workspace: Workspace
    actor: object
    source: str
    matcher: Matcher
    report: Report = field(default_factory=Report)
    progress: Callable[[int, int], None] | None = None
    run: object = None
    total: int = 0
    done: int = 0
    data: dict = field(default_factory=dict)

    def set_total(self, total: int) -> None:
        self.total = total
        self.tick()

    def advance(self, n: int = 1) -> None:
        self.done += n
        self.tick()

    def tick(self) -> None:
        if self.progress:
            self.progress(self.done, self.total)

    def fail(self, label: str, reason: str) -> None:
        self.report.failed += 1
        if len(self.report.failures) < MAX_FAILURES:
            self.report.failures.append({"item": str(label)[:300],
                                         "reason": reason_text(reason)})

    def undated(self, label: str, subject: str, raw: str) -> None:
        """A row stored with an unknown date (its date as written is kept on the row)."""
        self.report.unknown_dates += 1
        if len(self.report.undated) < MAX_FAILURES:
            self.report.undated.append({"item": str(label)[:300], "subject": subject[:200],
                                        "date": raw})


def run_steps(ctx: Context, steps: list[Callable[[Context], None]]) -> Report:
    for step in steps:
        step(ctx)
    return ctx.report
