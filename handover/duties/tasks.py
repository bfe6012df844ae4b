"""Background tasks of the duties app: the daily round of reminders and report requests."""

from django_tasks import task

from handover.core.models import Workspace


@task()
def run_duty_schedule(workspace_id: int) -> dict:
    from .actions.duties import do_run_schedule

    workspace = Workspace.objects.filter(pk=workspace_id).first()
    if workspace is None:
        return {}
    return do_run_schedule(workspace)
