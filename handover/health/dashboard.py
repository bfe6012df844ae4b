"""Dashboard panels: every engagement's health at a glance (and what changed since last
week), then the latest import and how many interactions wait to be placed; and the health
column of the engagement list."""

from django.utils.translation import gettext as _

from handover.core.access import can

from . import health_selectors, selectors


def panel(request):
    membership = getattr(request, "membership", None)
    if membership is None:
        return None
    panels = []
    if can(membership, "view_all_engagements"):
        states = health_selectors.dashboard_states(membership.workspace)
        if states:
            panels.append({"template": "health/_health_panel.html",
                           "context": {"states": states}})
    if can(membership, "manage_clients"):
        latest = selectors.import_runs(request.workspace).first()
        unplaced = selectors.unplaced_count(request.workspace)
        if latest is not None or unplaced:
            panels.append({"template": "health/_dashboard_panel.html",
                           "context": {"latest": latest, "unplaced": unplaced}})
    return panels or None


def engagement_columns(request, engagement_ids: list[int]) -> list[dict]:
    """The health column of the dashboard's engagement list: score, recommendation and
    whether either changed since last week."""
    membership = getattr(request, "membership", None)
    if membership is None or not can(membership, "view_all_engagements"):
        return []
    return [{"label": _("Health"), "template": "health/_health_cell.html",
             "cells": health_selectors.states_by_engagement(membership.workspace,
                                                           engagement_ids)}]
