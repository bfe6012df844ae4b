"""Writes for interactions, invoices and import runs. Atomic and audited."""

from __future__ import annotations

import json
import os
import socket
from functools import partial

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from handover.clients.actions import (
    do_add_contact,
    do_create_client,
    do_create_engagement,
)
from handover.clients.models import Client, ClientDomain, Contact, Engagement
from handover.clients.selectors import current_engagement
from handover.core.apps_registry import modules
from handover.core.audit import record
from handover.core.models import Workspace
from handover.lib.processes import process_identity

from .models import (
    Channel,
    Direction,
    ImapCursor,
    ImportRun,
    ImportState,
    Interaction,
    Invoice,
)
from .secrets import seal


@transaction.atomic
def do_ensure_client(workspace: Workspace, *, actor, name: str) -> Engagement:
    """The client's current engagement; the client and an engagement on the default terms
    are created when missing."""
    client = Client.objects.filter(workspace=workspace, name__iexact=name.strip()).first()
    if client is None:
        client = do_create_client(workspace, actor=actor, name=name.strip(),
                                  language=workspace.language, country="",
                                  time_zone=settings.TIME_ZONE)
    engagement = current_engagement(workspace, client)
    if engagement is not None:
        return engagement
    return do_create_engagement(workspace, actor=actor, client=client, title=client.name,
                                start_date=timezone.localdate(), time_zone=client.time_zone,
                                currency=workspace.currency)


def do_write_interactions(workspace: Workspace, rows: list[Interaction]):
    """Store new rows, skip those already there (same source and source id).

    Returns (the new rows, the number of duplicates). One batch, one transaction; the
    import run's audit event is written by `do_finish_import`.
    """
    seen: dict[tuple[str, str], Interaction] = {}
    duplicates = 0
    for row in rows:
        key = (row.source, row.source_id)
        if key in seen:
            duplicates += 1
        else:
            seen[key] = row
    existing = set()
    for source in {s for s, _ in seen}:
        ids = [i for s, i in seen if s == source]
        for start in range(0, len(ids), 500):
            existing.update(
                (source, sid) for sid in Interaction.objects.filter(
                    workspace=workspace, source=source, source_id__in=ids[start:start + 500]
                ).values_list("source_id", flat=True)
            )
    fresh = [row for key, row in seen.items() if key not in existing]
    with transaction.atomic():
        Interaction.objects.bulk_create(fresh, batch_size=500, ignore_conflicts=True)
    return fresh, duplicates + len(seen) - len(fresh)


MAIL_COLUMNS = ("workspace_id", "engagement_id", "channel", "direction", "occurred_at",
                "utc_offset_minutes", "subject", "body", "sender", "participants",
                "counterpart", "source", "source_id", "import_run_id", "created_at", "sequence",
                "raw_date")


def do_write_mail_rows(workspace: Workspace, rows: list[dict]) -> tuple[list[dict], int]:
    """The bulk path for mail: plain tuples and one executemany per batch (the ORM's
    per-row preparation costs more than parsing the message). Same rules as
    `do_write_interactions`: returns (the new rows, the number of duplicates)."""
    seen: dict[str, dict] = {}
    for row in rows:
        seen.setdefault(row["source_id"], row)
    existing = set(Interaction.objects.filter(
        workspace=workspace, source="mail", source_id__in=list(seen)
    ).values_list("source_id", flat=True))
    fresh = [row for key, row in seen.items() if key not in existing]
    if fresh:
        ops = connection.ops
        now = ops.adapt_datetimefield_value(timezone.now())
        table = Interaction._meta.db_table
        columns = ", ".join(MAIL_COLUMNS)
        marks = ", ".join(["%s"] * len(MAIL_COLUMNS))
        # Table and column names are constants of this module; values are parameters.
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks}) ON CONFLICT DO NOTHING"  # noqa: S608
        values = [
            (workspace.pk, r["engagement_id"], "email", r["direction"],
             ops.adapt_datetimefield_value(r["occurred_at"]), r["utc_offset"], r["subject"],
             r["body"], r["sender"], json.dumps(r["participants"]), r["counterpart"], "mail",
             r["source_id"], r["import_run_id"], now, 0, r.get("raw_date", ""))
            for r in fresh
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, values)
    return fresh, len(rows) - len(fresh)


@transaction.atomic
def do_record_schedule_change(workspace: Workspace, row: Interaction, *,
                              move: Interaction | None = None, to=None,
                              sequence: int = 0) -> bool:
    """Record a moved meeting: the change row, and the meeting at its new time."""
    if Interaction.objects.filter(workspace=workspace, source=row.source,
                                  source_id=row.source_id).exists():
        return False
    row.save()
    if move is not None and to is not None:
        Interaction.objects.filter(pk=move.pk, workspace=workspace).update(
            occurred_at=to, sequence=sequence)
    return True


@transaction.atomic
def do_create_import(workspace: Workspace, *, actor, kind: str, label: str, upload=None,
                     client_name: str = "", password: str = "") -> ImportRun:
    run = ImportRun(workspace=workspace, kind=kind, label=label[:300], created_by=actor,
                    client_name=client_name, sealed_secret=seal(password) if password else "")
    if upload is not None:
        run.upload.save(upload.name[-100:], upload, save=False)
    run.save()
    record(workspace, actor, "import.started", run, kind=kind, label=run.label)
    return run


def do_start_import(run: ImportRun) -> ImportRun:
    """The run is being worked on by this process (recorded, so that a start-up on this
    machine can tell when that process is gone: see `fail_dead_imports` in startup.py)."""
    run.state = ImportState.RUNNING
    run.host = socket.gethostname()[:255]
    run.pid = os.getpid()
    run.process = process_identity(run.pid)
    ImportRun.objects.filter(pk=run.pk).update(state=run.state, host=run.host, pid=run.pid,
                                               process=run.process)
    return run


