"""Periodic jobs run once per interval and workspace, whoever asks."""

from datetime import timedelta

from django.test import override_settings
from django.utils import timezone
from django_tasks import task_backends

from handover.core.actions import do_run_due_jobs
from handover.core.schedule import jobs


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_it_enqueues_each_due_job_once_per_interval(workspace_a, workspace_b,
                                                     django_capture_on_commit_callbacks):
    assert "duties.daily" in {job.name for job in jobs()}
    backend = task_backends["default"]
    backend.clear()
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        first = do_run_due_jobs(now=now)
        again = do_run_due_jobs(now=now + timedelta(hours=1))
        later = do_run_due_jobs(now=now + timedelta(hours=25))
    daily = [run for run in first if run[0] == "duties.daily"]
    assert sorted(ws for _name, ws in daily) == sorted([workspace_a.pk, workspace_b.pk])
    assert [run for run in again if run[0] == "duties.daily"] == []
    assert len([run for run in later if run[0] == "duties.daily"]) == 2
    enqueued = [r for r in backend.results if r.task.name == "run_duty_schedule"]
    assert len(enqueued) == 4
