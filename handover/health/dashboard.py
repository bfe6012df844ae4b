"""Dashboard panel: every engagement's health at a glance (and what changed since last
week); and the health column of the engagement list."""

from django.utils.translation import gettext as _

from handover.core.access import can

from . import selectors


def panel(request):
    membership = getattr(request, "membership", None)
    if membership is None or not can(membership, "view_all_engagements"):
        return None
    states = selectors.dashboard_states(membership.workspace)
    if not states:
        return None
    return {"template": "health/_health_panel.html", "context": {"states": states}}


def engagement_columns(request, engagement_ids: list[int]) -> list[dict]:
    """The health column of the dashboard's engagement list: score, recommendation and
    whether either changed since last week."""
    membership = getattr(request, "membership", None)
    if membership is None or not can(membership, "view_all_engagements"):
        return []
    return [{"label": _("Health"), "template": "health/_health_cell.html",
             "cells": selectors.states_by_engagement(membership.workspace, engagement_ids)}]
