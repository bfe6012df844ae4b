"""Why a finding matters, in the writer's language."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .lint import Finding
from .placeholders import REGISTRY

SEVERITY_LABELS = {
    "low": gettext_lazy("Low"),
    "medium": gettext_lazy("Medium"),
    "high": gettext_lazy("High"),
}

FACT_LABELS = {
    "successor_name": gettext_lazy("the successor's name"),
    "successor_contact": gettext_lazy("the successor's contact details"),
    "last_day": gettext_lazy("the last day"),
    "end_date": gettext_lazy("the end date"),
    "hr_contact": gettext_lazy("who answers questions about the departure"),
    "access_list": gettext_lazy("the list of accesses"),
    "call_time": gettext_lazy("the time of the call"),
    "archive_link": gettext_lazy("the archive link"),
}


def explain(finding: Finding) -> str:
    p = finding.params
    if finding.rule == "reason":
        return _("“%(text)s” gives a reason for the departure. Say only that the person no "
                 "longer works with you: a reason can be read as a judgement and be "
                 "repeated.") % {"text": finding.match}
    if finding.rule == "judgement":
        return _("“%(text)s” judges a person. Leave judgements out of a letter to a "
                 "client: they can hurt a reputation and lead to a claim.") % {
            "text": finding.match}
    if finding.rule == "confidential":
        return _("“%(text)s” promises information the company cannot share. Send "
                 "questions about the departure to HR or the lawyer instead.") % {
            "text": finding.match}
    if finding.rule == "competitor":
        return _("The letter names %(name)s, marked as a competitor. Do not say where the "
                 "person is going.") % {"name": p.get("name", "")}
    if finding.rule == "length":
        return _("The letter has %(words)s words; this kind should stay under %(limit)s. "
                 "Less is more.") % {"words": p.get("words"), "limit": p.get("limit")}
    if finding.rule == "missing_fact":
        label = FACT_LABELS.get(p.get("fact"), p.get("fact"))
        return _("The letter does not give %(fact)s.") % {"fact": label}
    if finding.rule == "placeholder":
        name = p.get("name", "")
        described = REGISTRY.get(name, ("", ""))[0]
        return _("The placeholder {%(name)s} has no value yet: %(what)s") % {
            "name": name, "what": described}
    return finding.rule


def explained(findings: list[Finding]) -> list[dict]:
    return [{**f.as_dict(), "message": explain(f),
             "severity_label": str(SEVERITY_LABELS.get(f.severity, f.severity))}
            for f in findings]
