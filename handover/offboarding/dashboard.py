"""Dashboard panel: overdue offboarding steps, and the steps due this week, across
engagements."""

from django.utils import timezone

from handover.core.access import can

from .selectors import due_this_week, overdue


def panel(request):
    if not can(request.membership, "manage_clients"):
        return None
    today = timezone.localdate()
    late = list(overdue(request.membership, today)[:20])
    due = list(due_this_week(request.membership, today)[:20])
    if not (due or late):
        return None
    return {"template": "offboarding/_dashboard_panel.html",
            "context": {"due": due, "overdue": late}}
