"""Queueing mail to people through the outbox, rendered in the recipient's language.

Reply-To. Every message is sent from HANDOVER_FROM_EMAIL, so a reply would reach the server,
not a person. A message sent on behalf of a member carries `Reply-To` with that member's
name and address (`reply_to=reply_address(member)`): a letter to a client (the member who
signs it, letters/actions.py) and an invitation (the member who invites). System mail
(password reset, reminders, digests, receipts, notices to members) has none: it is about
the reader's own account or work and nobody waits for an answer to it.
"""

from __future__ import annotations

from email.headerregistry import Address

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
    reply_to: str = "",
) -> OutboundEmail:
    """Render `<template>_subject.txt` and `<template>_body.txt` in `language` and queue it.

    Call inside the action's transaction: the message is sent only once it commits.
    `attachments` are (file name, content, MIME type); `reply_to` is "" or an address
    from `reply_address` (see the module's docstring).
    """
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    return queue_text(to=to, kind=kind, language=language, subject=subject, body=body,
                      workspace=workspace, attachments=attachments, reply_to=reply_to)


def queue_text(
    *,
    to: str,
    kind: str,
    language: str,
    subject: str,
    body: str,
    workspace: Workspace | None = None,
    attachments: list[tuple[str, bytes, str]] = (),
    reply_to: str = "",
) -> OutboundEmail:
    """Queue an already written message (a letter the user edited, say)."""
    email = OutboundEmail.objects.create(
        workspace=workspace, kind=kind, to=to, language=language, subject=subject, body=body,
        reply_to=reply_to,
    )
    for filename, content, content_type in attachments:
        attachment = OutboundAttachment(email=email, filename=filename,
                                        content_type=content_type, size=len(content))
        attachment.file.save(filename, ContentFile(content), save=True)
    transaction.on_commit(lambda: _enqueue(email.pk))
    return email


def reply_address(user) -> str:
    """`Name <address>` of a member, for `reply_to`; "" without a user or an address."""
    if user is None or not user.email:
        return ""
    name = " ".join((user.display_name or "").split())  # no line breaks in a header
    try:
        return str(Address(display_name=name, addr_spec=user.email))
    except (ValueError, IndexError):  # an address the header parser refuses: no name then
        return user.email


def _enqueue(email_id: int) -> None:
    deliver_email.enqueue(email_id)
