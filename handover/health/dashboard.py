"""Dashboard panel: every engagement's health at a glance and what changed since last week."""

from handover.core.access import can

from . import health_selectors as selectors


def panel(request):
    membership = getattr(request, "membership", None)
    if membership is None or not can(membership, "view_all_engagements"):
        return None
    states = selectors.dashboard_states(membership.workspace)
    if not states:
        return None
    return {"template": "health/_dashboard_panel.html", "context": {"states": states}}
