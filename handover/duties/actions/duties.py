"""Writes for duties, procedures and proposals. Atomic and audited.

Time entries, the timer and imports are in `actions/time.py`; reviews in `actions/reviews.py`;
reports in `actions/reports.py`.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from handover.core.audit import changed_fields, record
from handover.core.links import absolute
from handover.core.mail import queue_email
from handover.core.models import Membership, Role

from .. import selectors
from ..models import (
    ChangeKind,
    Duty,
    DutyChange,
    DutyStatus,
    ProcedureVersion,
    Proposal,
)
from .reports import do_remind_late_report, do_request_reports

DUTY_FIELDS = ("title", "description", "assignee", "status", "started_on", "trial_review_on",
               "next_review_on", "frequency", "client_minutes", "client_hourly_value",
               "agreed_minutes")
SCOPE_FIELDS = ("title", "description", "frequency", "client_minutes", "client_hourly_value",
                "agreed_minutes",
                "started_on", "trial_review_on", "next_review_on")


def _change(duty, actor, kind, reason="", version=None, **data) -> DutyChange:
    return DutyChange.objects.create(workspace=duty.workspace, duty=duty, kind=kind,
                                     reason=reason, actor=actor, version=version, data=data)


def _check_assignee(workspace, user) -> None:
    if user is not None and not Membership.objects.filter(
            workspace=workspace, user=user, is_active=True).exists():
        raise ValueError("assignee is not a member of the workspace")


@transaction.atomic
def do_create_duty(engagement, *, actor, procedure: str = "", reason: str = "",
                   **fields) -> Duty:
    if engagement.workspace_id is None:
        raise ValueError("engagement without workspace")
    _check_assignee(engagement.workspace, fields.get("assignee"))
    values = {k: v for k, v in fields.items() if k in DUTY_FIELDS}
    if values.get("status", DutyStatus.TRIAL) == DutyStatus.TRIAL:
        values.setdefault("next_review_on", values.get("trial_review_on"))
        if not values.get("next_review_on"):
            values["next_review_on"] = values.get("trial_review_on")
    duty = Duty.objects.create(workspace=engagement.workspace, engagement=engagement, **values)
    version = None
    if procedure.strip():
        version = ProcedureVersion.objects.create(
            workspace=duty.workspace, duty=duty, number=1, body=procedure,
            change_note=reason or _("First version."), author=actor)
    _change(duty, actor, ChangeKind.CREATED, reason, version=version, status=duty.status)
    record(duty.workspace, actor, "duty.created", duty, engagement=str(engagement),
           status=duty.status, reason=reason)
    return duty


@transaction.atomic
def do_update_duty(duty: Duty, *, actor, reason: str, **fields) -> Duty:
    stored = Duty.objects.get(pk=duty.pk)
    before = {name: getattr(stored, name) for name in DUTY_FIELDS}
    if "assignee" in fields:
        _check_assignee(duty.workspace, fields["assignee"])
    for name in DUTY_FIELDS:
        if name in fields:
            setattr(duty, name, fields[name])
    changes = changed_fields(before, {name: getattr(duty, name) for name in DUTY_FIELDS})
    if not changes:
        return duty
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the duty changes.")})
    duty.save()
    if "assignee" in changes:
        _change(duty, actor, ChangeKind.ASSIGNEE, reason, old=changes["assignee"][0],
                new=changes["assignee"][1])
    if "status" in changes:
        _change(duty, actor, ChangeKind.STATUS, reason, old=before["status"], new=duty.status)
        record(duty.workspace, actor, "duty.status_changed", duty,
               old_duty_status=before["status"], new_duty_status=duty.status, reason=reason)
    scope = {k: v for k, v in changes.items() if k in SCOPE_FIELDS}
    if scope:
        _change(duty, actor, ChangeKind.SCOPE, reason, changes=scope)
    rest = {k: v for k, v in changes.items() if k != "status"}
    if rest:
        record(duty.workspace, actor, "duty.updated", duty, changes=rest, reason=reason)
    return duty


def _next_number(duty) -> int:
    return (duty.versions.aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def do_revise_procedure(duty: Duty, *, actor, body: str, change_note: str,
                        author=None) -> ProcedureVersion:
    duty = Duty.objects.select_for_update().get(pk=duty.pk)
    current = duty.versions.order_by("-number").first()
    if current is not None and current.body.strip() == body.strip():
        raise ValidationError({"body": _("The procedure is the same as the current version.")})
    version = ProcedureVersion.objects.create(
        workspace=duty.workspace, duty=duty, number=_next_number(duty), body=body,
        change_note=change_note, author=author or actor)
    _change(duty, actor, ChangeKind.PROCEDURE, change_note, version=version,
            number=version.number)
    record(duty.workspace, actor, "duty.procedure_revised", duty, number=version.number,
           note=change_note)
    return version


# Proposals --------------------------------------------------------------------------------

@transaction.atomic
def do_propose_revision(duty: Duty, *, actor, body: str, note: str) -> Proposal:
    current = duty.versions.order_by("-number").first()
    if current is not None and current.body.strip() == body.strip():
        raise ValidationError({"body": _("The proposal is the same as the current version.")})
    proposal = Proposal.objects.create(workspace=duty.workspace, duty=duty, base=current,
                                       body=body, note=note, proposed_by=actor)
    _change(duty, actor, ChangeKind.PROPOSAL, note, proposal=proposal.pk)
    record(duty.workspace, actor, "duty.proposal_made", duty, note=note)
    return proposal


def _pending(proposal: Proposal) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.state != Proposal.State.PENDING:
        raise ValidationError(_("This proposal has already been decided."))
    return proposal


@transaction.atomic
def do_accept_proposal(proposal: Proposal, *, actor, note: str = "") -> ProcedureVersion:
    proposal = _pending(proposal)
    version = do_revise_procedure(proposal.duty, actor=actor, body=proposal.body,
                                  change_note=proposal.note, author=proposal.proposed_by)
    proposal.state, proposal.decided_by = Proposal.State.ACCEPTED, actor
    proposal.decided_at, proposal.decision_note = timezone.now(), note
    proposal.save()
    _change(proposal.duty, actor, ChangeKind.PROPOSAL_ACCEPTED, note, version=version,
            proposal=proposal.pk, number=version.number)
    record(proposal.workspace, actor, "duty.proposal_accepted", proposal.duty,
           number=version.number, note=note)
    return version


@transaction.atomic
def do_decline_proposal(proposal: Proposal, *, actor, note: str = "") -> Proposal:
    proposal = _pending(proposal)
    proposal.state, proposal.decided_by = Proposal.State.DECLINED, actor
    proposal.decided_at, proposal.decision_note = timezone.now(), note
    proposal.save()
    _change(proposal.duty, actor, ChangeKind.PROPOSAL_DECLINED, note, proposal=proposal.pk)
    record(proposal.workspace, actor, "duty.proposal_declined", proposal.duty, note=note)
    return proposal


def _link(name: str, **kwargs) -> str:
    return absolute(reverse(name, kwargs=kwargs))


@transaction.atomic
def do_remind_review(duty: Duty, *, actor=None) -> int:
    """Mail the people who decide that the duty's review is due; once per due date."""
    if duty.review_reminded_for == duty.next_review_on:
        return 0
    duty.review_reminded_for = duty.next_review_on
    duty.save(update_fields=["review_reminded_for"])
    owners = Membership.objects.filter(workspace=duty.workspace, is_active=True,
                                       role__in=[Role.OWNER, Role.MANAGER]).select_related("user")
    people = {m.user for m in owners}
    if duty.engagement.account_manager:
        people.add(duty.engagement.account_manager)
    for user in sorted(people, key=lambda u: u.email):
        queue_email(workspace=duty.workspace, to=user.email, kind="duty_review_due",
                    language=user.language, template="duties/email/review_due",
                    context={"workspace": duty.workspace.name, "duty": duty.title,
                             "client": duty.engagement.client.name, "due_on": duty.next_review_on,
                             "trial": duty.status == DutyStatus.TRIAL,
                             "link": _link("duty_review", ws=duty.workspace.slug,
                                           duty_id=duty.pk)})
    record(duty.workspace, actor, "duty.review_reminded", duty,
           due_on=duty.next_review_on.isoformat(), people=len(people))
    return len(people)


def do_run_schedule(workspace, *, today: date | None = None) -> dict:
    """The daily round: review reminders, the month's report requests, late-report reminders."""
    today = today or timezone.localdate()
    done = {"reviews": 0, "requests": 0, "late": 0}
    for duty in selectors.reviews_due(workspace, today=today):
        if duty.review_reminded_for != duty.next_review_on:
            do_remind_review(duty)
            done["reviews"] += 1
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    owner = Membership.objects.filter(workspace=workspace, role=Role.OWNER,
                                      is_active=True).select_related("user").first()
    done["requests"] = len(do_request_reports(
        workspace, actor=owner.user if owner else None, month=last_month,
        due_on=today.replace(day=1) + timedelta(days=6)))
    for request in selectors.reports_to_remind(workspace, today=today):
        do_remind_late_report(request)
        done["late"] += 1
    return done
