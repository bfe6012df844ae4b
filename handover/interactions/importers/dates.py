"""The one date sanitiser every importer goes through. Django-free.

A moment is usable when it is time-zone aware and falls within 1970-2100 (UTC). Anything
else (year 1, year 9999, an absurd offset such as -9999, a value a parser overflows on)
becomes "date unknown": the importers keep the row without a date and keep the original
text, so that nothing downstream (text rules, health, pages) ever does arithmetic on it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2101, 1, 1, tzinfo=UTC)  # exclusive: the whole of 2100 is usable
MAX_OFFSET = timedelta(hours=14)  # the widest UTC offset any zone uses
RAW_MAX = 200  # characters of the original text kept with an unknown date


def usable(moment) -> datetime | None:
    """The moment in UTC when it is aware and within 1970-2100, otherwise None."""
    if not isinstance(moment, datetime):
        return None
    try:
        offset = moment.utcoffset()
        if offset is None or abs(offset) > MAX_OFFSET:
            return None
        utc = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    return utc if EARLIEST <= utc < LATEST else None


def usable_day(day) -> date | None:
    """A calendar date (no time) within 1970-2100, otherwise None."""
    if isinstance(day, datetime):
        day = day.date()
    if not isinstance(day, date):
        return None
    return day if EARLIEST.year <= day.year < LATEST.year else None


def from_parts(year: int, month: int, day: int, hour: int, minute: int, second: int,
               offset_seconds: int) -> tuple[datetime, int] | None:
    """(UTC moment, offset in minutes) from a parsed header's parts, or None when the
    parts do not make a usable moment (impossible day, absurd offset, out of range)."""
    if abs(offset_seconds) > MAX_OFFSET.total_seconds():
        return None
    try:
        local = datetime(year, month, day, hour, minute, min(second, 59),
                         tzinfo=timezone(timedelta(seconds=offset_seconds)))
    except (ValueError, OverflowError, TypeError):
        return None
    moment = usable(local)
    return None if moment is None else (moment, offset_seconds // 60)


def raw_text(value) -> str:
    """The original text of a date, on one line and bounded, to keep beside "unknown"."""
    return " ".join(str(value or "").split())[:RAW_MAX]
