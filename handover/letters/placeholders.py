"""The one registry of placeholders a letter template may use, and the `{name}` syntax.

A template writes `{successor_name}`; `{{` and `}}` stand for literal braces. Anything else
between braces is an error when the template is saved, never a blank when it is sent.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

# name: (what it holds, who provides it: "data" from Handover's rows, "writer" typed in
# when drafting, or supplied by the offboarding and files apps when they are installed).
REGISTRY: dict[str, tuple[str, str]] = {
    "recipient_name": (_("The name of the person the letter is addressed to."), "data"),
    "client_name": (_("The client's name."), "data"),
    "workspace_name": (_("The name of your business (the workspace)."), "data"),
    "sender_name": (_("The name of the person who signs the letter."), "data"),
    "sender_email": (_("The e-mail address of the person who signs the letter."), "data"),
    "engagement_title": (_("The engagement's title."), "data"),
    "end_date": (_("The last day of the engagement, in the reader's date format."), "data"),
    "notice_days": (_("The notice period in days."), "data"),
    "support_rate": (_("The hourly rate for support after the end, with its currency."),
                     "data"),
    "leaver_name": (_("The name of the staff member who is leaving."), "data"),
    "last_day": (_("The leaver's last working day, in the reader's date format."), "data"),
    "successor_name": (_("The name of the colleague who takes over."), "data"),
    "successor_contact": (_("The successor's e-mail address and phone number."), "data"),
    "hr_contact": (_("Who answers questions about the departure (HR)."), "data"),
    "legal_contact": (_("Who answers legal questions (the company's lawyer)."), "data"),
    "today": (_("The date of the letter, in the reader's date format."), "data"),
    "call_time": (_("When the handover call takes place."), "writer"),
    "agenda": (_("What the handover call will cover, one topic per line."), "writer"),
    "access_list": (_("The accounts and accesses to revoke, one per line."), "writer"),
    "archive_link": (_("Where the client downloads the archive of the files."), "writer"),
    "duty_name": (_("The duty the letter is about."), "data"),
    "new_terms": (_("The new terms proposed for a duty, one per line."), "data"),
}

TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def placeholders_in(text: str) -> list[str]:
    """Every placeholder named in the text, in order (unknown ones included)."""
    return [m.group(1).strip() for m in TOKEN.finditer(text) if m.group(1) is not None]


def unknown_placeholders(text: str) -> list[str]:
    """Names the registry does not know, and stray single braces (as "{" or "}")."""
    bad = []
    for m in TOKEN.finditer(text):
        token = m.group(0)
        if token in ("{{", "}}"):
            continue
        if m.group(1) is None:
            bad.append(token)
        elif m.group(1).strip() not in REGISTRY:
            bad.append(m.group(1).strip())
    return bad


def fill(text: str, values: dict[str, str]) -> str:
    """Replace known placeholders that have a value; leave the others as `{name}`."""

    def sub(m):
        token = m.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name = (m.group(1) or "").strip()
        value = values.get(name)
        return token if value in (None, "") else str(value)

    return TOKEN.sub(sub, text)


def left_over(text: str) -> list[tuple[str, int, int]]:
    """Placeholders still in a filled text: (name, start, end)."""
    return [(m.group(1).strip(), m.start(), m.end())
            for m in re.finditer(r"\{(\w+)\}", text) if m.group(1) in REGISTRY]
