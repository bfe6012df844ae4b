"""Delivering the outbox: one queued message at a time, its outcome recorded.

Called by the `deliver_email` task (core/tasks.py), which `queue_email` (core/mail.py)
schedules once the queueing transaction commits; this module imports neither, so the three
form a line, not a loop. It is the outbox's own bookkeeping (states, attempts), like the
audit log: it writes no product rows and records no audit event.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from .models import OutboundEmail

# Sent once a message reaches its final state (sent, or failed after the last attempt):
# receivers get `email` and may record what the message was for (a letter, say).
email_delivered = Signal()


def do_deliver_email(email: OutboundEmail) -> OutboundEmail:
    """Try to send one queued message, recording the outcome. Safe to call concurrently."""
    with transaction.atomic():
        claimed = OutboundEmail.objects.filter(
            pk=email.pk, state=OutboundEmail.State.QUEUED
        ).update(state=OutboundEmail.State.SENDING, attempts=email.attempts + 1)
    if not claimed:
        email.refresh_from_db()
        return email
    email.refresh_from_db()
    try:
        message = EmailMessage(
            subject=email.subject,
            body=email.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email.to],
            reply_to=[email.reply_to] if email.reply_to else None,
            headers={"Content-Language": email.language},
        )
        for attachment in email.attachments.all():
            with attachment.file.open("rb") as handle:
                message.attach(attachment.filename, handle.read(), attachment.content_type)
        message.send()
    except Exception as exc:  # noqa: BLE001 - any transport error is recorded, then retried
        email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        email.state = (
            OutboundEmail.State.FAILED
            if email.attempts >= settings.OUTBOX_MAX_ATTEMPTS
            else OutboundEmail.State.QUEUED
        )
    else:
        email.state, email.sent_at, email.last_error = (
            OutboundEmail.State.SENT, timezone.now(), ""
        )
    email.save(update_fields=["state", "sent_at", "last_error"])
    if email.state in (OutboundEmail.State.SENT, OutboundEmail.State.FAILED):
        email_delivered.send(sender=OutboundEmail, email=email)
    return email
