"""Writes for clients, contacts and engagements. Each is atomic and audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from handover.core.audit import changed_fields, record
from handover.core.models import Workspace
from handover.lib.hours import Window, format_windows

from .models import Client, ClientDomain, Contact, Engagement, WorkingWindow

CLIENT_FIELDS = ("name", "kind", "language", "country", "time_zone", "notes")
CONTACT_FIELDS = ("name", "email", "phone", "role")
ENGAGEMENT_FIELDS = (
    "client", "title", "status", "start_date", "end_date", "account_manager", "notice_days",
    "time_zone", "holiday_country", "holiday_subdivision", "lead_time_hours",
    "payment_terms_days", "hourly_rate", "support_rate", "currency",
)


def _snapshot(obj, names) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def _stored(obj, names) -> dict[str, Any]:
    """The row's values as the database has them (a bound ModelForm edits the instance)."""
    return _snapshot(type(obj).objects.get(pk=obj.pk), names)


def _set_domains(client: Client, domains: list[str]) -> None:
    client.domains.exclude(domain__in=domains).delete()
    have = set(client.domains.values_list("domain", flat=True))
    ClientDomain.objects.bulk_create(
        ClientDomain(workspace=client.workspace, client=client, domain=d)
        for d in domains
        if d not in have
    )


@transaction.atomic
def do_create_client(workspace: Workspace, *, actor, email_domains=(), **fields) -> Client:
    client = Client.objects.create(
        workspace=workspace, **{k: fields[k] for k in CLIENT_FIELDS if k in fields}
    )
    _set_domains(client, list(email_domains))
    record(workspace, actor, "client.created", client, name=client.name,
           domains=list(email_domains))
    return client


@transaction.atomic
def do_update_client(client: Client, *, actor, email_domains=None, **fields) -> Client:
    before = _stored(client, CLIENT_FIELDS)
    before["email_domains"] = client.domain_list
    for name in CLIENT_FIELDS:
        if name in fields:
            setattr(client, name, fields[name])
    client.save()
    after = _snapshot(client, CLIENT_FIELDS)
    if email_domains is not None:
        _set_domains(client, list(email_domains))
        after["email_domains"] = sorted(email_domains)
        before["email_domains"] = sorted(before["email_domains"])
    else:
        after["email_domains"] = before["email_domains"]
    changes = changed_fields(before, after)
    if changes:
        record(client.workspace, actor, "client.updated", client, changes=changes)
    return client


@transaction.atomic
def do_archive_client(client: Client, *, actor) -> Client:
    if client.archived_at is None:
        now = timezone.now()
        client.archived_at = now
        client.save(update_fields=["archived_at"])
        client.engagements.filter(archived_at__isnull=True).update(archived_at=now)
        record(client.workspace, actor, "client.archived", client)
    return client


@transaction.atomic
def do_restore_client(client: Client, *, actor) -> Client:
    if client.archived_at is not None:
        archived_at = client.archived_at
        client.archived_at = None
        client.save(update_fields=["archived_at"])
        # Engagements archived together with the client come back with it.
        client.engagements.filter(archived_at=archived_at).update(archived_at=None)
        record(client.workspace, actor, "client.restored", client)
    return client


@transaction.atomic
def do_add_contact(client: Client, *, actor, **fields) -> Contact:
    contact = Contact.objects.create(
        workspace=client.workspace, client=client,
        **{k: fields[k] for k in CONTACT_FIELDS if k in fields},
    )
    record(client.workspace, actor, "contact.created", contact, client=client.name,
           email=contact.email)
    return contact


@transaction.atomic
def do_update_contact(contact: Contact, *, actor, **fields) -> Contact:
    before = _stored(contact, CONTACT_FIELDS)
    for name in CONTACT_FIELDS:
        if name in fields:
            setattr(contact, name, fields[name])
    contact.save()
    changes = changed_fields(before, _snapshot(contact, CONTACT_FIELDS))
    if changes:
        record(contact.workspace, actor, "contact.updated", contact,
               client=contact.client.name, changes=changes)
    return contact


