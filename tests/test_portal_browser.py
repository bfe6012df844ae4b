"""In Chromium: a freelancer's files from audit to purge, the client's side in the portal."""

import hashlib
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from handover.clients.demo import fill as fill_clients
from handover.clients.models import Engagement
from handover.core.actions import do_create_workspace
from handover.core.models import AuditEvent
from handover.files.actions.audits import do_grant_file_root
from handover.files.models import FileRecord, FileState
from handover.portal.models import Delivery

from .browser import page  # noqa: F401 - the fixture
from .conftest import PASSWORD, first_engagement, make_user
from .files_helpers import write

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_walks_files_from_audit_to_purge(page, tmp_path, live_server, settings):  # noqa: F811
    settings.FILE_ROOTS = [tmp_path]
    alice = make_user("alice@a.example", "Alice Abate")
    workspace = do_create_workspace("Alice Studio", actor=alice, slug="alice-studio")
    fill_clients(workspace, alice)
    engagement = first_engagement(workspace=workspace, client__country="PL")
    Engagement.objects.filter(pk=engagement.pk).update(
        end_date=timezone.localdate() - timedelta(days=800), status="ended")
    root = tmp_path / "Kowalczyk"
    write(root / "notatki ze spotkań.txt", "Spotkanie z Anną.\n".encode() * 200)
    write(root / "zdjęcia/magazyn.jpg", b"\xff\xd8\xff photo of the warehouse")
    write(root / "faktury/faktura-2024-01.pdf", b"%PDF-1.4 invoice")
    write(root / "~$umowa.docx", b"lock file")
    do_grant_file_root(workspace, actor=None, path=str(tmp_path))

    # The freelancer audits and exports from the pages.
    page.goto("/")
    page.get_by_label("E-mail address").fill(alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/w/alice-studio/")
    page.get_by_role("link", name="Files").first.click()
    page.get_by_label("Folder on the server").fill(str(root))
    page.get_by_label("Engagement").select_option(label=str(engagement))
    page.get_by_role("button", name="Start the audit").click()
    page.get_by_text("~$umowa.docx").first.wait_for()
    page.locator("tr", has_text="~$umowa.docx").get_by_role("button", name="Apply").click()
    page.get_by_text("The change was applied.").wait_for()
    assert not (root / "~$umowa.docx").exists()
    page.get_by_role("button", name="Export as verified archives").click()
    page.get_by_role("cell", name="documents.zip").wait_for()
    page.get_by_label("Client's e-mail address").fill("anna@kowalczyk-logistyka.example")
    page.get_by_role("button", name="Create the link").click()
    message = page.get_by_text("it is shown only once").inner_text()
    token = re.search(r"/portal/([\w-]+)/", message).group(1)

    # The client, in a browser of their own: the link becomes a session.
    client_context = page.context.browser.new_context(base_url=live_server.url,
                                                      locale="pl-PL", accept_downloads=True)
    portal = client_context.new_page()
    portal.goto(f"/portal/{token}/")
    portal.wait_for_url("**/portal/")
    assert token not in portal.url
    archive = Delivery.objects.get().export_job.archives.get(name="documents.zip")
    assert archive.sha256 in portal.content()
    with portal.expect_download() as download:
        portal.get_by_role("link", name="documents.zip").click()
    saved = Path(download.value.path())
    assert hashlib.sha256(saved.read_bytes()).hexdigest() == archive.sha256
    portal.locator("input[name=name]").fill("Anna Kowalczyk")
    portal.locator("button[type=submit].primary").click()
    portal.get_by_text("Anna Kowalczyk").first.wait_for()
    client_context.close()

    # Trash, then purge once the grace period is over.
    call_command("purge", workspace="alice-studio", apply=True)
    assert not (root / "notatki ze spotkań.txt").exists()
    assert (root / "faktury/faktura-2024-01.pdf").exists()  # accounting: five years in Poland
    FileRecord.objects.filter(state=FileState.TRASHED).update(
        trashed_at=timezone.now() - timedelta(days=15))
    call_command("purge", workspace="alice-studio", apply=True)
    assert set(FileRecord.objects.values_list("path", "state")) == {
        ("notatki ze spotkań.txt", "purged"), ("zdjęcia/magazyn.jpg", "purged"),
        ("faktury/faktura-2024-01.pdf", "archived"), ("~$umowa.docx", "purged")}

    story = [v for v in AuditEvent.objects.filter(workspace=workspace).order_by("id")
             .values_list("verb", flat=True) if v.startswith(("files.", "delivery."))]
    assert story == [
        "files.root_granted", "files.audit_started", "files.audited", "files.fix_applied",
        "files.export_started",
        *["files.archive_verified"] * 3, "files.exported", "delivery.created",
        "delivery.opened", "delivery.downloaded", "delivery.receipt_confirmed",
        "files.trashed", "files.trashed", *["files.purged"] * 3]
    receipt = AuditEvent.objects.get(verb="delivery.receipt_confirmed")
    assert receipt.data["name"] == "Anna Kowalczyk" and receipt.data["ip"] == "127.0.0.1"
    # And the activity page tells it in words.
    page.goto("/w/alice-studio/activity/")
    assert "Anna Kowalczyk confirmed receipt of the files" in page.content()
