"""Countries, regions, time zones and currencies the product accepts."""

from __future__ import annotations

import zoneinfo
from functools import cache

import holidays


@cache
def time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@cache
def holiday_countries() -> dict[str, tuple[str, ...]]:
    """{country code: region codes} for every country the holidays package knows."""
    return {code: tuple(subdivs) for code, subdivs in holidays.list_supported_countries().items()}


def is_holiday_country(code: str) -> bool:
    return code.upper() in holiday_countries()


def canonical_region(country: str, region: str) -> str | None:
    """The region's code as the holidays package spells it, or None when it has no such one."""
    wanted = region.strip().upper()
    for code in holiday_countries().get(country.upper(), ()):
        if code.upper() == wanted:
            return code
    return None


CURRENCIES = (
    "EUR", "USD", "GBP", "CHF", "PLN", "NOK", "SEK", "DKK", "CZK", "HUF", "RON", "BGN",
    "ISK", "CAD", "AUD", "NZD", "JPY", "CNY", "INR", "BRL", "MXN", "ZAR", "TRY", "UAH",
)
