"""Queueing mail to people through the outbox, rendered in the recipient's language."""

from __future__ import annotations

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .models import OutboundEmail, Workspace


def queue_email(
    *,
    to: str,
    kind: str,
    language: str,
    template: str,
    context: dict,
    workspace: Workspace | None = None,
) -> OutboundEmail:
    """Render `<template>_subject.txt` and `<template>_body.txt` in `language` and queue it.

    Call inside the action's transaction: the message is sent only once it commits.
    """
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    email = OutboundEmail.objects.create(
        workspace=workspace, kind=kind, to=to, language=language, subject=subject, body=body
    )
    transaction.on_commit(lambda: _enqueue(email.pk))
    return email


def _enqueue(email_id: int) -> None:
    from .tasks import deliver_email

    deliver_email.enqueue(email_id)
