"""Writes of relationship health around the recompute: a dismissed finding and the
thresholds, the weekly reference state. After a dismissal or new thresholds the page queues
the `compute_health` task: a recompute always runs in the background, never in a request."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from handover.core.audit import record
from handover.core.models import Workspace
from handover.core.versions import touch

from ..models import EngagementHealth, HealthFinding, HealthThresholds, InteractionFacts


@transaction.atomic
def do_dismiss_finding(finding: HealthFinding, *, actor) -> HealthFinding:
    """A false alarm: kept, audited, and no longer counted."""
    if finding.dismissed_at is None:
        finding.dismissed_at = timezone.now()
        finding.dismissed_by = actor
        finding.save(update_fields=["dismissed_at", "dismissed_by"])
        record(finding.workspace, actor, "health_finding.dismissed", finding.engagement,
               signal=finding.signal, key=finding.key)
    return finding


@transaction.atomic
def do_snapshot_week(workspace: Workspace) -> list[dict]:
    """Compare with last week, then make this week's state the reference; returns the
    engagements whose state changed."""
    changed = []
    now = timezone.now()
    for state in EngagementHealth.objects.filter(workspace=workspace).select_related(
            "engagement__client"):
        if not state.has_figures:  # only a failure recorded: nothing to compare
            continue
        if state.last_week_at is None or state.changed:
            changed.append({"engagement": state.engagement, "score": state.score,
                            "recommendation": state.get_recommendation_display(),
                            "before_score": state.last_week_score,
                            "before": state.last_week_recommendation})
        state.last_week_score = state.score
        state.last_week_recommendation = state.recommendation
        state.last_week_at = now
        state.save(update_fields=["last_week_score", "last_week_recommendation",
                                  "last_week_at"])
    touch(workspace.pk)
    return changed


@transaction.atomic
def do_save_thresholds(workspace: Workspace, *, actor, **values) -> None:
    """The workspace's thresholds (audited). Facts depend on them, so they are dropped: the
    recompute that the caller queues computes them again with the new limits."""
    row, _created = HealthThresholds.objects.get_or_create(workspace=workspace)
    before = {k: getattr(row, k) for k in values}
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    changes = {k: [before[k], v] for k, v in values.items() if before[k] != v}
    if changes:
        record(workspace, actor, "health_thresholds.updated", None, changes=changes)
        InteractionFacts.objects.filter(workspace=workspace).delete()
