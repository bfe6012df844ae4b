from datetime import timedelta

from handover.core.schedule import Job

from .tasks import deactivate_due_leavers

# A leaver loses access within ten minutes of the end of the last day.
JOBS = [Job("departures.deactivate", timedelta(minutes=10), deactivate_due_leavers)]
