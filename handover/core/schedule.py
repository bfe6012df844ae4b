"""Periodic jobs: each app may list them in `schedule.py` as JOBS = [Job(...)].

`jobs()` gathers them from every app. `handover scheduler` (started by `handover serve`)
calls `core.actions.do_run_due_jobs` every minute (`--every` seconds; `--once` for cron).
For each job and workspace it claims the `ScheduledRun` row with a conditional update, so
a job runs at most once per interval per workspace however many schedulers run; the first
check for a workspace runs the job at once. A job only enqueues its task with the
workspace id when the claim commits: the work happens in the task worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from .apps_registry import modules


@dataclass(frozen=True)
class Job:
    name: str  # namespaced, e.g. "duties.daily"
    every: timedelta
    task: object  # a django-tasks Task taking the workspace id


@cache
def jobs() -> tuple[Job, ...]:
    return tuple(job for module in modules("schedule") for job in getattr(module, "JOBS", ()))