def do_update_progress(run: ImportRun, **counts) -> None:
    for name, value in counts.items():
        setattr(run, name, value)
    ImportRun.objects.filter(pk=run.pk).update(**counts)


@transaction.atomic
def do_finish_import(run: ImportRun, *, report: dict | None, error: str = "") -> ImportRun:
    run.state = ImportState.FAILED if error else ImportState.DONE
    run.error = error
    run.sealed_secret = ""
    run.finished_at = timezone.now()
    if report:
        for name in ("imported", "duplicates", "unmatched", "failed"):
            setattr(run, name, report[name])
        run.failures = report["failures"][:500]
        run.unknown_dates = report.get("unknown_dates", 0)
        run.undated = report.get("undated", [])[:500]
    if run.upload:
        run.upload.delete(save=False)
    run.save()
    record(run.workspace, run.created_by, "import.finished", run, kind=run.kind,
           imported=run.imported, duplicates=run.duplicates, unmatched=run.unmatched,
           failed=run.failed)
    if run.state == ImportState.DONE:
        # New evidence: each app with an `after_import.py` (health recomputes) is told, once
        # this commits. Found by convention, so that this app imports none of them.
        workspace_id = run.workspace_id
        for module in modules("after_import"):
            transaction.on_commit(partial(module.after_import, workspace_id))
    return run


def do_save_cursor(workspace: Workspace, *, host: str, username: str, folder: str,
                   uidvalidity: int, last_uid: int) -> None:
    ImapCursor.objects.update_or_create(
        workspace=workspace, host=host, username=username, folder=folder,
        defaults={"uidvalidity": uidvalidity, "last_uid": last_uid},
    )


@transaction.atomic
def do_assign_sender(workspace: Workspace, *, actor, address: str, client: Client,
                     whole_domain: bool = False) -> int:
    """File every unplaced interaction with this address (or its domain) under the
    client's current engagement; later imports follow through the new contact or domain."""
    address = address.strip().lower()
    domain = address.rsplit("@", 1)[-1]
    current = current_engagement(workspace, client)
    engagement_id = current.pk if current else None
    if whole_domain:
        if not ClientDomain.objects.filter(workspace=workspace, domain=domain).exists():
            ClientDomain.objects.create(workspace=workspace, client=client, domain=domain)
    elif not Contact.objects.filter(workspace=workspace, email__iexact=address).exists():
        do_add_contact(client, actor=actor, name=address.split("@")[0], email=address)
    unplaced = Interaction.objects.filter(workspace=workspace, engagement__isnull=True)
    if whole_domain:
        unplaced = unplaced.filter(counterpart__iendswith="@" + domain)
    else:
        unplaced = unplaced.filter(counterpart=address)
    filed = unplaced.update(engagement_id=engagement_id) if engagement_id else 0
    record(workspace, actor, "interaction.assigned", client, address=address,
           domain=whole_domain, filed=filed)
    return filed


@transaction.atomic
def do_save_invoice(workspace: Workspace, *, actor, invoice: Invoice | None = None,
                    **fields) -> Invoice:
    engagement = fields.get("engagement")
    if engagement is not None and engagement.workspace_id != workspace.pk:
        raise ValueError("engagement from another workspace")
    creating = invoice is None
    invoice = invoice or Invoice(workspace=workspace)
    for name in ("engagement", "number", "issued", "due", "paid_on", "amount", "currency"):
        if name in fields:
            setattr(invoice, name, fields[name])
    invoice.save()
    record(workspace, actor, "invoice.created" if creating else "invoice.updated", invoice,
           number=invoice.number, amount=str(invoice.amount), currency=invoice.currency)
    return invoice


def do_import_invoices(workspace: Workspace, *, actor, rows: list[dict]) -> tuple[int, int]:
    """Invoices not yet known by number; returns (imported, duplicates)."""
    numbers = {r["number"] for r in rows}
    known = set(Invoice.objects.filter(workspace=workspace, number__in=numbers)
                .values_list("number", flat=True))
    fresh, seen = [], set()
    for row in rows:
        if row["number"] in known or row["number"] in seen:
            continue
        seen.add(row["number"])
        fresh.append(Invoice(workspace=workspace, **row))
    with transaction.atomic():
        Invoice.objects.bulk_create(fresh, ignore_conflicts=True)
    return len(fresh), len(rows) - len(fresh)


# Said of a run whose process is gone (killed, machine restarted); in its creator's language.
STOPPED = gettext_noop("The import stopped before it finished; run it again.")


@transaction.atomic
def do_file_letter(engagement: Engagement, *, actor, letter_id: int, to: str, subject: str,
                   body: str, sent_at) -> Interaction | None:
    """A letter sent to the client becomes one outbound e-mail of the engagement's timeline
    (the letters app calls this once the outbox has sent it). Filed once: None when the
    letter is there already."""
    source_id = f"letter:{letter_id}"
    if Interaction.objects.filter(workspace_id=engagement.workspace_id, source="letter",
                                  source_id=source_id).exists():
        return None
    address = to.strip().lower()
    interaction = Interaction.objects.create(
        workspace_id=engagement.workspace_id, engagement=engagement, channel=Channel.EMAIL,
        direction=Direction.OUTBOUND, occurred_at=sent_at or timezone.now(),
        subject=subject[:500], body=body, participants=[address] if address else [],
        counterpart=address[:320], source="letter", source_id=source_id)
    record(engagement.workspace, actor, "interaction.filed", interaction,
           engagement=engagement.pk, letter=letter_id)
    return interaction
