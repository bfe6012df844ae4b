"""Quick time entry: "Log time" on the duty's page, the duties list and the dashboard opens a
small form in place; with htmx it answers with itself, without it goes back where it came
from."""

from datetime import timedelta

import pytest
from django.utils import timezone

from handover.clients.demo import fill as fill_clients
from handover.clients.models import Engagement
from handover.core.actions import do_create_workspace
from handover.core.templatetags.handover import date_long
from handover.duties.actions import duties as duty_actions
from handover.duties.models import Duty, TimeEntry

from .browser import page  # noqa: F401 - the fixture
from .conftest import PASSWORD, make_user

HTMX = {"HTTP_HX_REQUEST": "true"}


def new_duty(engagement, actor, **extra):
    today = timezone.localdate()
    fields = dict(title="Weekly agenda check", assignee=actor, status="trial",
                  started_on=today - timedelta(days=30), trial_review_on=today + timedelta(days=30),
                  frequency="weekly", client_minutes=60, agreed_minutes=30,
                  procedure="1. Open the calendar.", reason="Trial asked by Giulia.")
    fields.update(extra)
    return duty_actions.do_create_duty(engagement, actor=actor, **fields)


@pytest.fixture
def duty(demo_workspace_a):
    return Duty.objects.filter(workspace=demo_workspace_a).order_by("pk").first()


def log_url(duty):
    return f"/w/{duty.workspace.slug}/duties/{duty.pk}/time/"


def entries_of(duty):
    return TimeEntry.objects.filter(duty=duty)


def test_it_shows_log_time_in_place_on_the_duty_page_the_list_and_the_dashboard(
        alice, alice_client, demo_workspace_a, duty):
    ws = demo_workspace_a.slug
    due = new_duty(duty.engagement, alice, trial_review_on=timezone.localdate())
    for address, shown in [(f"/w/{ws}/duties/{duty.pk}/", duty), (f"/w/{ws}/duties/", duty),
                           (f"/w/{ws}/", due)]:
        html = alice_client.get(address).content.decode()
        assert f'hx-post="{log_url(shown)}"' in html, address
        assert f'name="next" value="{address}"' in html, address
        assert f'id="quick-{shown.pk}-date"' in html, address
        assert f'name="date" value="{timezone.localdate().isoformat()}"' in html, address
    # The list of the duty's entries on its page is the part refreshed after a log.
    html = alice_client.get(f"/w/{ws}/duties/{duty.pk}/").content.decode()
    assert 'id="duty-entries"' in html and 'name="entries" value="1"' in html


