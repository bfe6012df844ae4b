"""Ending an engagement is one journey: steps never dated before the plan starts, overdue
steps, the minimum notice, one open plan per engagement, closing a plan early."""

import re
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from handover.clients.models import EngagementStatus
from handover.core.models import AuditEvent
from handover.core.templatetags.handover import date_long
from handover.offboarding.actions import plans as actions
from handover.offboarding.models import Plan, PlanTemplate, StepState

from .conftest import first_engagement, signed_in


def bellini(workspace):
    return first_engagement(workspace=workspace, client__name__startswith="Studio Bellini")


def we_end(workspace, alice):
    actions.do_seed_templates(workspace, actor=alice, language="en")
    return PlanTemplate.objects.get(workspace=workspace, scenario="we_end", language="en")


def start(workspace, alice, **kwargs):
    return actions.do_start_plan(bellini(workspace), actor=alice,
                                 template=we_end(workspace, alice),
                                 notice_date=kwargs.pop("notice_date", timezone.localdate()),
                                 **kwargs)


def section(page: str, heading: str) -> str:
    return re.sub(rf"(?s).*<h2>{heading}</h2>", "", page).split("</section>")[0]


# 1. Dates ------------------------------------------------------------------------------

def test_it_never_dates_a_step_before_the_plan_starts_and_marks_it_overdue(alice, workspace_a):
    today = timezone.localdate()
    plan = start(workspace_a, alice)
    steps = {s.title: s for s in plan.steps.all()}
    assert all(s.due_date >= today for s in steps.values())
    warn = steps["Tell the client informally that the engagement will end"]
    assert warn.due_date == today and warn.planned_date is not None
    assert warn.planned_date < today
    later = steps["Put the shared folders in order"]
    assert later.planned_date is None and later.due_date > today
    event = AuditEvent.objects.get(verb="offboarding_plan.started", target_id=str(plan.pk))
    assert event.data["late_steps"] == sum(1 for s in steps.values() if s.planned_date)

    client = signed_in(alice)
    detail = client.get(f"/w/{workspace_a.slug}/offboarding/{plan.pk}/").content.decode()
    assert ("Overdue: should have been done by " + date_long(warn.planned_date)) in detail
    marked = {s.pk: s.overdue for s in client.get(
        f"/w/{workspace_a.slug}/offboarding/{plan.pk}/").context["steps"]}
    assert marked[warn.pk] and not marked[later.pk]


def test_it_lists_overdue_steps_apart_from_the_steps_due_this_week(alice, workspace_a):
    today = timezone.localdate()
    plan = start(workspace_a, alice)
    late = plan.steps.filter(planned_date__isnull=False).first()
    old = plan.steps.filter(planned_date__isnull=True).order_by("position").first()
    old.due_date = today - timedelta(days=3)  # open and due before today
    old.save()
    now = plan.steps.filter(planned_date__isnull=True).exclude(pk=old.pk).last()
    now.due_date = today
    now.save()
    done = plan.steps.filter(planned_date__isnull=True).exclude(pk__in=[old.pk, now.pk]).last()
    done.due_date = today - timedelta(days=1)
    done.state = StepState.DONE
    done.save()

    page = signed_in(alice).get(f"/w/{workspace_a.slug}/").content.decode()
    overdue, this_week = section(page, "Overdue"), section(page, "Steps due this week")
    assert late.title in overdue and old.title in overdue and done.title not in overdue
    assert now.title in this_week
    assert late.title not in this_week and old.title not in this_week
    assert "should have been done by " + date_long(old.due_date) in overdue


def test_it_clears_the_late_mark_when_a_step_gets_a_new_day_on_purpose(alice, workspace_a):
    plan = start(workspace_a, alice)
    late = plan.steps.filter(planned_date__isnull=False).first()
    actions.do_reassign_step(late, actor=alice, owner=alice,
                             due=timezone.localdate() + timedelta(days=2))
    late.refresh_from_db()
    assert late.planned_date is None


# 2. Notice -----------------------------------------------------------------------------

def test_it_refuses_less_than_a_month_of_notice_without_a_confirmed_reason(alice, workspace_a):
    engagement = bellini(workspace_a)
    engagement.notice_days = 14  # the contract asks less than the practice's month
    engagement.save()
    today = timezone.localdate()
    short = today + timedelta(days=15)
    with pytest.raises(actions.PlanRefused) as refused:
        start(workspace_a, alice, last_day=short)
    assert refused.value.code == "too_early" and refused.value.details["minimum_days"] == 30
    with pytest.raises(actions.PlanRefused):  # a reason alone is not enough
        start(workspace_a, alice, last_day=short, override_reason="The client asked.")
    assert not Plan.objects.filter(engagement=engagement).exists()

    client = signed_in(alice)
    url = f"/w/{workspace_a.slug}/offboarding/new/"
    data = {"engagement": engagement.pk, "template": we_end(workspace_a, alice).pk,
            "notice_date": today.isoformat(), "last_day": short.isoformat(), "start": "1",
            "override_reason": "The client asked in writing to stop early."}
    page = client.post(url, data)
    assert page.status_code == 200 and not Plan.objects.filter(engagement=engagement).exists()
    earliest = refused.value.details["earliest"]
    message = page.context["form"].errors["last_day"][0]
    assert "at least 30 days" in message and date_long(earliest) in message

    response = client.post(url, {**data, "confirm_short_notice": "on"})
    plan = Plan.objects.get(engagement=engagement)
    assert response.status_code == 302 and plan.last_day == short
    event = AuditEvent.objects.get(verb="offboarding_plan.notice_overridden",
                                   target_id=str(plan.pk))
    assert event.actor == alice and event.data["minimum_days"] == 30
    assert event.data["reason"] == "The client asked in writing to stop early."
    assert event.data["earliest_last_day"] == earliest.isoformat()


