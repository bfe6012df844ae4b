"""The working calendar of an engagement: its weekdays and its client's public holidays."""

from __future__ import annotations

from django.utils.translation import get_language

from handover.clients.models import Engagement

from .notice import WEEKDAYS, WorkCalendar


def calendar_for(engagement: Engagement, language: str | None = None) -> WorkCalendar:
    """`language` names the holidays (the active language when not given)."""
    days = frozenset(engagement.working_windows.values_list("weekday", flat=True))
    return WorkCalendar(
        country=engagement.holiday_country or engagement.client.country,
        region=engagement.holiday_subdivision,
        weekdays=days or WEEKDAYS,
        language=language or get_language() or "en",
    )
