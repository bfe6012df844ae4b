"""What the health page, the PDF and the digest show, built from precomputed rows."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from django.utils import dates as django_dates
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext, to_locale
from django.utils.translation import gettext as _

from handover.core.templatetags.handover import date_short
from handover.lib.hours_check import Schedule, working_hour_cells

from . import selectors
from .facts import Thresholds
from .models import SignalKind
from .reasons import ADVICE, reason_sentences
from .svg import delays_svg, heatmap_svg

WEEKDAYS = [django_dates.WEEKDAYS_ABBR[i] for i in range(7)]


DATE_PATTERNS = {"month": "LLL yy", "month_long": "LLLL yyyy"}


def _date_text(day, kind: str) -> str:
    """A date in the active language (CLDR): its month, short ("mar 26") or in full
    ("marzo 2026"), or the whole date ("day", as everywhere: date_short). "L" is the
    month's stand-alone name."""
    if kind == "day":
        return date_short(day)
    return format_date(day, DATE_PATTERNS[kind], locale=to_locale(get_language() or "en"))


def highlighted(text: str, spans: list[dict]) -> str:
    """The text, HTML-escaped, with the matched words in <mark>."""
    out, pos = [], 0
    for s in sorted(spans, key=lambda s: (s["start"], -s["end"])):
        if s["start"] < pos or s["end"] <= s["start"] or s["end"] > len(text):
            continue
        out.append(escape(text[pos:s["start"]]))
        out.append(f'<mark title="{escape(s.get("category", ""))}">'
                   f'{escape(text[s["start"]:s["end"]])}</mark>')
        pos = s["end"]
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every part is escaped


def _evidence(finding, facts) -> dict:
    # Invoices, duties and months are dated by the day (or month), messages to the minute.
    row = {"finding": finding, "text": "", "when": finding.occurred_at,
           "by_day": finding.interaction_id is None, "month": ""}
    month = (finding.data or {}).get("month")
    if month:
        row["month"] = _date_text(date.fromisoformat(f"{month}-01"), "month_long")
    inter = finding.interaction
    if inter is not None:
        f = facts.get(inter.pk)
        spans = [s for s in (f.findings if f else []) if s.get("field", "body") == "body"]
        body = inter.body or inter.subject
        if finding.signal in ("disrespect", "expectations"):
            family = "disrespect" if finding.signal == "disrespect" else "expectation"
            spans = [s for s in spans if s.get("family") == family]
        elif finding.signal == "last_minute":
            spans = [s for s in spans if s.get("family") in ("urgency", "deadline")]
        row["text"] = highlighted(body[:1500], spans)
        row["interaction"] = inter
    return row


def health_context(engagement) -> dict:
    state = selectors.state_for(engagement)
    failed_at = state.failed_at if state is not None else None
    if state is None or not state.has_figures:  # nothing, or only a failure, recorded
        return {"engagement": engagement, "state": None, "failed_at": failed_at}
    found = selectors.findings(engagement)
    facts = selectors.facts_of(engagement.workspace,
                               [f.interaction_id for f in found if f.interaction_id])
    groups = {}
    for finding in found:
        groups.setdefault(finding.signal, []).append(_evidence(finding, facts))
    labels = dict(SignalKind.choices)
    breakdown = [{"signal": s, "label": labels[s], **state.breakdown.get(s, {}),
                  "evidence": groups.get(s, [])}
                 for s in labels if s in state.breakdown]
    schedule = Schedule.for_engagement(engagement)
    days = [str(d) for d in WEEKDAYS]
    return {
        "engagement": engagement, "state": state, "failed_at": failed_at,
        "breakdown": breakdown,
        "advice": ADVICE.get(state.recommendation, ""),
        "reasons": reason_sentences(state.reasons),
        "heatmap": heatmap_svg(state.heatmap, working_hour_cells(schedule), days,
                               _("Inbound contact by weekday and hour")),
        "delays": delays_svg(
            state.invoice_delays, _("Days late per invoice, by due date"),
            labels={"paid": pgettext("invoice", "paid"), "unpaid": pgettext("invoice", "unpaid"),
                    "threshold": _("worth raising from %(days)s days late"),
                    "tooltip": _("Invoice %(number)s, due %(due)s: %(days)s days late")},
            limit=Thresholds.for_workspace(engagement.workspace).late_payment_days,
            date_text=_date_text),
        "samples": selectors.out_of_hours_samples(engagement),
    }
