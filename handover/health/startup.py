"""What runs when `handover serve` and `handover worker` start (see core's worker command):
a health recompute cut short by a stop is queued again. It enqueues the task that calls
the actions, so it sits above both, where nothing imports it but the start-up."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from .tasks import compute_health

INTERRUPTED = ("builtins.SystemExit", "builtins.KeyboardInterrupt")


def requeue_interrupted_recomputes(*, within: timedelta = timedelta(days=7)) -> int:
    """A workspace whose latest health recompute was interrupted (its worker was stopped
    mid-task) gets a new one: the recompute is incremental, so it carries on from where
    the other stopped. Run at start-up; returns how many were enqueued."""
    from django_tasks_db.models import DBTaskResult

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


STEPS = [requeue_interrupted_recomputes]
