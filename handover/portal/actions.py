"""Writes of the portal: deliveries, their links, downloads and the client's receipt."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handover.core.audit import record
from handover.core.mail import queue_email
from handover.files.models import JobState
from handover.lib.tokens import hash_token

from .models import Delivery


@transaction.atomic
def do_create_delivery(export_job, *, actor, recipient: str, days: int = 14,
                       language: str = "", client=None) -> tuple[Delivery, str]:
    """A delivery and its link token (256 bits; only the hash is stored)."""
    if export_job.state != JobState.DONE or not export_job.archives.exists():
        raise ValidationError(_("Only a finished, verified export can be delivered."))
    if not 1 <= days <= 90:
        raise ValidationError(_("A link can stay open between 1 and 90 days."))
    token = secrets.token_urlsafe(32)
    client = client or export_job.audit_run.client
    language = language or (client.language if client else export_job.workspace.language)
    delivery = Delivery.objects.create(
        workspace=export_job.workspace, export_job=export_job, recipient=recipient.strip(),
        language=language, client=client,
        token_hash=hash_token(token), expires_at=timezone.now() + timedelta(days=days),
        created_by=actor)
    record(delivery.workspace, actor, "delivery.created", delivery, recipient=recipient,
           archives=export_job.archives.count(), expires=delivery.expires_at.date().isoformat())
    return delivery, token


@transaction.atomic
def do_revoke_delivery(delivery: Delivery, *, actor) -> Delivery:
    delivery.revoked_at = timezone.now()
    delivery.save(update_fields=["revoked_at"])
    record(delivery.workspace, actor, "delivery.revoked", delivery, recipient=delivery.recipient)
    return delivery


@transaction.atomic
def do_open_delivery(delivery: Delivery, *, ip: str | None) -> Delivery:
    if delivery.opened_at is None:
        delivery.opened_at = timezone.now()
        delivery.save(update_fields=["opened_at"])
        record(delivery.workspace, None, "delivery.opened", delivery,
               recipient=delivery.recipient, ip=ip or "")
    return delivery


@transaction.atomic
def do_record_download(delivery: Delivery, archive, *, ip: str | None) -> None:
    record(delivery.workspace, None, "delivery.downloaded", delivery, archive=archive.name,
           ip=ip or "")


@transaction.atomic
def do_confirm_receipt(delivery: Delivery, *, name: str, ip: str | None) -> Delivery:
    delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
    name = name.strip()
    if not name:
        raise ValidationError(_("Write your name to confirm receipt."))
    if not delivery.is_open:
        raise ValidationError(_("This link has expired or was revoked."))
    if delivery.receipt_at:
        return delivery
    delivery.receipt_name, delivery.receipt_at, delivery.receipt_ip = \
        name[:200], timezone.now(), ip
    delivery.save(update_fields=["receipt_name", "receipt_at", "receipt_ip"])
    record(delivery.workspace, None, "delivery.receipt_confirmed", delivery, name=name,
           ip=ip or "", at=delivery.receipt_at.isoformat())
    owner = delivery.created_by
    if owner is not None:
        queue_email(workspace=delivery.workspace, to=owner.email, kind="delivery_receipt",
                    language=owner.language, template="portal/email/receipt",
                    context={"name": name, "recipient": delivery.recipient, "ip": ip or "",
                             "at": delivery.receipt_at, "archives": [
                                 a.name for a in delivery.export_job.archives.all()]})
    return delivery
