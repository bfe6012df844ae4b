"""Is a moment outside an engagement's agreed working time? Per-month counts and shares.

Django-free, so the health app can call it on model rows and tests can check SQL-side
computations against it. An engagement's schedule is its time zone, its working windows
(weekday 0 = Monday, start, end, in that zone; an end of 23:59:59 means midnight, as in
handover.lib.hours) and optionally the country and region whose public holidays apply.

A moment is classified, in this order of precedence:
- "holiday": a public holiday of the country/region (whatever the windows say; an unknown
  region counts the country's national holidays, see handover.lib.public_holidays);
- "weekend": Saturday or Sunday with no window that day;
- "day_off": another weekday with no window;
- "outside_hours": a working day, but outside every window;
- None: inside a window.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from handover.lib.hours import END_OF_DAY
from handover.lib.public_holidays import public_holidays

HOLIDAY, WEEKEND, DAY_OFF, OUTSIDE_HOURS = "holiday", "weekend", "day_off", "outside_hours"
REASONS = (HOLIDAY, WEEKEND, DAY_OFF, OUTSIDE_HOURS)


@dataclass(frozen=True)
class Schedule:
    time_zone: str
    windows: tuple[tuple[int, time, time], ...]
    holiday_country: str = ""
    holiday_subdivision: str = ""

    @classmethod
    def build(cls, time_zone: str, windows: Iterable, holiday_country: str = "",
              holiday_subdivision: str = "") -> Schedule:
        """From (weekday, start, end) tuples or objects with .weekday/.start/.end
        (e.g. WorkingWindow rows)."""
        rows = []
        for w in windows:
            if isinstance(w, tuple):
                rows.append((int(w[0]), w[1], w[2]))
            else:
                rows.append((int(w.weekday), w.start, w.end))
        ZoneInfo(time_zone)  # fails early on an unknown zone
        return cls(time_zone, tuple(sorted(rows)), (holiday_country or "").upper(),
                   holiday_subdivision or "")

    @classmethod
    def for_engagement(cls, engagement) -> Schedule:
        """From an Engagement-like object (time_zone, holiday_country, holiday_subdivision,
        working_windows)."""
        return cls.build(engagement.time_zone, engagement.working_windows.all(),
                         engagement.holiday_country, engagement.holiday_subdivision)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def working_days(self) -> frozenset[int]:
        return frozenset(w[0] for w in self.windows)


def holiday_name(day: date, country: str, subdivision: str = "") -> str | None:
    """The public holiday on `day` in the country/region, or None (see public_holidays
    for an unknown country or region)."""
    return public_holidays(country, subdivision, day.year).get(day)


def in_window(start: time, end: time, moment: time) -> bool:
    if end == END_OF_DAY:
        return moment >= start
    return start <= moment < end


def local(moment: datetime, schedule: Schedule) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("the moment must be time-zone aware")
    return moment.astimezone(schedule.zone)


class Clock:
    """A schedule prepared for classifying many moments: the zone object, the windows of
    each weekday and each year's public holidays, looked up once. `classify` gives the
    answer for many moments without rebuilding them (`clock_for` keeps one per schedule)."""

    __slots__ = ("zone", "_days", "_country", "_subdivision", "_holidays")

    def __init__(self, schedule: Schedule):
        self.zone = schedule.zone
        days: dict[int, list[tuple[time, time]]] = {}
        for weekday, start, end in schedule.windows:
            days.setdefault(weekday, []).append((start, end))
        self._days = {d: tuple(w) for d, w in days.items()}
        self._country = schedule.holiday_country
        self._subdivision = schedule.holiday_subdivision
        self._holidays: dict[int, frozenset[date]] = {}

    def holidays_in(self, year: int) -> frozenset[date]:
        found = self._holidays.get(year)
        if found is None:
            found = frozenset(public_holidays(self._country, self._subdivision, year))
            self._holidays[year] = found
        return found

    def classify(self, here: datetime) -> str | None:
        """`here` is already in the schedule's zone (see `local`)."""
        day = here.date()
        if day in self.holidays_in(day.year):
            return HOLIDAY
        weekday = day.weekday()
        todays = self._days.get(weekday)
        if not todays:
            return WEEKEND if weekday >= 5 else DAY_OFF
        clock = here.time()
        for start, end in todays:
            if in_window(start, end, clock):
                return None
        return OUTSIDE_HOURS


