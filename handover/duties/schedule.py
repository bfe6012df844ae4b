from datetime import timedelta

from handover.core.schedule import Job

from .tasks import run_duty_schedule

JOBS = [Job("duties.daily", timedelta(hours=24), run_duty_schedule)]
