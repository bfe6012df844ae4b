"""In Chromium: start a plan, see its dates, tick a step with evidence, download the recap
as PDF and DOCX, and subscribe to the plan's calendar feed."""

import urllib.request

import pytest
from django.utils import translation
from docx import Document
from icalendar import Calendar
from pypdf import PdfReader

from handover.core.actions import do_create_workspace
from handover.core.demo import fill_workspace
from handover.offboarding.models import Plan, StepState

from .browser import page  # noqa: F401 - the fixture
from .conftest import PASSWORD, first_engagement, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_runs_an_offboarding_plan_from_start_to_calendar(page, live_server, tmp_path):  # noqa: F811
    alice = make_user("alice@a.example", "Alice Abate")
    workspace = do_create_workspace("Alice Studio", actor=alice, slug="alice-studio")
    fill_workspace(workspace, alice)
    engagement = first_engagement(workspace=workspace, client__country="IT")

    page.goto("/")
    page.get_by_label("E-mail address").fill("alice@a.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/w/alice-studio/")

    page.get_by_role("link", name="Offboarding").first.click()
    page.get_by_role("link", name="Start a plan").click()
    page.get_by_label("Engagement").select_option(str(engagement.pk))
    page.get_by_label("Scenario and template").select_option(label="I end the engagement")
    page.get_by_label("Notice given on").fill("2026-11-28")
    page.get_by_role("button", name="Check the dates").click()
    assert page.locator("#proposed-last-day").inner_text() == "December 30, 2026"
    assert "Saint Ambrose" in page.content()
    page.get_by_role("button", name="Start the plan").click()
    page.wait_for_url("**/offboarding/*/")
    assert page.locator("#last-day").inner_text() == "December 30, 2026"
    plan = Plan.objects.get(engagement=engagement)
    row = page.locator("tr", has_text="Ask the client to revoke my access")
    assert "Dec 29, 2026" in row.inner_text()

    page.get_by_role("link", name="Tick off “Send the written notice”").click()
    evidence = tmp_path / "notice.txt"
    evidence.write_text("Notice sent by registered mail, receipt 4411.")
    page.get_by_label("Note").fill("Receipt kept in the shared folder.")
    page.get_by_label("Link").fill("https://drive.example/notice")
    page.get_by_label("File").set_input_files(str(evidence))
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/offboarding/{plan.pk}/")
    assert "Receipt kept in the shared folder." in page.content()
    step = plan.steps.get(title="Send the written notice")
    assert step.state == StepState.DONE and step.evidence.name.endswith(".txt")

    page.get_by_role("link", name="Recap document", exact=True).click()
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Download PDF").click()
    pdf_text = " ".join("\n".join(
        p.extract_text() for p in PdfReader(pdf_download.value.path()).pages).split())
    # The client is Italian: the document's headings are in Italian.
    assert "Contatti" in pdf_text and "Giulia Bellini" in pdf_text
    with translation.override("it"):  # the heading comes from the catalogue
        assert translation.gettext("Systems and accounts") in pdf_text
    with page.expect_download() as docx_download:
        page.get_by_role("link", name="Download DOCX").click()
    document = Document(docx_download.value.path())
    assert "Contatti" in [p.text for p in document.paragraphs]

    page.get_by_role("link", name="Back to the plan").click()
    feed_url = page.locator("#feed-url").input_value()
    assert feed_url.startswith(live_server.url + "/feeds/offboarding/")
    # No session: the token is the only key (the scheme is checked just above).
    with urllib.request.urlopen(feed_url) as response:  # noqa: S310
        calendar = Calendar.from_ical(response.read())
    events = calendar.walk("VEVENT")
    assert len(events) == plan.steps.count()
    assert "Send the written notice" in {str(e["summary"]) for e in events}
