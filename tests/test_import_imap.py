"""IMAP from a real Dovecot on a loopback port, including a restart in mid-import."""

import os
import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from django.core.management import call_command

from handover.interactions.importers import imap
from handover.interactions.importers.base import Refused
from handover.interactions.importers.run import run_import
from handover.interactions.models import ImapCursor, ImportRun, Interaction

from .conftest import need
from .dovecot import Dovecot

PASSWORD = "imap-secret-Ωmega"


def message(n: int) -> bytes:
    when = datetime(2025, 3, 1, 9, tzinfo=UTC) + timedelta(hours=n)
    return (f"From: Client {n} <person{n}@bellini-architetti.example>\r\n"
            f"To: alice@a.example\r\nSubject: Request {n}\r\n"
            f"Date: {format_datetime(when)}\r\nMessage-ID: <m{n}@imap.test>\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\nBody of message {n}.\r\n"
            ).encode()


@pytest.fixture
def dovecot(tmp_path, settings):
    need(shutil.which("dovecot") is not None or os.path.exists("/usr/sbin/dovecot"),
         "Dovecot is not installed (apt-get install dovecot-imapd)")
    # Under /tmp, not pytest's private folder: Dovecot's own user must reach the Maildir.
    root = Path(tempfile.mkdtemp(prefix="handover-dovecot-"))
    root.chmod(0o755)
    server = Dovecot(root / "server", PASSWORD)
    for n in range(1, 251):
        server.add_message(f"{n}.test", message(n))
    server.start()
    settings.IMAP_ALLOW_PRIVATE = True
    settings.IMAP_CA_FILE = server.cafile
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.django_db
def test_it_imports_every_message_once_across_a_server_restart(dovecot, workspace_a, alice,
                                                              monkeypatch):
    real_write = imap.write_parsed
    calls = []

    def write_then_restart(ctx, parsed):
        real_write(ctx, parsed)
        calls.append(len(parsed))
        if len(calls) == 1:
            dovecot.restart()  # the open connection is dropped in the middle of the import

    monkeypatch.setattr(imap, "write_parsed", write_then_restart)
    url = f"imaps://alice@127.0.0.1:{dovecot.port}/INBOX"
    report = run_import("mail", workspace_a, actor=alice, source=url, password=PASSWORD)
    assert len(calls) >= 3
    assert (report.imported, report.duplicates, report.failed) == (250, 0, 0)
    stored = Interaction.objects.filter(workspace=workspace_a, source_id__endswith="@imap.test")
    assert sorted(stored.values_list("source_id", flat=True)) == sorted(
        f"m{n}@imap.test" for n in range(1, 251))
    assert stored.filter(engagement__isnull=False).count() == 250  # by the client's domain
    cursor = ImapCursor.objects.get(workspace=workspace_a)
    assert cursor.last_uid == 250

    # Incremental: only the new message is fetched next time.
    dovecot.add_message("251.test", message(251))
    again = run_import("mail", workspace_a, actor=alice, source=url, password=PASSWORD)
    assert (again.imported, again.duplicates) == (1, 0)
    assert stored.count() == 251


@pytest.mark.django_db
def test_it_imports_from_the_command_with_the_password_from_the_environment(
        dovecot, workspace_a, monkeypatch, capsys):
    monkeypatch.setenv("HANDOVER_IMAP_PASSWORD", PASSWORD)
    call_command("import_mail", f"imaps://alice@127.0.0.1:{dovecot.port}/INBOX",
                 workspace=workspace_a.slug, as_json=True)
    out = capsys.readouterr().out
    assert '"imported": 250' in out
    assert PASSWORD not in out


@pytest.mark.django_db
def test_it_refuses_a_wrong_password_and_a_missing_folder(dovecot, workspace_a, alice):
    with pytest.raises(Refused, match="user name or password"):
        run_import("mail", workspace_a, actor=alice, password="wrong",
                   source=f"imaps://alice@127.0.0.1:{dovecot.port}/INBOX")
    with pytest.raises(Refused, match="does not exist"):
        run_import("mail", workspace_a, actor=alice, password=PASSWORD,
                   source=f"imaps://alice@127.0.0.1:{dovecot.port}/Nowhere")


@pytest.mark.django_db
def test_it_refuses_local_and_private_hosts_unless_allowed(settings, workspace_a, alice):
    settings.IMAP_ALLOW_PRIVATE = False
    for host in ("127.0.0.1", "10.1.2.3", "192.168.0.4", "169.254.1.1", "[::1]"):
        with pytest.raises(Refused, match="private or local"):
            run_import("mail", workspace_a, actor=alice, password="x",
                       source=f"imaps://a@{host}:993/INBOX")


@pytest.mark.django_db
def test_it_never_stores_the_password_in_clear(workspace_a, alice):
    from handover.interactions.actions import do_create_import, do_finish_import
    from handover.interactions.secrets import unseal

    run = do_create_import(workspace_a, actor=alice, kind="mail", label="imaps://a@h/INBOX",
                           password=PASSWORD)
    stored = ImportRun.objects.get(pk=run.pk)
    assert PASSWORD not in stored.sealed_secret
    assert unseal(stored.sealed_secret) == PASSWORD
    do_finish_import(stored, report=None)
    assert ImportRun.objects.get(pk=run.pk).sealed_secret == ""


@pytest.mark.django_db
def test_it_upgrades_a_plain_connection_with_starttls(dovecot, workspace_a, alice):
    report = run_import("mail", workspace_a, actor=alice, password=PASSWORD,
                        source=f"imap://alice@127.0.0.1:{dovecot.plain_port}/INBOX")
    assert (report.imported, report.failed) == (250, 0)


@pytest.mark.django_db
def test_it_refuses_a_private_host_in_the_imap_form(settings, workspace_a, alice):
    from .conftest import signed_in

    settings.IMAP_ALLOW_PRIVATE = False
    response = signed_in(alice).post(f"/w/{workspace_a.slug}/imports/", {
        "imap-host": "127.0.0.1", "imap-port": "993", "imap-security": "tls",
        "imap-username": "alice", "imap-password": PASSWORD, "imap-folder": "INBOX",
        "imap-client": ""})
    assert response.status_code == 200
    assert b"private or local network address" in response.content
    assert PASSWORD.encode() not in response.content
    assert not ImportRun.objects.filter(workspace=workspace_a, kind="mail",
                                        label__startswith="imaps://").exists()
