"""The public holidays of a country or one of its regions, year by year (Django-free).

One definition for every calendar the product builds (out-of-hours classification,
notice periods). What a user expects when the place is not fully known:
- a region the holidays package does not know (or none) gives the country's national
  holidays;
- a country it does not know (or none) gives no holidays at all.
Codes are matched whatever their case ("de"/"by" is Germany's Bavaria).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from types import MappingProxyType

import holidays

from handover.lib.places import canonical_region

NOTHING: Mapping[date, str] = MappingProxyType({})


def holiday_language(country: str, language: str) -> str:
    """The holidays package's name for `language` in that country, else American English."""
    try:
        supported = holidays.country_holidays(country.upper()).supported_languages
    except (NotImplementedError, KeyError):
        return "en_US"
    wanted = {"nb": "no", "nn": "no"}.get(language, language)
    for code in supported:
        if code == wanted or code.split("_")[0] == wanted:
            return code
    return "en_US"


@lru_cache(maxsize=512)
def _year(country: str, region: str, year: int, language: str) -> Mapping[date, str]:
    options = {"years": year}
    if language:
        options["language"] = holiday_language(country, language)
    for subdiv in ([region, None] if region else [None]):
        try:
            found = holidays.country_holidays(country, subdiv=subdiv, **options)
        except (NotImplementedError, KeyError):
            continue
        return MappingProxyType({d: name for d, name in found.items() if d.year == year})
    return NOTHING


def public_holidays(country: str, region: str, year: int,
                    language: str = "") -> Mapping[date, str]:
    """{day: holiday's name} in `year`; names in `language` when the package has it
    (American English when it has not), in the country's own language when not given."""
    country = (country or "").strip().upper()
    if not country:
        return NOTHING
    region = (region or "").strip()
    if region:
        region = canonical_region(country, region) or region
    return _year(country, region, year, language or "")

