"""The working calendar of an engagement: its weekdays and its client's public holidays."""

from __future__ import annotations

from handover.clients.models import Engagement

from .notice import WEEKDAYS, WorkCalendar


def calendar_for(engagement: Engagement) -> WorkCalendar:
    days = frozenset(engagement.working_windows.values_list("weekday", flat=True))
    return WorkCalendar(
        country=engagement.holiday_country or engagement.client.country,
        region=engagement.holiday_subdivision,
        weekdays=days or WEEKDAYS,
    )
