"""Reads for the health pages: precomputed state and a bounded page of evidence."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from handover.clients.models import Engagement

from .models import EngagementHealth, HealthFinding, InteractionFacts


def engagement_for(membership, engagement_id: int) -> Engagement:
    return get_object_or_404(Engagement.objects.select_related("client").prefetch_related(
        "working_windows"), workspace=membership.workspace, pk=engagement_id)


def state_for(engagement) -> EngagementHealth | None:
    # By the unique engagement key (SQLite would otherwise scan the workspace's index);
    # the engagement itself was loaded within the workspace.
    state = EngagementHealth.objects.filter(engagement=engagement).first()
    return state if state and state.workspace_id == engagement.workspace_id else None


def finding_for(membership, finding_id: int) -> HealthFinding:
    return get_object_or_404(HealthFinding.objects.select_related("engagement"),
                             workspace=membership.workspace, pk=finding_id)


def findings(engagement, limit: int = 30) -> list[HealthFinding]:
    return list(HealthFinding.objects.filter(
        workspace=engagement.workspace, engagement=engagement, dismissed_at__isnull=True,
    ).select_related("interaction", "invoice")[:limit])


def facts_of(workspace, interaction_ids) -> dict[int, InteractionFacts]:
    # By primary key, then checked against the workspace in Python: with a workspace filter
    # in SQL, SQLite walks the workspace's index instead.
    rows = InteractionFacts.objects.filter(pk__in=list(interaction_ids)).only(
        "interaction_id", "workspace_id", "findings", "off_class", "deadline")
    return {f.interaction_id: f for f in rows if f.workspace_id == workspace.pk}


def out_of_hours_samples(engagement, limit: int = 8) -> list[InteractionFacts]:
    return list(InteractionFacts.objects.filter(
        workspace=engagement.workspace, engagement=engagement, inbound=True,
    ).exclude(off_class="").select_related("interaction").order_by("-month", "-local_date")
        [:limit])


def dashboard_states(workspace, limit: int = 12) -> list[EngagementHealth]:
    return list(EngagementHealth.objects.filter(workspace=workspace).select_related(
        "engagement__client").order_by("score", "engagement_id")[:limit])


def states_by_engagement(workspace, engagement_ids) -> dict[int, EngagementHealth]:
    return {s.engagement_id: s for s in EngagementHealth.objects.filter(
        workspace=workspace, engagement_id__in=list(engagement_ids)).select_related(
        "engagement").only(
        "engagement_id", "engagement__status", "score", "recommendation", "last_week_score",
        "last_week_recommendation", "last_week_at", "breakdown", "failed_at")}
