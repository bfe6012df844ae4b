"""Writes for interactions, invoices and import runs. Atomic and audited."""

from __future__ import annotations

import json
import os
import socket
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from handover.clients.actions import (
    do_add_contact,
    do_create_client,
    do_create_engagement,
)
from handover.clients.models import Client, ClientDomain, Contact, Engagement
from handover.clients.selectors import current_engagement
from handover.core.audit import record
from handover.core.models import Workspace

from .models import ImapCursor, ImportRun, ImportState, Interaction, Invoice
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
    machine can tell when that process is gone: see `do_fail_dead_imports`)."""
    run.state = ImportState.RUNNING
    run.host = socket.gethostname()[:255]
    run.pid = os.getpid()
    run.process = process_identity(run.pid)
    ImportRun.objects.filter(pk=run.pk).update(state=run.state, host=run.host, pid=run.pid,
                                               process=run.process)
    return run


def process_identity(pid: int) -> str:
    """The boot id and start time of a process (Linux; "" elsewhere). With the pid it
    tells a process from a later one given the same id (after a restart, say)."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        stat = Path(f"/proc/{pid}/stat").read_text()
        started = stat.rsplit(")", 1)[1].split()[19]  # field 22: start time, in ticks
    except (OSError, IndexError):
        return ""
    return f"{boot}:{started}"[:80]


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
        # New evidence: the health of the workspace is recomputed in the background.
        from .tasks import compute_health

        workspace_id = run.workspace_id
        transaction.on_commit(lambda: compute_health.enqueue(workspace_id))
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


def today() -> date:
    return timezone.localdate()


# Said of a run whose process is gone (killed, machine restarted); in its creator's language.
STOPPED = gettext_noop("The import stopped before it finished; run it again.")
QUEUED_GRACE = timedelta(minutes=2)  # a new run's task is enqueued just after its commit


def _alive(run: ImportRun) -> bool:
    """Whether the process recorded on the run (on this machine) is still there. Only
    asked at start-up, so a run recorded with this very process id is a previous
    process's (a restarted container gives out the same ids again)."""
    if run.pid == os.getpid():
        return False
    try:
        os.kill(run.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: there, but maybe not the same one
        pass
    return not run.process or process_identity(run.pid) in ("", run.process)


def _pending_import_ids() -> set[int]:
    """Run ids named by import tasks waiting for a worker, or just picked up by one (the
    run then records its process at once, and is judged by that)."""
    from django_tasks_db.models import DBTaskResult

    from .tasks import run_import_task

    ids = set()
    for data in DBTaskResult.objects.filter(
            status__in=["READY", "RUNNING"], task_path=run_import_task.module_path
    ).values_list("args_kwargs", flat=True):
        args = (data or {}).get("args") or (data or {}).get("kwargs", {}).values()
        ids.update(a for a in args if isinstance(a, int))
    return ids


def dead_import_runs() -> list[ImportRun]:
    """Runs still waiting or running that nobody is working on: those recorded on this
    machine by a process that is gone, and those waiting (never started) for a while
    with no task left to start them. Runs on other machines sharing the database are
    never judged by their process id."""
    host = socket.gethostname()[:255]
    open_runs = ImportRun.objects.filter(state__in=[ImportState.QUEUED, ImportState.RUNNING])
    dead = [run for run in open_runs.filter(host=host, pid__isnull=False) if not _alive(run)]
    waiting = list(open_runs.filter(state=ImportState.QUEUED, pid__isnull=True,
                                    created_at__lt=timezone.now() - QUEUED_GRACE))
    if waiting:
        pending = _pending_import_ids()
        dead += [run for run in waiting if run.pk not in pending]
    return dead


def do_fail_dead_imports() -> int:
    """Mark the dead runs failed, each with a sentence in its creator's language; run at
    the start of `handover serve` and of `handover worker`. Returns how many."""
    count = 0
    for run in dead_import_runs():
        with transaction.atomic():
            # Lock the run's own row only: PostgreSQL refuses FOR UPDATE on the nullable side
            # of the outer join to its creator.
            fresh = ImportRun.objects.select_for_update(of=("self",)).select_related(
                "workspace", "created_by").filter(
                pk=run.pk, state__in=[ImportState.QUEUED, ImportState.RUNNING]).first()
            if fresh is None:
                continue
            language = getattr(fresh.created_by, "language", "") or settings.LANGUAGE_CODE
            with translation.override(language):
                reason = translation.gettext(STOPPED)
            do_finish_import(fresh, report=None, error=reason)
            count += 1
    return count


INTERRUPTED = ("builtins.SystemExit", "builtins.KeyboardInterrupt")


def do_requeue_interrupted_recomputes(*, within: timedelta = timedelta(days=7)) -> int:
    """A workspace whose latest health recompute was interrupted (its worker was stopped
    mid-task) gets a new one: the recompute is incremental, so it carries on from where
    the other stopped. Run at start-up; returns how many were enqueued."""
    from django_tasks_db.models import DBTaskResult

    from .tasks import compute_health

    latest: dict[int, tuple[str, str]] = {}
    for data, status, error in DBTaskResult.objects.filter(
            task_path=compute_health.module_path,
            enqueued_at__gte=timezone.now() - within,
    ).order_by("enqueued_at").values_list("args_kwargs", "status", "exception_class_path"):
        args = (data or {}).get("args") or []
        if args and isinstance(args[0], int):
            latest[args[0]] = (status, error)
    again = sorted(ws for ws, (status, error) in latest.items()
                   if status == "FAILED" and error in INTERRUPTED)
    for workspace_id in again:
        compute_health.enqueue(workspace_id)
    return len(again)
