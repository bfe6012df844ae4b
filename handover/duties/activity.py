from django.utils.translation import gettext_lazy as _

from .models import ClientAnswer, Decision, DutyStatus

SENTENCES = {
    "duty.created": _("%(actor)s added the duty %(target)s."),
    "duty.updated": _("%(actor)s changed the duty %(target)s: %(reason)s"),
    "duty.status_changed": _(
        "%(actor)s changed the status of %(target)s from %(old_duty_status)s to "
        "%(new_duty_status)s."),
    "duty.procedure_revised": _("%(actor)s wrote version %(number)s of the procedure of "
                                "%(target)s."),
    "duty.reviewed": _("%(actor)s reviewed %(target)s and decided: %(decision)s."),
    "duty.terms_answered": _("%(actor)s recorded the client's answer to the new terms of "
                             "%(target)s: %(answer)s."),
    "duty.review_reminded": _("Handover reminded the owners that %(target)s is due for "
                              "review."),
    "duty.proposal_made": _("%(actor)s proposed a revision of the procedure of %(target)s."),
    "duty.proposal_accepted": _("%(actor)s accepted a proposed revision of %(target)s "
                                "(version %(number)s)."),
    "duty.proposal_declined": _("%(actor)s declined a proposed revision of %(target)s."),
    "time.logged": _("%(actor)s logged %(minutes)s minutes on %(target)s."),
    "time.updated": _("%(actor)s corrected a time entry on %(target)s."),
    "time.deleted": _("%(actor)s deleted a time entry on %(target)s."),
    "time.timer_started": _("%(actor)s started the timer on %(target)s."),
    "time.timer_stopped": _("%(actor)s stopped the timer on %(target)s after %(minutes)s "
                            "minutes."),
    "time.timer_discarded": _("%(actor)s discarded the timer on %(target)s."),
    "time.imported": _("%(actor)s imported %(imported)s time entries from %(file)s."),
    "report.requested": _("%(actor)s asked %(collaborator)s for the report of %(month)s."),
    "report.submitted": _("%(actor)s sent the report of %(month)s."),
    "report.reminded": _("Handover reminded %(collaborator)s that the report of %(month)s "
                         "is late."),
}

LABELS = {"decision": Decision, "answer": ClientAnswer, "old_duty_status": DutyStatus,
          "new_duty_status": DutyStatus}

KINDS = (
    ("duty.", _("Duties")),
    ("time.", _("Time")),
    ("report.", _("Reports")),
)
