"""The recap document for the successor: a first draft from the engagement, then blocks.

The draft is plain text the user edits before export: "# " starts the title, "## " a
heading, "- " a bullet, "| a | b |" a table row (the first row of a table is its header);
other lines are paragraphs.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from handover.core.templatetags.handover import date_long

from . import selectors


def _cell(value) -> str:
    return str(value or "").replace("|", "/").replace("\n", " ").strip() or "—"


def _table(header: list[str], rows: list[list]) -> list[str]:
    return ["| " + " | ".join(_cell(c) for c in row) + " |" for row in [header, *rows]]


def _duties(engagement, workspace, language) -> list[str]:
    from handover.duties.selectors import open_duties_with_procedures

    with translation.override(language):
        return [f"- {_cell(duty.title)} ({_cell(duty.get_frequency_display())}): "
                f"{_cell(procedure)}"
                for duty, procedure in open_duties_with_procedures(engagement)]


def _files(engagement, workspace) -> list[str]:
    lines = []
    for _model, rows in selectors.rows_about("files", workspace, engagement):
        lines.extend(f"- {_cell(row)}" for row in rows)
    return lines


def draft(plan, *, author: str) -> str:
    """The first draft in the client's language; its headings come from the catalogues."""
    with translation.override(plan.engagement.client.language):
        return _draft(plan, author=author)


def _heading(text: str) -> str:
    return "## " + text


def _fact(label: str, day) -> str:
    return f"- {label}: {date_long(day)}"


def _draft(plan, *, author: str) -> str:
    engagement = plan.engagement
    workspace = plan.workspace
    client = engagement.client
    lang = client.language

    title = _("Handover notes: %(engagement)s") % {"engagement": engagement.title}
    intro = _("Prepared by %(author)s for %(client)s. Last working day: %(last_day)s.") % {
        "author": author, "client": client.name, "last_day": date_long(plan.last_day)}
    out = ["# " + title, intro, "", _heading(_("Contacts"))]
    contacts = selectors.contacts_for_recap(workspace, client)
    out += _table([_("Name"), _("Role"), _("E-mail"), _("Phone")],
                  [[c.name, c.role, c.email, c.phone] for c in contacts])
    duties = _duties(engagement, workspace, lang)
    if duties:
        out += ["", _heading(_("Duties and procedures")), *duties]
    out += ["", _heading(_("Systems and accounts")),
            _("Passwords are not part of this document; ask the client for new access.")]
    accounts = selectors.accounts_of(workspace, engagement=engagement)
    out += _table([_("System"), _("Address"), _("Login name"), _("Kind")],
                  [[a.system, a.url, a.login, a.get_kind_display()] for a in accounts])
    files = _files(engagement, workspace)
    if files:
        out += ["", _heading(_("Where the files are")), *files]
    out += ["", _heading(_("Open items"))]
    out += [f"- {s.title} ({date_long(s.due_date)})" for s in selectors.open_steps(plan)]
    out += ["", _heading(_("Key dates")), _fact(_("Notice given"), plan.notice_date),
            _fact(_("Last working day"), plan.last_day)]
    if plan.support_until:
        out.append(_fact(_("Available for questions until"), plan.support_until))
    return "\n".join(out)


def blocks(recap: str) -> tuple[str, list[tuple[str, object]]]:
    """(title, blocks) for core.documents."""
    title = ""
    out: list[tuple[str, object]] = []
    for raw in recap.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("# "):
            title = title or line[2:].strip()
            out.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            out.append(("heading", line[3:].strip()))
        elif line.startswith(("- ", "* ")):
            if out and out[-1][0] == "bullets":
                out[-1][1].append(line[2:].strip())
            else:
                out.append(("bullets", [line[2:].strip()]))
        elif line.startswith("|") and line.endswith("|") and len(line) > 1:
            cells = [c.strip() for c in line[1:-1].split("|")]
            if out and out[-1][0] == "table" and len(out[-1][1][0]) == len(cells):
                out[-1][1].append(cells)
            else:
                out.append(("table", [cells]))
        else:
            out.append(("paragraph", line))
    return title, out
