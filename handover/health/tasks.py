"""Background tasks of relationship health: recompute, and the weekly digest."""

from django_tasks import task

from handover.core.models import Workspace


@task()
def compute_health(workspace_id: int) -> dict:
    from .health_actions import do_compute_health

    workspace = Workspace.objects.filter(pk=workspace_id).first()
    if workspace is None:
        return {}
    return {"facts_added": do_compute_health(workspace)["facts_added"]}


@task()
def weekly_health(workspace_id: int) -> dict:
    from .digest import do_send_weekly_digest

    workspace = Workspace.objects.filter(pk=workspace_id).first()
    if workspace is None:
        return {}
    return do_send_weekly_digest(workspace)
