"""Dashboard panel: offboarding steps due this week across engagements."""

from django.utils import timezone

from handover.core.access import can

from .selectors import due_this_week


def panel(request):
    if not can(request.membership, "manage_clients"):
        return None
    due = list(due_this_week(request.membership, timezone.localdate())[:20])
    if not due:
        return None
    return {"template": "offboarding/_dashboard_panel.html", "context": {"due": due}}
