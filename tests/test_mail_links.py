"""Mail that leaves the server: links start with the configured origin, letters to a
client carry the signing member as Reply-To (kept for a retry), and without an SMTP host
each message is its own complete `.eml` file."""

import email
import email.policy
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.test import override_settings

from handover.core.actions import do_invite_member
from handover.core.links import absolute, base_url
from handover.core.mailfiles import EmlFileBackend
from handover.core.models import OutboundEmail, Role
from handover.core.outbox import do_deliver_email
from handover.letters.actions import do_approve_letter, do_draft_letter, do_send_letter
from handover.lib.links import origin
from handover.portal.selectors import link_for

from .conftest import first_engagement

ROOT = Path(__file__).resolve().parents[1]
SITE = "https://handover.example.com"
ALICE = "Alice Abate <alice@a.example>"


def parse(content: bytes):
    return email.message_from_bytes(content, policy=email.policy.default)


def send_archive_letter(workspace, actor, capture):
    """Alice sends a client the archive-delivery letter with a portal link in it."""
    engagement = first_engagement(workspace=workspace)
    letter = do_draft_letter(workspace, actor=actor, kind="archive_delivery",
                             engagement=engagement,
                             extra={"archive_link": link_for("tok3n")})
    do_approve_letter(letter, actor=actor)
    with capture(execute=True):
        do_send_letter(letter, actor=actor)
    letter.refresh_from_db()
    return letter


def test_it_takes_the_origin_from_handover_base_url():
    with override_settings(BASE_URL=SITE + "/", BIND="0.0.0.0:9100"):
        assert base_url() == SITE
        assert absolute("/w/alice-studio/letters/") == SITE + "/w/alice-studio/letters/"
        assert absolute("portal/x/") == SITE + "/portal/x/"


def test_it_takes_the_origin_from_the_bound_address_without_a_base_url():
    with override_settings(BASE_URL="", BIND="192.0.2.7:9100"):
        assert base_url() == "http://192.0.2.7:9100"
        assert link_for("abc").startswith("http://192.0.2.7:9100/")
    assert origin("", "") == "http://127.0.0.1:8000"
    assert origin("", "unix:/run/handover.sock") == "http://127.0.0.1:8000"


def test_it_resolves_the_setting_from_the_environment(tmp_path):
    def base(**variables):
        env = {k: v for k, v in os.environ.items()
               if k not in ("HANDOVER_BASE_URL", "HANDOVER_BIND")}
        env.update(HANDOVER_DATA_DIR=str(tmp_path), **variables)
        code = "import handover.settings as s; print(s.BASE_URL)"
        return subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()

    assert base(HANDOVER_BIND="0.0.0.0:9200") == "http://127.0.0.1:9200"  # every interface
    assert base(HANDOVER_BIND="10.0.0.5:9200") == "http://10.0.0.5:9200"
    assert base(HANDOVER_BIND="0.0.0.0:9200", HANDOVER_BASE_URL=SITE + "/") == SITE
    assert base() == "http://127.0.0.1:8000"


def test_it_puts_the_origin_in_invitation_and_password_reset_links(
        alice, workspace_a, client, django_capture_on_commit_callbacks):
    with override_settings(BASE_URL=SITE), django_capture_on_commit_callbacks(execute=True):
        do_invite_member(workspace_a, actor=alice, email="new@c.example", role=Role.MEMBER,
                         language="en")
        client.post("/accounts/password-reset/", {"email": alice.email})
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert SITE + "/invitations/" in bodies["new@c.example"]
    assert SITE + "/accounts/reset/" in bodies[alice.email]
    assert "127.0.0.1:8000" not in "".join(bodies.values())


def test_it_puts_the_origin_in_a_letters_links(
        alice, workspace_a, django_capture_on_commit_callbacks):
    with override_settings(BASE_URL=SITE):
        letter = send_archive_letter(workspace_a, alice, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert letter.email.state == OutboundEmail.State.SENT
    assert SITE + "/portal/tok3n/" in message.body
    assert "127.0.0.1:8000" not in message.body


def test_it_sets_the_signing_member_as_reply_to_of_a_client_letter_and_keeps_it(
        alice, workspace_a, django_capture_on_commit_callbacks):
    letter = send_archive_letter(workspace_a, alice, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.reply_to == [ALICE]
    assert parse(message.message().as_bytes())["Reply-To"] == ALICE
    # A retry builds the message again from the row: the Reply-To is stored there.
    row = letter.email
    assert row.reply_to == ALICE
    row.state = OutboundEmail.State.QUEUED
    row.save(update_fields=["state"])
    do_deliver_email(row)
    assert mail.outbox[-1].reply_to == [ALICE]


def test_it_sends_system_mail_without_a_reply_to(alice, client,
                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password-reset/", {"email": alice.email})
    (message,) = mail.outbox
    assert message.reply_to == []
    assert "Reply-To" not in parse(message.message().as_bytes())


def test_it_writes_a_letter_as_an_eml_file_with_its_reply_to(
        alice, workspace_a, tmp_path, django_capture_on_commit_callbacks):
    with override_settings(EMAIL_BACKEND="handover.core.mailfiles.EmlFileBackend",
                           EMAIL_FILE_PATH=tmp_path):
        letter = send_archive_letter(workspace_a, alice, django_capture_on_commit_callbacks)
    (path,) = tmp_path.iterdir()
    assert path.suffix == ".eml"
    content = path.read_bytes()
    assert b"\nReply-To: " + ALICE.encode() in content
    parsed = parse(content)
    assert parsed["To"] == letter.recipient_email and parsed["Reply-To"] == ALICE


def test_it_writes_one_parseable_eml_file_per_message_in_sending_order(tmp_path):
    backend = EmlFileBackend(file_path=tmp_path)
    messages = [EmailMessage(subject=f"Message {n}", body=f"Body {n}\n",
                             from_email="Handover <handover@localhost>",
                             to=[f"n{n}@c.example"], reply_to=[ALICE]) for n in range(3)]
    assert backend.send_messages(messages) == 3
    with backend:  # opening the connection makes no log file
        assert backend.send_messages(messages[:1]) == 1
    files = sorted(tmp_path.iterdir())
    assert [p.suffix for p in files] == [".eml"] * 4
    parsed = [parse(p.read_bytes()) for p in files]
    assert [m["Subject"] for m in parsed] == ["Message 0", "Message 1", "Message 2",
                                              "Message 0"]
    assert parsed[1]["To"] == "n1@c.example" and parsed[1]["Reply-To"] == ALICE
    assert parsed[2].get_content() == "Body 2\n"


def test_it_leaves_no_file_behind_when_a_write_fails(tmp_path, monkeypatch):
    backend = EmlFileBackend(file_path=tmp_path)
    message = EmailMessage(subject="Half", body="x", to=["a@c.example"])

    def refuse(_source, _target):
        raise OSError("disk full")

    monkeypatch.setattr("handover.core.mailfiles.os.replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        backend.send_messages([message])
    assert list(tmp_path.iterdir()) == []
    assert EmlFileBackend(file_path=tmp_path, fail_silently=True).send_messages([message]) == 0
    assert list(tmp_path.iterdir()) == []
