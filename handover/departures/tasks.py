"""Background tasks of departures: deactivating the leavers whose last day has ended."""

from django_tasks import task

from . import selectors
from .actions import do_deactivate_leaver


@task()
def deactivate_due_leavers(workspace_id: int) -> int:
    """The scheduler's `departures.deactivate` job: how many leavers it deactivated."""
    return sum(do_deactivate_leaver(departure)
               for departure in selectors.leavers_due(workspace_id))