def test_it_asks_for_the_contracts_notice_when_it_is_longer_than_a_month(alice, workspace_a):
    engagement = bellini(workspace_a)
    engagement.notice_days = 60
    engagement.save()
    with pytest.raises(actions.PlanRefused) as refused:
        start(workspace_a, alice, last_day=timezone.localdate() + timedelta(days=45))
    assert refused.value.details["minimum_days"] == 60
    plan = start(workspace_a, alice)  # the proposed last day respects the contract
    assert (plan.last_day - plan.notice_date).days >= 60
    assert not AuditEvent.objects.filter(verb="offboarding_plan.notice_overridden").exists()


# 3. One open plan ----------------------------------------------------------------------

def test_it_keeps_one_open_plan_per_engagement(alice, workspace_a):
    first = start(workspace_a, alice)
    with pytest.raises(actions.PlanRefused) as refused:
        start(workspace_a, alice)
    assert refused.value.code == "open_plan" and refused.value.details["plan"] == first
    page = signed_in(alice).post(f"/w/{workspace_a.slug}/offboarding/new/", {
        "engagement": first.engagement_id, "template": we_end(workspace_a, alice).pk,
        "notice_date": timezone.localdate().isoformat(), "start": "1"})
    assert page.status_code == 200 and page.context["form"].non_field_errors()
    assert f"/offboarding/{first.pk}/" in page.content.decode()
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(workspace=workspace_a, engagement=first.engagement,
                            scenario="we_end", notice_date=first.notice_date,
                            last_day=first.last_day, earliest_last_day=first.last_day)
    assert Plan.objects.filter(engagement=first.engagement).count() == 1

    actions.do_close_plan(first, actor=alice, keep_engagement=True)
    second = start(workspace_a, alice)
    assert second.pk != first.pk and second.closed_at is None


# 4. Closing early ----------------------------------------------------------------------

def test_it_asks_before_closing_early_and_keeps_the_engagement_active(alice, workspace_a):
    plan = start(workspace_a, alice)
    engagement = plan.engagement
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ENDING
    with pytest.raises(actions.PlanRefused) as refused:
        actions.do_close_plan(plan, actor=alice)
    assert refused.value.code == "close_early_unconfirmed"

    client = signed_in(alice)
    url = f"/w/{workspace_a.slug}/offboarding/{plan.pk}/close/"
    detail = client.get(f"/w/{workspace_a.slug}/offboarding/{plan.pk}/").content.decode()
    assert url in detail
    page = client.get(url)
    assert page.status_code == 200
    assert "Close the plan before its last day?" in page.content.decode()
    assert date_long(plan.last_day) in page.content.decode()
    unanswered = client.post(url, {})
    assert unanswered.status_code == 200 and "outcome" in unanswered.context["form"].errors
    plan.refresh_from_db()
    assert plan.closed_at is None

    assert client.post(url, {"outcome": "active"}).status_code == 302
    plan.refresh_from_db()
    engagement.refresh_from_db()
    assert plan.closed_at is not None
    assert engagement.status == EngagementStatus.ACTIVE and engagement.end_date is None
    event = AuditEvent.objects.get(verb="offboarding_plan.closed_early_kept",
                                   target_id=str(plan.pk))
    assert event.actor == alice and event.data["last_day"] == plan.last_day.isoformat()
    assert not AuditEvent.objects.filter(verb="offboarding_plan.closed").exists()


def test_it_closes_early_and_ends_the_engagement_on_the_chosen_day(alice, workspace_a):
    today = timezone.localdate()
    plan = start(workspace_a, alice)
    url = f"/w/{workspace_a.slug}/offboarding/{plan.pk}/close/"
    client = signed_in(alice)
    missing = client.post(url, {"outcome": "ends", "end_date": ""})
    assert "end_date" in missing.context["form"].errors
    later = today + timedelta(days=5)
    client.post(url, {"outcome": "ends", "end_date": later.isoformat()})
    engagement = plan.engagement
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ENDING and engagement.end_date == later
    event = AuditEvent.objects.get(verb="offboarding_plan.closed_early_ended",
                                   target_id=str(plan.pk))
    assert event.data["end_date"] == later.isoformat()

    again = start(workspace_a, alice)
    actions.do_close_plan(again, actor=alice, keep_engagement=False, end_date=today)
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ENDED and engagement.end_date == today


def test_it_ends_the_engagement_when_the_plan_closes_on_its_last_day(alice, workspace_a):
    plan = start(workspace_a, alice)
    Plan.objects.filter(pk=plan.pk).update(last_day=timezone.localdate())
    plan.refresh_from_db()
    url = f"/w/{workspace_a.slug}/offboarding/{plan.pk}/close/"
    assert signed_in(alice).get(url).status_code == 405  # nothing to ask: a plain POST
    signed_in(alice).post(url)
    plan.engagement.refresh_from_db()
    assert plan.engagement.status == EngagementStatus.ENDED
    assert AuditEvent.objects.filter(verb="offboarding_plan.closed",
                                     target_id=str(plan.pk)).exists()


def test_it_describes_the_new_events_in_the_activity_log(alice, workspace_a):
    from handover.core.activity import describe

    plan = start(workspace_a, alice)
    actions.do_close_plan(plan, actor=alice, keep_engagement=False,
                          end_date=timezone.localdate() + timedelta(days=2))
    event = AuditEvent.objects.get(verb="offboarding_plan.closed_early_ended")
    assert "the engagement ends on" in describe(event)
