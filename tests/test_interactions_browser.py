"""In Chromium: upload an mbox, watch the progress bar finish, open a message."""

import pytest

from handover.core.actions import do_create_workspace
from handover.interactions.models import Interaction

from .browser import page  # noqa: F401 - the fixture
from .conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MBOX = (
    b"From sender@example.org Mon Mar  2 09:00:00 2026\n"
    b"From: Giulia <giulia@bellini.example>\nTo: alice@a.example\n"
    b"Subject: Plans for March\nDate: Mon, 2 Mar 2026 10:00:00 +0100\n"
    b"Message-ID: <plans@bellini.example>\nMIME-Version: 1.0\n"
    b"Content-Type: text/html; charset=utf-8\n\n"
    b"<html><body><p>Ciao <b>Alice</b>,</p><script>alert('x')</script>"
    b"<p>the site visit moves to Thursday.</p></body></html>\n\n"
    b"From sender@example.org Tue Mar  3 09:00:00 2026\n"
    b"From: Marco <marco@bellini.example>\nTo: alice@a.example\n"
    b"Subject: Invoice question\nDate: Tue, 3 Mar 2026 11:00:00 +0100\n"
    b"Message-ID: <invoice@bellini.example>\n\nIs the February invoice out yet?\n"
)


def test_it_uploads_an_mbox_watches_the_progress_and_opens_a_message(page, tmp_path):  # noqa: F811
    alice = make_user("alice@a.example", "Alice Abate")
    workspace = do_create_workspace("Alice Studio", actor=alice, slug="alice-studio")
    mbox = tmp_path / "export.mbox"
    mbox.write_bytes(MBOX)

    page.goto("/")
    page.get_by_label("E-mail address").fill("alice@a.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/w/alice-studio/")

    page.get_by_role("link", name="Import").first.click()
    page.get_by_label("What the file holds").select_option("mail")
    page.locator("input[type=file]").set_input_files(str(mbox))
    page.get_by_label("File everything under this client (optional)").first.fill(
        "Studio Bellini")
    page.get_by_role("button", name="Upload and import").click()

    page.locator("[role=status][data-state=done]").wait_for()
    assert page.locator("progress").get_attribute("value") == "100"
    assert Interaction.objects.filter(workspace=workspace).count() == 2

    page.get_by_role("link", name="Open the interactions").click()
    page.get_by_role("link", name="Plans for March").click()
    text = page.locator("pre.message-text").inner_text()
    assert "Ciao Alice," in text and "the site visit moves to Thursday." in text
    assert "alert" not in text and "<" not in text
    assert page.locator("pre.message-text b").count() == 0