@transaction.atomic
def do_remove_contact(contact: Contact, *, actor) -> None:
    record(contact.workspace, actor, "contact.removed", contact, client=contact.client.name,
           email=contact.email)
    contact.delete()


def _windows_by_day(engagement: Engagement) -> dict[int, list[Window]]:
    by_day: dict[int, list[Window]] = {}
    for w in engagement.working_windows.all().order_by("weekday", "start"):
        by_day.setdefault(w.weekday, []).append(Window(w.start, w.end))
    return by_day


def _hours_text(by_day: dict[int, list[Window]]) -> dict[str, str]:
    return {str(day): format_windows(ws) for day, ws in sorted(by_day.items()) if ws}


def _set_windows(engagement: Engagement, by_day: dict[int, list[Window]]) -> None:
    engagement.working_windows.all().delete()
    WorkingWindow.objects.bulk_create(
        WorkingWindow(engagement=engagement, weekday=day, start=w.start, end=w.end)
        for day, windows in by_day.items()
        for w in windows
    )


def _check_scope(workspace: Workspace, fields: dict) -> None:
    """Related rows must belong to the same workspace, whatever the caller passed."""
    client = fields.get("client")
    if client is not None and client.workspace_id != workspace.pk:
        raise ValueError("client from another workspace")
    manager = fields.get("account_manager")
    if manager is not None and not manager.memberships.filter(
        workspace=workspace, is_active=True
    ).exists():
        raise ValueError("account manager is not a member of the workspace")


@transaction.atomic
def do_create_engagement(
    workspace: Workspace, *, actor, working_hours: dict[int, list[Window]] | None = None,
    **fields,
) -> Engagement:
    _check_scope(workspace, fields)
    engagement = Engagement.objects.create(
        workspace=workspace, **{k: v for k, v in fields.items() if k in ENGAGEMENT_FIELDS}
    )
    _set_windows(engagement, working_hours or {})
    record(workspace, actor, "engagement.created", engagement, client=engagement.client.name,
           title=engagement.title, hours=_hours_text(working_hours or {}))
    return engagement


@transaction.atomic
def do_update_engagement(
    engagement: Engagement, *, actor, working_hours: dict[int, list[Window]] | None = None,
    **fields,
) -> Engagement:
    _check_scope(engagement.workspace, fields)
    before = _stored(engagement, ENGAGEMENT_FIELDS)
    before["hours"] = _hours_text(_windows_by_day(engagement))
    for name in ENGAGEMENT_FIELDS:
        if name in fields:
            setattr(engagement, name, fields[name])
    engagement.save()
    after = _snapshot(engagement, ENGAGEMENT_FIELDS)
    if working_hours is not None:
        _set_windows(engagement, working_hours)
        after["hours"] = _hours_text(working_hours)
    else:
        after["hours"] = before["hours"]
    changes = changed_fields(before, after)
    if changes:
        verb = "engagement.status_changed" if list(changes) == ["status"] else "engagement.updated"
        record(engagement.workspace, actor, verb, engagement, changes=changes,
               old_status=before["status"], new_status=engagement.status)
    return engagement


@transaction.atomic
def do_archive_engagement(engagement: Engagement, *, actor) -> Engagement:
    if engagement.archived_at is None:
        engagement.archived_at = timezone.now()
        engagement.save(update_fields=["archived_at"])
        record(engagement.workspace, actor, "engagement.archived", engagement)
    return engagement


@transaction.atomic
def do_restore_engagement(engagement: Engagement, *, actor) -> Engagement:
    if engagement.archived_at is not None:
        engagement.archived_at = None
        engagement.save(update_fields=["archived_at"])
        record(engagement.workspace, actor, "engagement.restored", engagement)
    return engagement
