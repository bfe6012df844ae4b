"""Writes for offboarding plan templates and plans: steps, the calendar feed, the recap,
the handover call and its invitation, support after the end. Each is atomic and audited."""

from __future__ import annotations

import secrets
from datetime import date
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation

from handover.clients.actions import do_update_engagement
from handover.clients.models import Engagement, EngagementStatus
from handover.core.audit import record
from handover.core.models import Workspace
from handover.core.templatetags.handover import datetime_short
from handover.letters import actions as letters
from handover.letters import selectors as letter_selectors
from handover.letters.kinds import Kind

from .. import defaults, selectors
from ..models import (
    Anchor,
    Plan,
    PlanStep,
    PlanTemplate,
    StepState,
    SupportRequest,
    TemplateStep,
)
from ..notice import compute, due_date, due_from, required_notice_days
from ..workdays import calendar_for


class PlanRefused(ValueError):
    """A plan the rules do not allow; `code` tells which rule."""

    def __init__(self, code: str, **details):
        super().__init__(code)
        self.code = code
        self.details = details


# --- Templates -------------------------------------------------------------------------

@transaction.atomic
def do_seed_templates(workspace: Workspace, *, actor, language: str) -> list[PlanTemplate]:
    """The shipped templates in `language`, for the scenarios the workspace lacks in it."""
    have = set(PlanTemplate.objects.filter(workspace=workspace, language=language)
               .values_list("scenario", flat=True))
    made = []
    for scenario in defaults.SCENARIO_STEPS:
        if scenario in have:
            continue
        template = PlanTemplate.objects.create(
            workspace=workspace, scenario=scenario, language=language,
            name=defaults.template_name(scenario, language))
        TemplateStep.objects.bulk_create(
            TemplateStep(workspace=workspace, template=template, position=i,
                         title=s["title"], anchor=s["anchor"], offset_days=s["offset_days"],
                         party=s["party"])
            for i, s in enumerate(defaults.template_steps(scenario, language)))
        made.append(template)
    if made:
        record(workspace, actor, "plan_template.seeded", None, language=language,
               count=len(made))
    return made


@transaction.atomic
def do_rename_template(template: PlanTemplate, *, actor, name: str) -> PlanTemplate:
    old = template.name
    template.name = name
    template.save(update_fields=["name"])
    record(template.workspace, actor, "plan_template.renamed", template, old=old, new=name)
    return template


STEP_FIELDS = ("title", "anchor", "offset_days", "party")


@transaction.atomic
def do_add_template_step(template: PlanTemplate, *, actor, **fields) -> TemplateStep:
    last = template.steps.aggregate(n=Max("position"))["n"]
    step = TemplateStep.objects.create(
        workspace=template.workspace, template=template,
        position=0 if last is None else last + 1,
        **{k: fields[k] for k in STEP_FIELDS})
    record(template.workspace, actor, "plan_template.step_added", template, step=step.title)
    return step


@transaction.atomic
def do_update_template_step(step: TemplateStep, *, actor, **fields) -> TemplateStep:
    for name in STEP_FIELDS:
        if name in fields:
            setattr(step, name, fields[name])
    step.save()
    record(step.workspace, actor, "plan_template.step_changed", step.template, step=step.title,
           anchor=step.anchor, offset_days=step.offset_days)
    return step


@transaction.atomic
def do_remove_template_step(step: TemplateStep, *, actor) -> None:
    record(step.workspace, actor, "plan_template.step_removed", step.template, step=step.title)
    step.delete()


@transaction.atomic
def do_move_template_step(step: TemplateStep, *, actor, up: bool) -> None:
    steps = list(step.template.steps.order_by("position", "pk"))
    i = steps.index(step)
    j = i - 1 if up else i + 1
    if 0 <= j < len(steps):
        steps[i], steps[j] = steps[j], steps[i]
    for position, s in enumerate(steps):
        if s.position != position:
            s.position = position
            s.save(update_fields=["position"])
    record(step.workspace, actor, "plan_template.step_moved", step.template, step=step.title,
           position=steps.index(step) + 1)


# --- Plans -----------------------------------------------------------------------------

