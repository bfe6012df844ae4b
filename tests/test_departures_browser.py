"""In Chromium: record a departure, reassign two clients, approve and send the farewell
letters the reassignment drafted, and watch the tracker fill."""

import pytest

from handover.clients.models import Engagement
from handover.core.actions import do_create_workspace
from handover.core.demo import fill_workspace
from handover.letters.models import Letter, LetterState

from .browser import page  # noqa: F401 - the fixture
from .conftest import PASSWORD, first_engagement, make_user
from .letters_world import join

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Leaving after a dispute with her manager over the Bellini account."


def test_it_records_a_departure_reassigns_and_sends_the_farewells(page):  # noqa: F811
    alice = make_user("alice@a.example", "Alice Abate")
    workspace = do_create_workspace("Alice Studio", actor=alice, slug="alice-studio")
    fill_workspace(workspace, alice)
    eve = join(workspace, alice, "eve@a.example", "Eve Esposito", "member")
    join(workspace, alice, "dora@a.example", "Dora Dalla", "manager")
    join(workspace, alice, "piet@a.example", "Piet Prins", "member")
    italian = first_engagement(workspace=workspace, client__language="it")
    polish = first_engagement(workspace=workspace, client__language="pl")
    Engagement.objects.filter(pk__in=[italian.pk, polish.pk]).update(account_manager=eve)

    page.goto("/")
    page.get_by_label("E-mail address").fill("alice@a.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/w/alice-studio/")

    page.get_by_role("link", name="Departures").click()
    page.get_by_role("link", name="Record a departure").click()
    page.get_by_label("Who is leaving").select_option(label="Eve Esposito")
    page.get_by_label("Kind of departure").select_option("resignation")
    page.get_by_label("Last day").fill("2026-04-30")
    page.get_by_label("Confidential reason").fill(REASON)
    page.get_by_label("Who answers questions about the departure (HR)").fill(
        "Dora Dalla, dora@a.example")
    page.get_by_role("button", name="Record the departure").click()
    page.get_by_role("heading", name="Departure of Eve Esposito").wait_for()

    page.get_by_role("link", name="Reassign clients").click()
    page.get_by_label(f"{italian.client.name}: {italian.title}").select_option(
        label="Dora Dalla")
    page.get_by_label(f"{polish.client.name}: {polish.title}").select_option(
        label="Piet Prins")
    page.get_by_role("button", name="Preview").click()
    page.locator("#preview").wait_for()
    assert "Piet Prins" in page.locator("#preview").inner_text()
    page.get_by_role("button", name="Apply the reassignment").click()
    page.get_by_role("heading", name="Departure of Eve Esposito").wait_for()

    departure_url = page.url
    # She resigned: her farewell, drafted for each reassigned client, in the client's language.
    tracker = page.locator("#tracker")
    for client in (italian.client.name, polish.client.name):
        row = tracker.locator(f'tr[data-client="{client}"]').inner_text()
        assert "Draft" in row and "Not yet" in row

    for client in (italian.client.name, polish.client.name):
        page.locator(f'#tracker tr[data-client="{client}"] a').click()
        page.get_by_role("button", name="Approve").click()
        page.get_by_role("button", name="Send the letter").click()
        page.locator("#letter-state").filter(has_text="Sent").wait_for()
        page.goto(departure_url)
        page.locator(f'#tracker tr[data-client="{client}"] .told').filter(
            has_text="Told").wait_for()

    letters = Letter.objects.filter(workspace=workspace, kind="farewell")
    assert {letter.state for letter in letters} == {LetterState.SENT}
    assert {letter.language for letter in letters} == {"it", "pl"}
    assert all(REASON not in letter.body for letter in letters)
    eve_engagements = Engagement.objects.filter(workspace=workspace, account_manager=eve)
    assert not eve_engagements.exists()
