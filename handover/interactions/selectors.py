"""Reads for interactions, invoices and import runs, always scoped to one workspace."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, F, Max, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from handover.clients.selectors import visible_engagements
from handover.core.models import Membership, Workspace

from .models import ImportRun, Interaction, Invoice

PERIODS = {"7": 7, "30": 30, "90": 90, "365": 365}


def interactions_for(membership: Membership, *, engagement=None, channel: str = "",
                     direction: str = "", period: str = "") -> QuerySet[Interaction]:
    rows = Interaction.objects.filter(
        workspace=membership.workspace,
        engagement__in=visible_engagements(membership),
    ).select_related("engagement__client")
    if engagement is not None:
        rows = rows.filter(engagement=engagement)
    if channel:
        rows = rows.filter(channel=channel)
    if direction:
        rows = rows.filter(direction=direction)
    if period in PERIODS:
        rows = rows.filter(occurred_at__gte=timezone.now() - timedelta(days=PERIODS[period]))
    # Rows with an unknown date come last (after the oldest), never as 1970-01-01.
    return rows.defer("body").order_by(F("occurred_at").desc(nulls_last=True), "-pk")


def interaction(membership: Membership, interaction_id: int) -> Interaction:
    rows = Interaction.objects.filter(workspace=membership.workspace)
    visible = rows.filter(engagement__in=visible_engagements(membership))
    from handover.core.access import can

    if can(membership, "view_all_engagements"):
        visible = rows
    return get_object_or_404(visible.select_related("engagement__client"), pk=interaction_id)


def unplaced_senders(workspace: Workspace):
    """Addresses of unplaced interactions, most frequent first."""
    return (Interaction.objects.filter(workspace=workspace, engagement__isnull=True)
            .exclude(counterpart="").values("counterpart")
            .annotate(n=Count("id"), last=Max("occurred_at")).order_by("-n", "counterpart"))


def unplaced_count(workspace: Workspace) -> int:
    return Interaction.objects.filter(workspace=workspace, engagement__isnull=True).count()


def import_runs(workspace: Workspace) -> QuerySet[ImportRun]:
    return ImportRun.objects.filter(workspace=workspace).order_by("-created_at")


def import_run(workspace: Workspace, import_run_id: int) -> ImportRun:
    return get_object_or_404(ImportRun.objects.filter(workspace=workspace), pk=import_run_id)


def invoices(membership: Membership) -> QuerySet[Invoice]:
    return Invoice.objects.filter(
        workspace=membership.workspace, engagement__in=visible_engagements(membership)
    ).select_related("engagement__client")
