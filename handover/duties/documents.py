"""A duty's procedure as a document for the client (handing a duty back): DOCX, which the
client can edit from then on, or PDF; in the client's language, with no internal notes
(no time figures, no reviews, no change notes)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import override

from handover.core.documents import render_docx, render_html, render_pdf
from handover.core.templatetags.handover import date_long

HEADING = re.compile(r"^#{1,6}\s+(.*)$")
ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]+)[^)]*\)")
EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(.+?)\1")


def _plain(text: str) -> str:
    """Markdown's inline marks as plain text: a link keeps its text and address."""
    text = LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})" if m.group(1) else m.group(2),
                    text)
    return EMPHASIS.sub(r"\2", text)


def procedure_blocks(body: str) -> list[tuple[str, object]]:
    blocks: list[tuple[str, object]] = []
    for part in re.split(r"\n\s*\n", body.strip()):
        lines = [line.rstrip() for line in part.splitlines() if line.strip()]
        if not lines:
            continue
        heading = HEADING.match(lines[0])
        if heading:
            blocks.append(("heading", _plain(heading.group(1))))
            lines = lines[1:]
        if lines and all(ITEM.match(line) for line in lines):
            blocks.append(("bullets", [_plain(ITEM.match(line).group(1)) for line in lines]))
        elif lines:
            blocks.append(("paragraph", _plain(" ".join(line.strip() for line in lines))))
    return blocks


def handback_blocks(duty, version, language: str) -> tuple[str, list]:
    with override(language):
        title = _("How %(duty)s is done") % {"duty": duty.title}
        intro = _("This is the procedure for %(duty)s as it stood when %(sender)s handed it "
                  "back to %(client)s. It is yours to keep and change from now on.") % {
            "duty": duty.title, "client": duty.engagement.client.name,
            "sender": duty.workspace.name}
        blocks: list[tuple[str, object]] = [("title", title), ("paragraph", intro)]
        if duty.description.strip():
            blocks += [("heading", _("What it covers")), ("paragraph", duty.description)]
        if version is None:
            blocks.append(("paragraph", _("No written procedure was kept for this duty.")))
        else:
            blocks.append(("heading", _("Steps")))
            blocks += procedure_blocks(version.body)
            blocks.append(("paragraph", _("Version %(number)s, %(date)s.") % {
                "number": version.number,
                "date": date_long(version.created_at.date(), language)}))
    return title, blocks


def handback_docx(duty, version, language: str) -> bytes:
    title, blocks = handback_blocks(duty, version, language)
    return render_docx(blocks, title=title, language=language)


def handback_pdf(duty, version, language: str) -> bytes:
    title, blocks = handback_blocks(duty, version, language)
    return render_pdf(render_html(blocks, title=title, language=language))
