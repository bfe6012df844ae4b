from datetime import timedelta

from handover.core.schedule import Job

from .tasks import weekly_health

JOBS = [Job("health.weekly", timedelta(days=7), weekly_health)]
