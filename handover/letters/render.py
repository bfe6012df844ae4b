"""Rendering a letter: facts from Handover's rows, formatted in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from babel.lists import format_list
from babel.numbers import format_currency, format_decimal
from django.utils import timezone
from django.utils.translation import to_locale

from handover.core.templatetags.handover import date_long

from . import scrub as scrubbing
from .kinds import SPECS
from .lint import Finding, lint
from .placeholders import REGISTRY, fill, left_over
from .texts import template_for


@dataclass
class Rendered:
    kind: str
    language: str
    subject: str
    body: str
    facts: dict[str, str]
    findings: list[Finding] = field(default_factory=list)
    recipient_name: str = ""
    recipient_email: str = ""


def locale_of(language: str) -> str:
    return to_locale(language)




def primary_contact(client):
    return client.contacts.order_by("pk").first() if client is not None else None


def _reassignment(departure, engagement):
    if departure is None:
        return None
    rows = departure.reassignments.select_related("successor")
    if engagement is not None:
        return rows.filter(engagement=engagement).first()
    return None


def _successors(departure) -> list:
    if departure is None:
        return []
    seen, out = set(), []
    for row in departure.reassignments.select_related("successor").order_by("pk"):
        if row.successor_id not in seen:
            seen.add(row.successor_id)
            out.append(row)
    return out


def facts_for(kind: str, language: str, *, workspace, sender=None, engagement=None,
              client=None, departure=None, extra: dict | None = None) -> dict[str, str]:
    """Every placeholder's value for this letter, formatted for `language`."""
    loc = locale_of(language)
    client = client or (engagement.client if engagement is not None else None)
    contact = primary_contact(client)
    today = timezone.localdate()
    facts: dict[str, str] = {
        "workspace_name": workspace.name,
        "today": date_long(today, language),
        "client_name": client.name if client else "",
        "recipient_name": contact.name if contact else (client.name if client else ""),
        "sender_name": sender.display_name if sender else "",
        "sender_email": sender.email if sender else "",
    }
    if engagement is not None:
        end = engagement.end_date or today + timedelta(days=engagement.notice_days)
        facts.update({
            "engagement_title": engagement.title,
            "end_date": date_long(end, language),
            "notice_days": format_decimal(engagement.notice_days, locale=loc),
            "support_rate": (format_currency(engagement.support_rate, engagement.currency,
                                             locale=loc)
                             if engagement.support_rate is not None else ""),
        })
    if departure is not None:
        leaver = departure.leaver
        facts.update({
            "leaver_name": leaver.display_name,
            "last_day": date_long(departure.last_day, language),
            "hr_contact": departure.hr_contact,
            "legal_contact": departure.legal_contact or departure.hr_contact,
        })
        row = _reassignment(departure, engagement)
        rows = [row] if row is not None else (
            [] if engagement is not None else _successors(departure))
        if rows:
            facts["successor_name"] = format_list(
                [r.successor.display_name for r in rows], locale=loc)
            contacts = []
            for r in rows:
                bits = [r.successor.email] + ([r.successor_phone] if r.successor_phone else [])
                contacts.append(format_list(bits, style="or", locale=loc))
            facts["successor_contact"] = format_list(contacts, locale=loc)
            # What the lint looks for: an edited letter may keep only the address.
            facts["successor_email"] = rows[0].successor.email
    for name, value in (extra or {}).items():
        if value not in (None, ""):
            facts[name] = str(value)
    if departure is not None and SPECS[kind].departure and kind == "farewell":
        facts["sender_name"] = departure.leaver.display_name
        facts["sender_email"] = departure.leaver.email
    return facts


def competitors_for(departure) -> list[str]:
    if departure is not None and departure.new_employer_is_competitor:
        return [departure.new_employer]
    return []


def check(kind: str, language: str, text: str, facts: dict, departure=None) -> list[Finding]:
    spec = SPECS[kind]
    # A fact the writer types in has no stored value: the `placeholder` rule flags it while
    # `{name}` is still in the text, and an edited text that replaced it has given it.
    required = {name: facts.get(name, "") for name in spec.required
                if facts.get(name) or REGISTRY[name][1] != "writer"}
    unfilled = left_over(text)
    for name, _start, _end in unfilled:
        required.pop(name, None)  # already flagged as an unfilled placeholder
    if "successor_contact" in required:
        required["successor_contact"] = facts.get("successor_email") or required[
            "successor_contact"]
    return lint(text, language, word_limit=spec.word_limit, required=required,
                competitors=competitors_for(departure), left_over=unfilled)


def render(kind: str, language: str, *, workspace, sender=None, engagement=None, client=None,
           departure=None, extra: dict | None = None) -> Rendered:
    subject_t, body_t, _own = template_for(workspace, kind, language)
    facts = facts_for(kind, language, workspace=workspace, sender=sender,
                      engagement=engagement, client=client, departure=departure, extra=extra)
    subject = scrubbing.scrub(" ".join(fill(subject_t, facts).split()), workspace)
    body = scrubbing.scrub(fill(body_t, facts), workspace)
    client = client or (engagement.client if engagement is not None else None)
    contact = primary_contact(client)
    return Rendered(
        kind=kind, language=language, subject=subject, body=body, facts=facts,
        findings=check(kind, language, body, facts, departure),
        recipient_name=facts.get("recipient_name", ""),
        recipient_email=contact.email if contact else "",
    )
