"""What runs when `handover serve` and `handover worker` start (see core's worker command):
imports still waiting or running whose process is gone are marked failed, so that nobody
waits on them. It sits at the top of the app (it reads the task queue and calls the
actions the import task calls), where nothing imports it but the start-up."""

from __future__ import annotations

import os
import socket
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from handover.lib.processes import process_identity

from .actions import STOPPED, do_finish_import
from .models import ImportRun, ImportState
from .tasks import run_import_task

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


def fail_dead_imports() -> int:
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


STEPS = [fail_dead_imports]
