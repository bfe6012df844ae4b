"""In Chromium: sign in, create a client and an engagement, switch to Polish."""

import pytest
from django.utils import translation

from handover.clients.models import Client, Engagement
from handover.core.actions import do_create_workspace

from .browser import page  # noqa: F401 - the fixture
from .conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_creates_a_client_and_an_engagement_then_speaks_polish(page):  # noqa: F811
    alice = make_user("alice@a.example", "Alice Abate")
    workspace = do_create_workspace("Alice Studio", actor=alice, slug="alice-studio")

    page.goto("/")
    page.get_by_label("E-mail address").fill("alice@a.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/w/alice-studio/")

    page.get_by_role("link", name="New client").first.click()
    page.get_by_label("Name").fill("Kowalski i Synowie")
    page.get_by_label("Language:", exact=True).select_option("pl")
    page.get_by_label("Country").select_option("PL")
    page.get_by_label("Time zone").select_option("Europe/Warsaw")
    page.get_by_label("E-mail domains").fill("kowalski.example")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Kowalski i Synowie").wait_for()

    page.get_by_role("link", name="New engagement").click()
    page.get_by_label("Title").fill("Biuro zdalne")
    page.get_by_label("Start date").fill("2026-03-02")
    page.get_by_label("Public holidays of").select_option("PL")
    page.get_by_label("Hourly rate").fill("120")
    page.get_by_label("Currency").select_option("PLN")
    page.get_by_label("Saturday").fill("10:00-12:00")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Biuro zdalne").wait_for()
    assert "PLN" in page.content()

    page.get_by_label("Interface language").select_option("pl")
    page.wait_for_load_state()
    with translation.override("pl"):
        working_hours = translation.gettext("Working hours")
        dashboard = translation.gettext("Dashboard")
        edit = translation.gettext("Edit")
    page.get_by_role("heading", name=working_hours).wait_for()
    assert page.locator("html").get_attribute("lang") == "pl"
    assert page.get_by_role("link", name=dashboard).is_visible()
    assert page.get_by_role("link", name=edit).is_visible()
    assert "120,00" in page.content()

    engagement = Engagement.objects.get(workspace=workspace, title="Biuro zdalne")
    assert engagement.client == Client.objects.get(name="Kowalski i Synowie")
    assert [(w.weekday, f"{w.start:%H:%M}") for w in engagement.working_windows.all()] \
        == [(0, "09:00"), (0, "14:00"), (1, "09:00"), (1, "14:00"), (2, "09:00"),
            (2, "14:00"), (3, "09:00"), (3, "14:00"), (4, "09:00"), (4, "14:00"), (5, "10:00")]
    alice.refresh_from_db()
    assert alice.language == "pl"
