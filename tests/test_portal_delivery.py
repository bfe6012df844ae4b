"""Delivery: the link becomes a session, downloads resume, receipt notifies the owner."""

import hashlib
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from handover.clients.models import Engagement
from handover.files.actions.audits import do_run_audit, do_start_audit
from handover.files.actions.exports import do_run_export, do_start_export
from handover.portal.actions import do_create_delivery, do_revoke_delivery
from handover.portal.models import Delivery

from .conftest import signed_in, token_client
from .files_helpers import small_tree


@pytest.fixture
def export_job(workspace_a, alice, tmp_path):
    root = small_tree(tmp_path / "client", files=10)
    engagement = Engagement.objects.filter(workspace=workspace_a, client__country="IT").first()
    run = do_run_audit(do_start_audit(workspace_a, actor=alice, root=str(root),
                                      engagement=engagement, anywhere=True))
    return do_run_export(do_start_export(run, actor=alice, out_dir=str(tmp_path / "out")))


def enter(token: str) -> Client:
    browser = Client()
    response = browser.get(f"/portal/{token}/")
    assert response.status_code == 302 and response["Location"] == "/portal/"
    return browser


def test_it_exchanges_the_token_for_a_session(export_job, alice):
    delivery, token = do_create_delivery(export_job, actor=alice, recipient="giulia@x.example")
    assert len(token) >= 43  # 256 bits, URL-safe
    assert delivery.token_hash != token and token not in delivery.token_hash
    browser = enter(token)
    page = browser.get("/portal/")
    assert page.status_code == 200
    for archive in export_job.archives.all():
        assert archive.name in page.content.decode()
        assert archive.sha256 in page.content.decode()
    assert token not in page.content.decode()
    assert Client().get("/portal/").status_code == 403  # no session, no page
    assert Client().get("/portal/not-a-token/").status_code == 404


def test_it_serves_ranges_for_resumed_downloads(export_job, alice):
    _delivery, token = do_create_delivery(export_job, actor=alice, recipient="g@x.example")
    browser = enter(token)
    archive = export_job.archives.get(name="spreadsheets.zip")
    whole = b"".join(browser.get("/portal/download/", {"archive": archive.name})
                     .streaming_content)
    assert hashlib.sha256(whole).hexdigest() == archive.sha256 and len(whole) == archive.size
    part = browser.get("/portal/download/", {"archive": archive.name},
                       HTTP_RANGE="bytes=100-")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-{archive.size - 1}/{archive.size}"
    assert b"".join(part.streaming_content) == whole[100:]
    tail = browser.get("/portal/download/", {"archive": archive.name}, HTTP_RANGE="bytes=-10")
    assert b"".join(tail.streaming_content) == whole[-10:]
    bad = browser.get("/portal/download/", {"archive": archive.name},
                      HTTP_RANGE=f"bytes={archive.size}-")
    assert bad.status_code == 416
    assert browser.get("/portal/download/", {"archive": "../../etc/passwd"}).status_code == 404


def test_it_closes_revoked_and_expired_links(export_job, alice):
    delivery, token = do_create_delivery(export_job, actor=alice, recipient="g@x.example")
    browser = enter(token)
    do_revoke_delivery(delivery, actor=alice)
    assert browser.get("/portal/").status_code == 403
    assert Client().get(f"/portal/{token}/").status_code == 404
    other, token2 = do_create_delivery(export_job, actor=alice, recipient="g@x.example")
    Delivery.objects.filter(pk=other.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert Client().get(f"/portal/{token2}/").status_code == 404


def test_it_records_the_receipt_and_tells_the_owner(export_job, alice,
                                                    django_capture_on_commit_callbacks):
    delivery, token = do_create_delivery(export_job, actor=alice, recipient="g@x.example")
    browser = enter(token)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post("/portal/", {"name": "Giulia Bellini"},
                                REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.receipt_name == "Giulia Bellini"
    assert delivery.receipt_ip == "203.0.113.9" and delivery.receipt_at is not None
    sent = [m for m in mail.outbox if m.to == [alice.email]]
    assert sent and "Giulia Bellini" in sent[-1].subject and "203.0.113.9" in sent[-1].body
    empty = browser.post("/portal/", {"name": "  "})
    assert empty.status_code == 200  # the form explains; nothing changes


def test_it_refuses_to_deliver_an_unfinished_export(workspace_a, alice, tmp_path):
    root = small_tree(tmp_path / "c", files=2)
    run = do_run_audit(do_start_audit(workspace_a, actor=alice, root=str(root), anywhere=True))
    job = do_start_export(run, actor=alice, out_dir=str(tmp_path / "o"))
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        do_create_delivery(job, actor=alice, recipient="g@x.example")


def test_its_pages_work_for_the_freelancer(demo_workspace_a, export_job, alice):
    client = signed_in(alice)
    ws = export_job.workspace.slug
    assert client.get(f"/w/{ws}/files/").status_code == 200
    assert client.get(f"/w/{ws}/files/rules/").status_code == 200
    assert client.get(f"/w/{ws}/files/audits/{export_job.audit_run_id}/").status_code == 200
    page = client.get(f"/w/{ws}/files/exports/{export_job.pk}/")
    assert page.status_code == 200 and "spreadsheets.zip" in page.content.decode()
    progress = client.get(f"/w/{ws}/files/exports/{export_job.pk}/?progress=1",
                          HTTP_HX_REQUEST="true")
    assert progress.status_code == 200 and b"every 1s" not in progress.content
    created = client.post(f"/w/{ws}/files/exports/{export_job.pk}/",
                          {"recipient": "g@x.example", "days": 7}, follow=True)
    assert "/portal/" in created.content.decode()


def test_it_polls_a_running_export_and_answers_the_api(export_job, alice):
    from handover.files.models import ExportJob

    ws = export_job.workspace.slug
    ExportJob.objects.filter(pk=export_job.pk).update(state="running", done_bytes=50,
                                                      total_bytes=200)
    progress = signed_in(alice).get(f"/w/{ws}/files/exports/{export_job.pk}/?progress=1",
                                    HTTP_HX_REQUEST="true")
    assert b'hx-trigger="every 1s"' in progress.content and b'value="25"' in progress.content
    ExportJob.objects.filter(pk=export_job.pk).update(state="done")
    data = token_client(alice).get(f"/api/w/{ws}/files/exports/{export_job.pk}").json()
    assert {a["name"] for a in data["archives"]} >= {"spreadsheets.zip", "images.zip"}
    audit = token_client(alice).get(f"/api/w/{ws}/files/audits/{export_job.audit_run_id}")
    assert len(audit.json()["files"]) == 10
