"""Dashboard panel: the latest import and how many interactions wait to be placed."""

from handover.core.access import can

from . import selectors


def panel(request):
    membership = getattr(request, "membership", None)
    if membership is None or not can(membership, "manage_clients"):
        return None
    latest = selectors.import_runs(request.workspace).first()
    unplaced = selectors.unplaced_count(request.workspace)
    if latest is None and not unplaced:
        return None
    return {"template": "interactions/_dashboard_panel.html",
            "context": {"latest": latest, "unplaced": unplaced}}