clock_for = lru_cache(maxsize=256)(Clock)


def classify(moment: datetime, schedule: Schedule) -> str | None:
    """Why `moment` is outside agreed working time (see the module's docstring), or None."""
    return clock_for(schedule).classify(local(moment, schedule))


@dataclass
class MonthCount:
    month: str  # "YYYY-MM", in the engagement's zone
    total: int = 0
    reasons: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REASONS, 0))

    @property
    def out_of_hours(self) -> int:
        return sum(self.reasons.values())

    @property
    def share(self) -> float:
        return self.out_of_hours / self.total if self.total else 0.0

    def as_dict(self) -> dict:
        return {"month": self.month, "total": self.total, "out_of_hours": self.out_of_hours,
                "share": round(self.share, 4), **self.reasons}


def monthly_counts(moments: Iterable[datetime], schedule: Schedule) -> list[MonthCount]:
    """Per local month: all moments, those out of hours by reason, and the share."""
    months: dict[str, MonthCount] = {}
    for moment in moments:
        here = local(moment, schedule)
        key = f"{here.year:04d}-{here.month:02d}"
        row = months.setdefault(key, MonthCount(key))
        row.total += 1
        reason = classify(moment, schedule)
        if reason:
            row.reasons[reason] += 1
    return [months[k] for k in sorted(months)]


def count_out_of_hours(moments: Iterable[datetime], schedule: Schedule) -> tuple[int, int]:
    """(out of hours, total) over all moments."""
    total = out = 0
    for moment in moments:
        total += 1
        out += classify(moment, schedule) is not None
    return out, total


def heatmap(moments: Iterable[datetime], schedule: Schedule) -> list[list[int]]:
    """Counts by local weekday (rows, Monday first) and hour (24 columns)."""
    grid = [[0] * 24 for _ in range(7)]
    for moment in moments:
        here = local(moment, schedule)
        grid[here.weekday()][here.hour] += 1
    return grid


def working_hour_cells(schedule: Schedule) -> list[list[bool]]:
    """For drawing the windows on the heatmap: True where an hour cell overlaps a window."""
    cells = [[False] * 24 for _ in range(7)]
    for weekday, start, end in schedule.windows:
        for hour in range(24):
            cell_start, cell_end = time(hour), time(hour, 59, 59)
            if start <= cell_end and (end == END_OF_DAY or end > cell_start):
                cells[weekday][hour] = True
    return cells


# Building blocks for computing the same thing in SQL: store each interaction's local date,
# weekday and minute of the day (in the engagement's zone) when it is imported; then a row is
# out of hours when its date is in holiday_dates(), or no (weekday, start, end) of
# window_minutes() has weekday = row.weekday and start <= row.minute < end.


def local_fields(moment: datetime, schedule: Schedule) -> dict:
    """{"local_date", "weekday" (0 = Monday), "minute" (0-1439)} of a moment."""
    here = local(moment, schedule)
    return {"local_date": here.date(), "weekday": here.weekday(),
            "minute": here.hour * 60 + here.minute}


def window_minutes(schedule: Schedule) -> list[tuple[int, int, int]]:
    """(weekday, start minute, end minute) per window; a midnight end is 1440."""
    rows = []
    for weekday, start, end in schedule.windows:
        stop = 1440 if end == END_OF_DAY else end.hour * 60 + end.minute
        rows.append((weekday, start.hour * 60 + start.minute, stop))
    return rows


def holiday_dates(schedule: Schedule, first: date, last: date) -> list[date]:
    """The public holidays of the schedule's country/region between two dates (inclusive)."""
    clock = clock_for(schedule)
    return sorted(d for year in range(first.year, last.year + 1)
                  for d in clock.holidays_in(year) if first <= d <= last)


def classify_fields(fields: dict, windows: list[tuple[int, int, int]],
                    holidays_: set[date]) -> str | None:
    """classify() from stored local fields; mirrors the SQL predicate above."""
    if fields["local_date"] in holidays_:
        return HOLIDAY
    todays = [(s, e) for d, s, e in windows if d == fields["weekday"]]
    if not todays:
        return WEEKEND if fields["weekday"] >= 5 else DAY_OFF
    if any(s <= fields["minute"] < e for s, e in todays):
        return None
    return OUTSIDE_HOURS
