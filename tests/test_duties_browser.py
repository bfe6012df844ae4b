"""In Chromium: a duty on trial, the timer, a Toggl import, the review, the timeline."""

from datetime import timedelta

import pytest
from django.utils import timezone

from handover.clients.demo import fill as fill_clients
from handover.clients.models import Engagement
from handover.core.actions import do_create_workspace
from handover.duties.models import Duty, Review, TimeEntry

from .browser import page  # noqa: F401 - the fixture
from .conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOGGL = ("\ufeffUser,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
         "End date,End time,Duration,Tags\n"
         "Alice Abate,alice@a.example,Studio Bellini,Agenda,,Week 1,No,2026-01-05,09:00:00,"
         "2026-01-05,09:40:00,00:40:00,\n"
         "Alice Abate,alice@a.example,Studio Bellini,Agenda,,Week 2,No,2026-01-12,09:00:00,"
         "2026-01-12,09:35:00,00:35:00,\n")


def test_it_runs_a_trial_duty_from_timer_and_import_to_a_renegotiate_decision(
        page, tmp_path):  # noqa: F811
    alice = make_user("alice@a.example", "Alice Abate")
    workspace = do_create_workspace("Alice Studio", actor=alice, slug="alice-studio")
    fill_clients(workspace, alice)
    engagement = Engagement.objects.filter(workspace=workspace).order_by("pk").first()

    page.goto("/")
    page.get_by_label("E-mail address").fill("alice@a.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/w/alice-studio/")

    page.get_by_role("link", name="Duties").first.click()
    page.get_by_role("link", name="New duty").click()
    page.get_by_label("Engagement").select_option(str(engagement.pk))
    page.get_by_label("Title").fill("Weekly agenda check")
    page.get_by_label("Status").select_option("trial")
    page.get_by_label("Trial review on").fill(
        (timezone.localdate() + timedelta(days=30)).isoformat())
    page.get_by_label("The client's own time per occurrence (minutes)").fill("60")
    page.get_by_label("Procedure").fill("1. Open the calendar.\n2. Confirm the visits.")
    page.get_by_label("Reason").fill("Trial asked by Giulia.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Weekly agenda check").wait_for()
    duty = Duty.objects.get(workspace=workspace, title="Weekly agenda check")
    assert duty.status == "trial"

    page.get_by_role("button", name="Start the timer").click()
    page.get_by_text("Timer running on Weekly agenda check").wait_for()
    page.reload()  # the timer is kept on the server: it survives a reload
    page.get_by_text("Timer running on Weekly agenda check").wait_for()
    TimeEntry.objects.filter(duty=duty, running=True).update(
        started_at=timezone.now() - timedelta(minutes=45))
    page.get_by_role("button", name="Stop the timer").click()
    page.get_by_text("minutes were logged on Weekly agenda check").wait_for()
    timed = TimeEntry.objects.get(duty=duty, source="timer")
    assert not timed.running and 45 * 60 <= timed.seconds < 46 * 60

    export = tmp_path / "toggl-export.csv"
    export.write_text(TOGGL, encoding="utf-8")
    page.goto(f"/w/{workspace.slug}/time/import/")
    page.get_by_label("Export file (CSV)").set_input_files(str(export))
    page.get_by_role("button", name="Import").click()
    page.get_by_label("Studio Bellini / Agenda").select_option(str(duty.pk))
    page.get_by_role("button", name="Import").click()
    page.get_by_text("2 entries imported").wait_for()
    assert TimeEntry.objects.filter(duty=duty, source="import").count() == 2

    page.goto(f"/w/{workspace.slug}/duties/{duty.pk}/")
    page.get_by_role("link", name="Review", exact=True).click()
    page.get_by_role("heading", name="Review of Weekly agenda check").wait_for()
    assert page.locator("svg.trend-chart circle").count() == 3
    page.get_by_label("Change its scope or price").check()
    page.get_by_label("New time agreed per occurrence (minutes)").fill("40")
    page.get_by_label("Notes").fill("Forty minutes, not thirty.")
    page.get_by_label("Next review on").fill(
        (timezone.localdate() + timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_role("heading", name="Weekly agenda check").wait_for()
    timeline = page.locator("ol.timeline")
    timeline.get_by_text("reviewed the duty and decided: Change its scope or price.").wait_for()
    assert "Forty minutes, not thirty." in timeline.inner_text()
    review = Review.objects.get(duty=duty)
    assert review.decision == "renegotiate" and review.proposed_terms == {"agreed_minutes": 40}
    page.get_by_role("heading", name="New terms waiting for the client's answer").wait_for()