@transaction.atomic
def do_start_plan(engagement: Engagement, *, actor, template: PlanTemplate, notice_date: date,
                  last_day: date | None = None, override_reason: str = "",
                  confirm_short_notice: bool = False) -> Plan:
    """Lay out the template's steps around the notice and the last day.

    The notice must be at least `required_notice_days` (a month, or the contract's notice
    when longer): a last day before it allows is refused unless the shorter notice is
    confirmed and `override_reason` says why; the override is then written to the audit
    log. An engagement has one open plan at most. A step whose day falls before the plan
    starts (today) is due today and remembers the day it should have been done by.
    """
    if template.workspace_id != engagement.workspace_id:
        raise ValueError("template from another workspace")
    current = (Plan.objects.select_for_update()
               .filter(workspace=engagement.workspace, engagement=engagement,
                       closed_at__isnull=True).first())
    if current is not None:
        raise PlanRefused("open_plan", plan=current)
    cal = calendar_for(engagement)
    minimum = required_notice_days(engagement.notice_days)
    notice = compute(notice_date, minimum, cal, last_day)
    override_reason = override_reason.strip()
    if notice.too_early and not (confirm_short_notice and override_reason):
        raise PlanRefused("too_early", earliest=notice.earliest_last_day, minimum_days=minimum)
    plan = Plan.objects.create(
        workspace=engagement.workspace, engagement=engagement, scenario=template.scenario,
        notice_date=notice_date, last_day=notice.last_day,
        earliest_last_day=notice.earliest_last_day,
        override_reason=override_reason if notice.too_early else "",
        support_rate=engagement.support_rate, created_by=actor,
        feed_token=secrets.token_urlsafe(32),
    )
    start = timezone.localdate()
    anchors = {Anchor.NOTICE: notice_date, Anchor.LAST_DAY: notice.last_day}
    steps = []
    for i, s in enumerate(template.steps.order_by("position", "pk")):
        due, planned = due_from(start, anchors[s.anchor], s.offset_days, cal)
        steps.append(PlanStep(workspace=plan.workspace, plan=plan, position=i, title=s.title,
                              anchor=s.anchor, offset_days=s.offset_days, party=s.party,
                              owner=actor if s.party == "me" else None, due_date=due,
                              planned_date=planned))
    PlanStep.objects.bulk_create(steps)
    support_step = max((s.offset_days for s in template.steps.all()
                        if s.anchor == Anchor.LAST_DAY), default=0)
    if support_step > 0:
        plan.support_until = due_date(notice.last_day, support_step, cal)
        plan.save(update_fields=["support_until"])
    record(plan.workspace, actor, "offboarding_plan.started", plan,
           scenario=plan.scenario, notice_date=str(notice_date), last_day=str(plan.last_day),
           earliest_last_day=str(notice.earliest_last_day),
           late_steps=sum(1 for s in steps if s.planned_date))
    if notice.too_early:
        record(plan.workspace, actor, "offboarding_plan.notice_overridden", plan,
               last_day=str(plan.last_day), earliest_last_day=str(notice.earliest_last_day),
               minimum_days=minimum, contract_days=engagement.notice_days,
               reason=override_reason)
    do_update_engagement(engagement, actor=actor, status=EngagementStatus.ENDING,
                         end_date=plan.last_day)
    return plan


@transaction.atomic
def do_close_plan(plan: Plan, *, actor, keep_engagement: bool | None = None,
                  end_date: date | None = None) -> Plan:
    """Close the plan. Closed on or after its last day, the engagement is marked as ended.

    Closed early (before the last day), the caller must say what becomes of the engagement:
    `keep_engagement=True` keeps it active (the end date the plan set is cleared);
    `False` ends it on `end_date` (today when not given): ended if that day has come,
    ending until then. Refused (`close_early_unconfirmed`) when not said.
    """
    if plan.closed_at is not None:
        return plan
    today = timezone.localdate()
    early = today < plan.last_day
    if early and keep_engagement is None:
        raise PlanRefused("close_early_unconfirmed", last_day=plan.last_day)
    plan.closed_at = timezone.now()
    plan.save(update_fields=["closed_at"])
    engagement = plan.engagement
    if early and keep_engagement:
        record(plan.workspace, actor, "offboarding_plan.closed_early_kept", plan,
               last_day=str(plan.last_day))
        fields = {"status": EngagementStatus.ACTIVE}
        if engagement.end_date == plan.last_day:
            fields["end_date"] = None
        do_update_engagement(engagement, actor=actor, **fields)
        return plan
    if not early:
        record(plan.workspace, actor, "offboarding_plan.closed", plan)
        do_update_engagement(engagement, actor=actor, status=EngagementStatus.ENDED)
        return plan
    ends = end_date or today
    record(plan.workspace, actor, "offboarding_plan.closed_early_ended", plan,
           last_day=str(plan.last_day), end_date=str(ends))
    do_update_engagement(engagement, actor=actor, end_date=ends, status=(
        EngagementStatus.ENDED if ends <= today else EngagementStatus.ENDING))
    return plan


@transaction.atomic
def do_reassign_step(step: PlanStep, *, actor, owner, due: date) -> PlanStep:
    if owner is not None and not owner.memberships.filter(
            workspace=step.workspace, is_active=True).exists():
        raise ValueError("owner is not a member of the workspace")
    old_owner = step.owner.display_name if step.owner else ""
    if due != step.due_date:
        step.planned_date = None  # a day chosen on purpose: late only once it passes
    step.owner, step.due_date = owner, due
    step.save(update_fields=["owner", "due_date", "planned_date"])
    record(step.workspace, actor, "plan_step.reassigned", step, plan=str(step.plan),
           old_owner=old_owner, owner=owner.display_name if owner else "", due=str(due))
    return step


