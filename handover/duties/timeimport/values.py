"""Dates, clock times, decimals and durations as the time trackers write them."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp])?\.?\s*[Mm]?\.?$")
SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
HMS = re.compile(r"^(\d+):(\d{2})(?::(\d{2}))?$")


class BadValue(ValueError):
    """A value that does not read as expected: `expected` says what was wanted."""

    def __init__(self, expected):
        super().__init__(str(expected))
        self.expected = expected


def slash_order(values: list[str], default: str) -> str:
    """"mdy" or "dmy" for the slashed dates of one file: decided by any day above 12."""
    for value in values:
        match = SLASHED.match(value.strip())
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12 >= second:
                return "dmy"
            if second > 12 >= first:
                return "mdy"
    return default


def parse_day(value: str, order: str = "mdy") -> date:
    text = value.strip()
    try:
        if match := ISO_DAY.match(text):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := DOTTED.match(text):
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if match := SLASHED.match(text):
            a, b, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
            month, day = (a, b) if order == "mdy" else (b, a)
            return date(year, month, day)
    except ValueError:
        pass
    example = {"mdy": "10/15/2024", "dmy": "15/10/2024"}[order]
    raise BadValue(_("a date such as 2024-10-15 or %(example)s, not “%(value)s”")
                   % {"example": example, "value": text})


def parse_clock(value: str) -> time:
    text = value.strip()
    match = CLOCK.match(text)
    if match:
        hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
        half = (match.group(4) or "").lower()
        if half:
            hour = 99 if not 1 <= hour <= 12 else hour % 12 + (12 if half == "p" else 0)
        if hour < 24 and minute < 60 and second < 60:
            return time(hour, minute, second)
    raise BadValue(_("a time of day such as 14:30 or 2:30 PM, not “%(value)s”") % {"value": text})


def parse_decimal(value: str) -> Decimal:
    """1.5, 1,5, 2.001,0 and 1,234.5 alike."""
    text = value.strip().replace(" ", "").replace("\u00a0", "").replace("'", "")
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise BadValue(_("a number of hours such as 1.5 or 1,5, not “%(value)s”")
                       % {"value": value.strip()})
    return number


def hours_to_seconds(value: str) -> int:
    return int((parse_decimal(value) * 3600).to_integral_value())


def parse_duration(value: str, *, plain_integer: str = "hours") -> int:
    """Seconds from 01:00:01, 0:06, 0.11 / 0,11 (hours) or an integer (`plain_integer`)."""
    text = value.strip()
    if match := HMS.match(text):
        hours, minutes, seconds = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
        return hours * 3600 + minutes * 60 + seconds
    if text.lstrip("-").isdigit() and plain_integer == "seconds":
        return int(text)
    try:
        return hours_to_seconds(text)
    except BadValue:
        raise BadValue(_("a duration such as 01:30:00 or 1.5, not “%(value)s”")
                       % {"value": text}) from None


def span_seconds(start: datetime, end: datetime) -> int:
    return int((end - start) / timedelta(seconds=1))
