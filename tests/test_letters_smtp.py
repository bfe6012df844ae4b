"""Letters go through the outbox to a real SMTP server (aiosmtpd on a loopback port)."""

import email
import email.policy
import socket

import pytest
from django.test import override_settings

from handover.core.models import AuditEvent, OutboundEmail
from handover.core.outbox import do_deliver_email
from handover.letters.actions import (
    do_approve_letter,
    do_draft_letter,
    do_edit_letter,
    do_send_letter,
)
from handover.letters.models import LetterState
from handover.letters.selectors import file_stem

from .conftest import first_engagement, need, signed_in
from .letters_world import build

REFUSED = "refused@bellini-architetti.example"


class Handler:
    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == REFUSED:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content,
                                                      policy=email.policy.default))
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp():
    try:
        from aiosmtpd.controller import Controller
    except ImportError:  # pragma: no cover - a dev dependency
        need(False, "aiosmtpd is not installed")
    handler = Handler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1", EMAIL_PORT=port, EMAIL_USE_TLS=False, EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="", EMAIL_HOST_PASSWORD="", EMAIL_TIMEOUT=10,
            OUTBOX_MAX_ATTEMPTS=3,
        ):
            yield handler
    finally:
        controller.stop()


@pytest.fixture
def world(alice, workspace_a):
    departure, leaver, successors = build(workspace_a, alice)
    return workspace_a, departure


def send(letter, actor, capture):
    with capture(execute=True):
        do_send_letter(letter, actor=actor)
    letter.refresh_from_db()
    return letter


@pytest.mark.parametrize("language, subject, date_text", [
    ("it", "Cambio di referente presso Alice Studio", "30 aprile 2026"),
    ("pl", "Zmiana osoby kontaktowej w Alice Studio", "30 kwietnia 2026"),
    ("nb", "Ny kontaktperson hos Alice Studio", "30. april 2026"),
])
def test_it_delivers_a_letter_with_its_language_subject_and_attachments(
        smtp, world, alice, django_capture_on_commit_callbacks, language, subject, date_text):
    workspace, departure = world
    engagement = first_engagement(workspace=workspace, client__language=language)
    letter = do_draft_letter(workspace, actor=alice, kind="farewell", engagement=engagement,
                             departure=departure)
    do_edit_letter(letter, actor=alice, subject=letter.subject, body=letter.body,
                   recipient_email=letter.recipient_email, attach_pdf=True, attach_docx=True)
    do_approve_letter(letter, actor=alice)
    letter = send(letter, alice, django_capture_on_commit_callbacks)

    assert letter.state == LetterState.SENT and letter.email.state == OutboundEmail.State.SENT
    (message,) = smtp.messages
    assert message["Subject"] == subject
    assert message["Content-Language"] == language
    assert message["To"] == letter.recipient_email
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert date_text in body and "Eve Esposito" in body
    attachments = {part.get_filename(): part.get_content_type()
                   for part in message.iter_attachments()}
    stem = file_stem(letter)
    assert stem.startswith("farewell-")
    assert attachments == {
        f"{stem}.pdf": "application/pdf",
        f"{stem}.docx": "application/vnd.openxmlformats-officedocument."
                        "wordprocessingml.document",
    }
    pdf = next(p for p in message.iter_attachments() if p.get_filename().endswith(".pdf"))
    assert pdf.get_content().startswith(b"%PDF")
    assert AuditEvent.objects.filter(verb="letter.sent", target_id=str(letter.pk)).exists()


def test_a_refused_delivery_is_retried_then_shown_as_failed(
        smtp, world, alice, django_capture_on_commit_callbacks):
    workspace, departure = world
    engagement = first_engagement(workspace=workspace, client__language="it")
    letter = do_draft_letter(workspace, actor=alice, kind="notice_of_ending",
                             engagement=engagement)
    do_edit_letter(letter, actor=alice, subject=letter.subject, body=letter.body,
                   recipient_email=REFUSED)
    letter = send(letter, alice, django_capture_on_commit_callbacks)
    # The first try happened on commit; the worker tries twice more.
    assert letter.state == LetterState.QUEUED and letter.email.attempts == 1
    outbound = letter.email
    for expected in ("queued", "failed"):
        outbound = do_deliver_email(outbound)
        assert outbound.state == expected
    letter.refresh_from_db()
    assert letter.state == LetterState.FAILED and "550" in letter.failure
    assert smtp.messages == []
    page = signed_in(alice).get(f"/w/{workspace.slug}/letters/{letter.pk}/").content.decode()
    assert "Failed" in page and "mailbox unavailable" in page and "3 attempts" in page
