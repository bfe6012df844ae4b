"""Queueing mail to people through the outbox, rendered in the recipient's language."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .models import OutboundAttachment, OutboundEmail, Workspace
from .outbox import email_delivered  # noqa: F401 - receivers connect to it here
from .tasks import deliver_email


def queue_email(
    *,
    to: str,
    kind: str,
    language: str,
    template: str,
    context: dict,
    workspace: Workspace | None = None,
    attachments: list[tuple[str, bytes, str]] = (),
) -> OutboundEmail:
    """Render `<template>_subject.txt` and `<template>_body.txt` in `language` and queue it.

    Call inside the action's transaction: the message is sent only once it commits.
    `attachments` are (file name, content, MIME type).
    """
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    return queue_text(to=to, kind=kind, language=language, subject=subject, body=body,
                      workspace=workspace, attachments=attachments)


def queue_text(
    *,
    to: str,
    kind: str,
    language: str,
    subject: str,
    body: str,
    workspace: Workspace | None = None,
    attachments: list[tuple[str, bytes, str]] = (),
) -> OutboundEmail:
    """Queue an already written message (a letter the user edited, say)."""
    email = OutboundEmail.objects.create(
        workspace=workspace, kind=kind, to=to, language=language, subject=subject, body=body
    )
    for filename, content, content_type in attachments:
        attachment = OutboundAttachment(email=email, filename=filename,
                                        content_type=content_type, size=len(content))
        attachment.file.save(filename, ContentFile(content), save=True)
    transaction.on_commit(lambda: _enqueue(email.pk))
    return email


def _enqueue(email_id: int) -> None:
    deliver_email.enqueue(email_id)
