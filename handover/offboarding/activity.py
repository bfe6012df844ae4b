"""Activity sentences for offboarding."""

from django.utils.translation import gettext_lazy as _

from .models import AccountState, Scenario

SENTENCES = {
    "plan_template.seeded": _("%(actor)s added %(count)s shipped plan templates."),
    "plan_template.renamed": _("%(actor)s renamed the plan template %(old)s to %(new)s."),
    "plan_template.step_added": _("%(actor)s added the step “%(step)s” to %(target)s."),
    "plan_template.step_changed": _("%(actor)s changed the step “%(step)s” of %(target)s."),
    "plan_template.step_removed": _("%(actor)s removed the step “%(step)s” from %(target)s."),
    "plan_template.step_moved": _("%(actor)s moved the step “%(step)s” of %(target)s to "
                                  "position %(position)s."),
    "offboarding_plan.started": _("%(actor)s started the offboarding plan for %(target)s "
                                  "(%(scenario)s), last day %(last_day)s."),
    "offboarding_plan.notice_overridden": _(
        "%(actor)s set the last day of %(target)s to %(last_day)s, before the notice allows "
        "(%(earliest_last_day)s), because: %(reason)s"),
    "offboarding_plan.closed": _("%(actor)s closed the offboarding plan for %(target)s."),
    "offboarding_plan.closed_early_kept": _(
        "%(actor)s closed the offboarding plan for %(target)s before its last day "
        "(%(last_day)s); the engagement stays active."),
    "offboarding_plan.closed_early_ended": _(
        "%(actor)s closed the offboarding plan for %(target)s before its last day "
        "(%(last_day)s); the engagement ends on %(end_date)s."),
    "offboarding_plan.feed_renewed": _("%(actor)s made a new calendar address for %(target)s."),
    "offboarding_plan.feed_revoked": _("%(actor)s turned off the calendar address of "
                                       "%(target)s."),
    "offboarding_plan.recap_saved": _("%(actor)s saved the recap document of %(target)s."),
    "offboarding_plan.call_updated": _("%(actor)s updated the handover call of %(target)s."),
    "offboarding_plan.successor_invited": _("%(actor)s invited %(to)s to the handover call of "
                                            "%(target)s."),
    "offboarding_plan.support_set": _("%(actor)s set the support terms after the end of "
                                      "%(target)s."),
    "support_request.logged": _("%(actor)s logged the support request “%(summary)s” for "
                                "%(target)s."),
    "plan_step.reassigned": _("%(actor)s gave the step %(target)s to %(owner)s, due %(due)s."),
    "plan_step.done": _("%(actor)s ticked off the step %(target)s."),
    "plan_step.skipped": _("%(actor)s skipped the step %(target)s."),
    "plan_step.reopened": _("%(actor)s reopened the step %(target)s."),
    "access_account.flagged": _(
        "%(actor)s flagged the account %(target)s for revocation because %(holder)s is leaving."
    ),
    "access_account.added": _("%(actor)s added the account %(target)s to the inventory."),
    "access_account.updated": _("%(actor)s updated the account %(target)s."),
    "access_account.deleted": _("%(actor)s removed the account %(target)s from the inventory."),
    "access_account.state_changed": _("%(actor)s changed the account %(target)s from "
                                      "%(old_state)s to %(new_state)s."),
    "access_account.revocation_requested": _("%(actor)s asked %(to)s to revoke %(count)s "
                                             "accounts for %(target)s."),
    "access_account.imported": _("%(actor)s imported %(imported)s accounts from a %(source)s "
                                 "export (%(duplicates)s duplicates, %(unmatched)s without "
                                 "a client)."),
}

LABELS = {"scenario": Scenario, "old_state": AccountState, "new_state": AccountState}

KINDS = (
    ("offboarding_plan.", _("Offboarding plans")),
    ("plan_step.", _("Offboarding steps")),
    ("plan_template.", _("Plan templates")),
    ("access_account.", _("Access inventory")),
    ("support_request.", _("Support after the end")),
)