@transaction.atomic
def do_complete_step(step: PlanStep, *, actor, state: str = StepState.DONE, note: str = "",
                     link: str = "", evidence=None) -> PlanStep:
    step.state = state
    step.note, step.link = note, link
    if evidence is not None:
        step.evidence.save(evidence.name, evidence, save=False)
    step.completed_by, step.completed_at = actor, timezone.now()
    step.save()
    record(step.workspace, actor, f"plan_step.{'done' if state == StepState.DONE else 'skipped'}",
           step, plan=str(step.plan), note=bool(note), link=link,
           file=step.evidence.name.rsplit("/", 1)[-1] if step.evidence else "")
    return step


@transaction.atomic
def do_reopen_step(step: PlanStep, *, actor) -> PlanStep:
    step.state, step.completed_by, step.completed_at = StepState.OPEN, None, None
    step.save(update_fields=["state", "completed_by", "completed_at"])
    record(step.workspace, actor, "plan_step.reopened", step, plan=str(step.plan))
    return step


# --- Feed, recap, call, support --------------------------------------------------------

@transaction.atomic
def do_renew_feed_token(plan: Plan, *, actor) -> Plan:
    plan.feed_token = secrets.token_urlsafe(32)
    plan.save(update_fields=["feed_token"])
    record(plan.workspace, actor, "offboarding_plan.feed_renewed", plan)
    return plan


@transaction.atomic
def do_revoke_feed_token(plan: Plan, *, actor) -> Plan:
    plan.feed_token = ""
    plan.save(update_fields=["feed_token"])
    record(plan.workspace, actor, "offboarding_plan.feed_revoked", plan)
    return plan


@transaction.atomic
def do_save_recap(plan: Plan, *, actor, recap: str) -> Plan:
    plan.recap = recap
    plan.save(update_fields=["recap"])
    record(plan.workspace, actor, "offboarding_plan.recap_saved", plan, length=len(recap))
    return plan


CALL_FIELDS = ("successor_name", "successor_email", "call_at", "call_minutes",
               "recording_url", "call_notes")


@transaction.atomic
def do_update_call(plan: Plan, *, actor, **fields) -> Plan:
    for name in CALL_FIELDS:
        if name in fields:
            setattr(plan, name, fields[name])
    plan.save()
    record(plan.workspace, actor, "offboarding_plan.call_updated", plan,
           successor=plan.successor_name, recording=bool(plan.recording_url))
    return plan


@transaction.atomic
def do_invite_successor(plan: Plan, *, actor, agenda: list[str], author: str = ""):
    """The letters app's handover-call invitation to the successor, with the call as an
    iCalendar attachment, in the successor's language (a member's own, else the client's).

    Returns the letter. It is queued at once unless the letters app stops it (the
    workspace's policy asks for approval of this kind, or the check found a serious
    problem): then it waits as a draft in Letters and the call is not marked as invited.
    """
    from ..calendar import invitation_ics

    if not (plan.successor_email and plan.call_at):
        raise PlanRefused("call_incomplete")
    engagement = plan.engagement
    language = (selectors.member_language(plan.workspace, plan.successor_email)
                or engagement.client.language)
    with translation.override(language), timezone.override(ZoneInfo(engagement.time_zone)):
        when = datetime_short(plan.call_at)
    extra = {"recipient_name": plan.successor_name or plan.successor_email, "call_time": when,
             "agenda": "\n".join(f"- {item}" for item in agenda), "sender_name": author}
    letter = letters.do_draft_letter(plan.workspace, actor=actor, kind=Kind.HANDOVER_CALL,
                                     language=language, engagement=engagement,
                                     to=plan.successor_email, extra=extra)
    if letter_selectors.obstacles(letter):
        return letter
    ics = invitation_ics(plan, agenda=agenda, organiser=actor, summary=letter.subject)
    letter = letters.do_send_letter(letter, actor=actor, attachments=[
        ("invitation.ics", ics, "text/calendar; method=REQUEST")])
    plan.call_invited_at = timezone.now()
    plan.save(update_fields=["call_invited_at"])
    record(plan.workspace, actor, "offboarding_plan.successor_invited", plan,
           to=plan.successor_email, when=when)
    return letter


@transaction.atomic
def do_set_support(plan: Plan, *, actor, support_until, support_rate, free_questions) -> Plan:
    plan.support_until, plan.support_rate = support_until, support_rate
    plan.free_questions = free_questions
    plan.save(update_fields=["support_until", "support_rate", "free_questions"])
    record(plan.workspace, actor, "offboarding_plan.support_set", plan,
           until=str(support_until or ""), rate=str(support_rate or ""))
    return plan


@transaction.atomic
def do_log_support_request(plan: Plan, *, actor, day, summary, kind, minutes) -> SupportRequest:
    entry = SupportRequest.objects.create(workspace=plan.workspace, plan=plan, day=day,
                                          summary=summary, kind=kind, minutes=minutes)
    record(plan.workspace, actor, "support_request.logged", plan, summary=summary,
           kind=kind, minutes=minutes)
    return entry
