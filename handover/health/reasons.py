"""Why a recommendation was made, as whole translated sentences with named placeholders."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

REASONS = {
    "serious_disrespect": ngettext_lazy(
        "One message was seriously abusive; one such case is enough.",
        "%(count)s messages were seriously abusive; one such case is enough.", "count"),
    "out_of_hours": _("%(share)s%% of inbound contact came outside the agreed hours "
                      "(%(count)s contacts, about %(rate)s a month)."),
    "last_minute": _("%(count)s requests left less than the agreed lead time "
                     "(about %(rate)s a month)."),
    "schedule_change": _("%(count)s meetings were moved or cancelled at the last minute."),
    "payment_late": ngettext_lazy(
        "One invoice was paid late (%(average_days)s days after its due date).",
        "%(late)s invoices were paid late (on average %(average_days)s days).", "late"),
    "payment_unpaid": ngettext_lazy(
        "One invoice is unpaid past its due date.",
        "%(unpaid_overdue)s invoices are unpaid past their due date.", "unpaid_overdue"),
    "disrespect": _("%(count)s messages were disrespectful."),
    "expectations": _("%(count)s messages asked for rework or clarification, a sign of "
                      "expectations that were never said."),
    "scope_drift": _("%(count)s duties were added without a change of rate."),
    "score": _("The overall score is %(score)s out of 100."),
    "fine": _("Nothing worth raising: the score is %(score)s out of 100."),
}

ADVICE = {
    "carry_on": _("Carry on as you are; look again next week."),
    "summary": _("Hold a summary conversation: go through what was expected and agree it "
                 "in writing."),
    "renegotiate": _("Renegotiate the terms behind the problems below: working hours, lead "
                     "time or payment terms."),
    "notice": _("Several problems persist: consider giving notice under the agreed notice "
                "period."),
    "end_now": _("Abuse is a reason to end the engagement at once and keep the evidence."),
}


def reason_sentences(reasons) -> list[str]:
    out = []
    for code, figures in _split(reasons or []):
        message = REASONS.get(code)
        if message is None:
            continue
        out.append(str(message % figures) if figures else str(message))
    return out


def _split(reasons):
    """A payment reason reads as one sentence for late and one for unpaid invoices."""
    for code, figures in reasons:
        if code != "payment":
            yield code, figures
            continue
        if figures.get("late"):
            yield "payment_late", figures
        if figures.get("unpaid_overdue"):
            yield "payment_unpaid", figures
