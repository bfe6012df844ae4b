"""Health is recomputed in the background only: pages that change what it depends on queue
the recompute and say so; nothing is recomputed inside the request."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django_tasks import default_task_backend

from handover.health.models import HealthFinding, HealthThresholds, InteractionFacts
from handover.health.tasks import compute_health
from handover.lib.thresholds import DEFAULTS

from .conftest import signed_in

QUEUE_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend",
                          "QUEUES": ["default"]}}


@pytest.fixture
def queue_only(settings):
    with override_settings(TASKS=QUEUE_ONLY):
        default_task_backend.clear()
        yield default_task_backend
        default_task_backend.clear()


def queued(backend) -> list:
    return [(r.task.module_path, r.args, r.kwargs) for r in backend.results]


def test_it_queues_the_recompute_when_thresholds_change(alice, demo_workspace_a, queue_only,
                                                         django_capture_on_commit_callbacks):
    assert InteractionFacts.objects.filter(workspace=demo_workspace_a).exists()
    values = dict(DEFAULTS, long_call_minutes=DEFAULTS["long_call_minutes"] + 15)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(alice).post(
            reverse("health_settings", kwargs={"ws": demo_workspace_a.slug}), values)
    assert response.status_code == 302
    assert HealthThresholds.objects.get(workspace=demo_workspace_a).long_call_minutes == \
        values["long_call_minutes"]
    # The stale facts are gone and none were computed in the request: the worker will.
    assert not InteractionFacts.objects.filter(workspace=demo_workspace_a).exists()
    assert queued(queue_only) == [(compute_health.module_path, [demo_workspace_a.pk], {})]


def test_it_queues_the_recompute_of_one_engagement_after_a_dismissal(
        alice, demo_workspace_a, queue_only, django_capture_on_commit_callbacks):
    finding = HealthFinding.objects.filter(workspace=demo_workspace_a,
                                           dismissed_at__isnull=True).first()
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(alice).post(reverse("health_finding_dismiss", kwargs={
            "ws": demo_workspace_a.slug, "health_finding_id": finding.pk}))
    assert queued(queue_only) == [(compute_health.module_path, [demo_workspace_a.pk],
                                   {"engagement_ids": [finding.engagement_id]})]
