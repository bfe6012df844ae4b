"""Notice periods and working days (Django-free).

The contract's notice runs in calendar days from the day after the notice is received.
A notice given on a day off counts as received on the next working day. The earliest
lawful last day is the end of the notice; the proposed last day is the first working
day on or after it, so that the handover happens on a day someone is at work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from handover.lib.public_holidays import public_holidays

WEEKDAYS = frozenset(range(5))
# The practice gives at least a month's notice, or the contract's notice when longer.
MIN_NOTICE_DAYS = 30


def required_notice_days(contract_days: int) -> int:
    return max(MIN_NOTICE_DAYS, contract_days or 0)


@dataclass(frozen=True)
class WorkCalendar:
    country: str = ""
    region: str = ""
    weekdays: frozenset[int] = WEEKDAYS
    language: str = "en"  # of the holidays' names

    def holiday(self, day: date) -> str | None:
        return public_holidays(self.country, self.region, day.year, self.language).get(day)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.weekdays and self.holiday(day) is None

    def next_working_day(self, day: date) -> date:
        for _ in range(60):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        return day

    def previous_working_day(self, day: date) -> date:
        for _ in range(60):
            if self.is_working_day(day):
                return day
            day -= timedelta(days=1)
        return day

    def working_days(self, start: date, end: date) -> int:
        """Working days from start to end, both included."""
        return sum(1 for n in range((end - start).days + 1)
                   if self.is_working_day(start + timedelta(days=n)))

    def holidays_between(self, start: date, end: date) -> list[tuple[date, str]]:
        out = []
        day = start
        while day <= end:
            name = self.holiday(day)
            if name and day.weekday() in self.weekdays:
                out.append((day, name))
            day += timedelta(days=1)
        return out


@dataclass
class Notice:
    given: date
    received: date
    notice_days: int
    earliest_last_day: date
    proposed_last_day: date
    last_day: date
    working_days: int
    holidays: list[tuple[date, str]] = field(default_factory=list)
    warnings: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def too_early(self) -> bool:
        return self.last_day < self.earliest_last_day


def compute(given: date, notice_days: int, cal: WorkCalendar,
            last_day: date | None = None) -> Notice:
    received = cal.next_working_day(given)
    earliest = received + timedelta(days=notice_days)
    proposed = cal.next_working_day(earliest)
    chosen = last_day or proposed
    notice = Notice(
        given=given, received=received, notice_days=notice_days, earliest_last_day=earliest,
        proposed_last_day=proposed, last_day=chosen,
        working_days=cal.working_days(received + timedelta(days=1), chosen)
        if chosen > received else 0,
        holidays=cal.holidays_between(received, max(chosen, earliest)),
    )
    if received != given:
        notice.warnings.append(("given_on_day_off", {"received": received}))
    if chosen < earliest:
        notice.warnings.append(("shorter_than_agreed", {
            "days": (earliest - chosen).days, "earliest": earliest}))
    elif not cal.is_working_day(chosen):
        notice.warnings.append(("last_day_off", {"day": chosen}))
    if notice.holidays:
        notice.warnings.append(("holidays", {"count": len(notice.holidays)}))
    if notice.working_days < 10:
        notice.warnings.append(("short_handover", {"days": notice.working_days}))
    return notice


def due_date(anchor_day: date, offset_days: int, cal: WorkCalendar) -> date:
    """The step's day, moved to a working day (earlier before the anchor, later after)."""
    day = anchor_day + timedelta(days=offset_days)
    if offset_days > 0:
        return cal.next_working_day(day)
    return cal.previous_working_day(day)


def due_from(start: date, anchor_day: date, offset_days: int,
             cal: WorkCalendar) -> tuple[date, date | None]:
    """(due date, the day it should have been done by): a step whose day falls before the
    plan starts is due on the start day, late from the beginning; otherwise (due, None)."""
    day = due_date(anchor_day, offset_days, cal)
    return (start, day) if day < start else (day, None)
