"""In Chromium: open an engagement's health page, see the heatmap and evidence, dismiss."""

import pytest

from handover.core.actions import do_create_workspace
from handover.core.demo import fill_workspace
from handover.health.models import EngagementHealth, HealthFinding

from .browser import page  # noqa: F401 - the fixture
from .conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_opens_a_health_page_and_dismisses_a_false_alarm(page):  # noqa: F811
    alice = make_user("alice@a.example", "Alice Abate")
    workspace = do_create_workspace("Alice Studio", actor=alice, slug="alice-studio")
    fill_workspace(workspace, alice)
    state = EngagementHealth.objects.get(workspace=workspace, recommendation="end_now")

    page.goto("/")
    page.get_by_label("E-mail address").fill("alice@a.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/w/alice-studio/")
    page.get_by_role("link", name=str(state.engagement)).first.click()
    page.get_by_role("heading", name="Recommendation: End the engagement at once").wait_for()
    assert page.locator("svg.heatmap rect").count() == 7 * 24
    assert page.locator("mark").first.inner_text().lower().startswith("ty idiotk")

    page.get_by_role("button", name="Dismiss as a false alarm").first.click()
    page.get_by_text("The finding was dismissed as a false alarm.").wait_for()
    assert HealthFinding.objects.filter(engagement=state.engagement,
                                        dismissed_at__isnull=False).count() == 1
    state.refresh_from_db()
    assert state.recommendation != "end_now"