def test_it_logs_time_with_htmx_and_answers_with_the_form_and_a_confirmation(
        alice, alice_client, duty):
    before = entries_of(duty).count()
    today = timezone.localdate()
    response = alice_client.post(log_url(duty), {
        "date": today.isoformat(), "minutes": "25", "occurrences": "1", "note": "Quick one",
        "next": f"/w/{duty.workspace.slug}/duties/{duty.pk}/", "entries": "1"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert f"Logged 25 min on {duty.title} for {date_long(today)}." in html
    assert html.count("<form") == 1 and 'name="minutes"' in html  # ready for another one
    assert 'id="duty-entries" class="scroll-x" hx-swap-oob="true"' in html and "Quick one" in html
    assert entries_of(duty).count() == before + 1
    entry = entries_of(duty).order_by("-pk").first()
    assert (entry.person, entry.date, entry.seconds, entry.occurrences, entry.note,
            entry.source) == (alice, today, 25 * 60, 1, "Quick one", "manual")


def test_it_goes_back_to_next_without_javascript(alice_client, duty):
    listing = f"/w/{duty.workspace.slug}/duties/?status="
    before = entries_of(duty).count()
    response = alice_client.post(log_url(duty), {
        "date": timezone.localdate().isoformat(), "minutes": "40", "occurrences": "2",
        "note": "", "next": listing})
    assert response.status_code == 302 and response.url == listing
    assert entries_of(duty).count() == before + 1
    html = alice_client.get(listing).content.decode()
    assert f"Logged 40 min on {duty.title} for" in html


def test_it_does_not_follow_a_next_to_another_site(alice_client, duty):
    for target in ["https://evil.example/", "//evil.example/", "/w/charlie/duties/"]:
        response = alice_client.post(log_url(duty), {
            "date": timezone.localdate().isoformat(), "minutes": "5", "occurrences": "1",
            "next": target})
        assert response.status_code == 302
        assert response.url == f"/w/{duty.workspace.slug}/duties/{duty.pk}/", target


def test_it_gives_errors_in_the_inline_form_and_keeps_what_was_typed(alice_client, duty):
    before = entries_of(duty).count()
    today = timezone.localdate()
    cases = [
        ({"minutes": "-5"}, "The time cannot be negative."),
        ({"minutes": ""}, "Give the minutes you spent."),
        ({"minutes": str(24 * 60 + 1)}, "One entry can last 24 hours at most."),
        ({"minutes": "25", "date": (today + timedelta(days=1)).isoformat()},
         "The date cannot be in the future."),
    ]
    for change, error in cases:
        data = {"date": today.isoformat(), "occurrences": "3", "note": "Checked the totals",
                "next": f"/w/{duty.workspace.slug}/duties/"}
        data.update(change)
        response = alice_client.post(log_url(duty), data, **HTMX)
        assert response.status_code == 200
        html = response.content.decode()
        assert "<html" not in html and error in html, error
        assert "<details open>" in html
        assert 'value="Checked the totals"' in html and 'value="3"' in html
        assert f'name="date" value="{data["date"]}"' in html
        if data["minutes"]:
            assert f'name="minutes" value="{data["minutes"]}"' in html
        assert 'name="next" value="/w/' in html
        assert "Logged" not in html
    assert entries_of(duty).count() == before


def test_it_shows_the_errors_on_a_page_of_their_own_without_javascript(alice_client, duty):
    before = entries_of(duty).count()
    response = alice_client.post(log_url(duty), {
        "date": timezone.localdate().isoformat(), "minutes": "-1", "occurrences": "1",
        "next": f"/w/{duty.workspace.slug}/duties/"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html and "The time cannot be negative." in html
    assert f"Log time on {duty.title}" in html
    assert f'name="next" value="/w/{duty.workspace.slug}/duties/"' in html
    assert entries_of(duty).count() == before


def test_it_answers_errors_in_the_users_language(alice, alice_client, duty):
    alice.language = "it"
    alice.save(update_fields=["language"])
    response = alice_client.post(log_url(duty), {
        "date": timezone.localdate().isoformat(), "minutes": "-5", "occurrences": "1"}, **HTMX)
    assert "Il tempo non può essere negativo." in response.content.decode()


def test_it_answers_404_to_another_workspaces_user(charlie_client, duty):
    before = entries_of(duty).count()
    assert charlie_client.get(log_url(duty)).status_code == 404
    for headers in ({}, HTMX):
        response = charlie_client.post(log_url(duty), {
            "date": timezone.localdate().isoformat(), "minutes": "25", "occurrences": "1"},
            **headers)
        assert response.status_code == 404
    # Nor through Charlie's own workspace's address.
    response = charlie_client.post(f"/w/charlie/duties/{duty.pk}/time/", {
        "date": timezone.localdate().isoformat(), "minutes": "25", "occurrences": "1"})
    assert response.status_code == 404
    assert entries_of(duty).count() == before


# --- in Chromium ---------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_logs_time_in_place_on_a_phone(page):  # noqa: F811
    alice = make_user("alice@a.example", "Alice Abate")
    workspace = do_create_workspace("Alice Studio", actor=alice, slug="alice-studio")
    fill_clients(workspace, alice)
    engagement = Engagement.objects.filter(workspace=workspace).order_by("pk").first()
    duty = new_duty(engagement, alice)

    page.set_viewport_size({"width": 375, "height": 812})
    page.goto("/")
    page.get_by_label("E-mail address").fill("alice@a.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/w/alice-studio/")

    page.goto(f"/w/{workspace.slug}/duties/{duty.pk}/")
    address = page.url
    page.get_by_text("Log time", exact=True).click()
    form = page.get_by_role("form", name="Log time on Weekly agenda check")
    assert form.get_by_label("Date").input_value() == timezone.localdate().isoformat()
    assert form.get_by_label("Occurrences").input_value() == "1"
    form.get_by_label("Minutes").fill("-5")
    form.get_by_role("button", name="Log").click()
    page.get_by_text("The time cannot be negative.").wait_for()
    page.wait_for_function("() => document.activeElement.name === 'minutes'")
    form.get_by_label("Minutes").fill("25")
    form.get_by_label("Note").fill("Confirmed the visits")
    form.get_by_role("button", name="Log").click()
    page.get_by_text(f"Logged 25 min on Weekly agenda check for "
                     f"{date_long(timezone.localdate())}.").wait_for()
    page.locator("#duty-entries").get_by_text("Confirmed the visits").wait_for()
    page.wait_for_function("() => document.activeElement.tagName === 'SUMMARY'")
    assert page.url == address
    entry = TimeEntry.objects.get(duty=duty)
    assert (entry.seconds, entry.occurrences, entry.note) == (25 * 60, 1, "Confirmed the visits")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing overflows
    page.screenshot(path="/tmp/quick_time.png", full_page=True)
