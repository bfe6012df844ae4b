"""Periodic jobs: each app may list them in `schedule.py` as JOBS = [Job(...)].

`handover scheduler` (started by `handover serve`) calls `run_due` every minute; a job runs
at most once per interval per workspace, however many schedulers run, and only enqueues a
task: the work happens in the task worker.
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
