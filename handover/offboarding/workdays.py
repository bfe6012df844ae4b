"""The working calendar of an engagement: its weekdays and its client's public holidays."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from handover.clients.models import Engagement

from .notice import WEEKDAYS, Notice, WorkCalendar, compute, required_notice_days


def calendar_for(engagement: Engagement, language: str | None = None) -> WorkCalendar:
    """`language` names the holidays (the active language when not given)."""
    days = frozenset(engagement.working_windows.values_list("weekday", flat=True))
    return WorkCalendar(
        country=engagement.holiday_country or engagement.client.country,
        region=engagement.holiday_subdivision,
        weekdays=days or WEEKDAYS,
        language=language or get_language() or "en",
    )


def notice_comparison(engagement: Engagement, chosen: date,
                      today: date) -> list[tuple[str, Notice]]:
    """What the dates become if the notice goes out today, on the chosen day or in a week."""
    cal = calendar_for(engagement)
    days = required_notice_days(engagement.notice_days)
    return [(label, compute(day, days, cal)) for label, day in (
        (_("Today"), today), (_("Chosen date"), chosen),
        (_("In a week"), today + timedelta(days=7)))]
