"""Background recomputes: after every finished import (after_import.py), after a dismissed
finding or new thresholds (the health pages), the weekly digest (schedule.py), and a
recompute cut short by a stop (startup.py)."""

from __future__ import annotations

from django_tasks import task

from handover.core.models import Workspace

from .actions.compute import do_compute_health
from .digest import do_send_weekly_digest


@task()
def compute_health(workspace_id: int, engagement_ids: list[int] | None = None) -> dict:
    workspace = Workspace.objects.filter(pk=workspace_id).first()
    if workspace is None:
        return {}
    return {"facts_added": do_compute_health(
        workspace, engagement_ids=engagement_ids)["facts_added"]}


@task()
def weekly_health(workspace_id: int) -> dict:
    workspace = Workspace.objects.filter(pk=workspace_id).first()
    if workspace is None:
        return {}
    return do_send_weekly_digest(workspace)
