"""Template helpers: money and numbers in the active language's format."""

from datetime import datetime
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import (
    format_date,
    format_skeleton,
    get_date_format,
    get_datetime_format,
    get_time_format,
)
from babel.numbers import format_currency, format_decimal
from babel.units import format_unit
from django import template
from django.utils import timezone
from django.utils.translation import get_language, to_locale

from handover.lib.hours import END_OF_DAY

register = template.Library()


@lru_cache(maxsize=32)
def _babel_locale(code: str) -> Locale:
    return Locale.parse(code)


def _locale(language: str | None = None) -> Locale:
    """The language (the active one when not given) as a parsed Babel locale: passing a
    string makes Babel parse it on every call, three times the cost of formatting a date
    (50 rows a page)."""
    return _babel_locale(to_locale(language or get_language() or "en"))


@register.filter
def money(amount, currency="EUR"):
    if amount in (None, ""):
        return "—"
    return format_currency(Decimal(amount), currency or "EUR", locale=_locale())


@register.filter
def number(value):
    if value in (None, ""):
        return "—"
    return format_decimal(value, locale=_locale())


@register.filter
def language_name(code: str) -> str:
    """A language's name in the reader's language (CLDR): "italiano", "włoski", "italià"."""
    if not code:
        return ""
    name = _locale().languages.get(code.replace("-", "_"), code)
    return name[:1].upper() + name[1:]


UNITS = (("digital-gigabyte", 10**9), ("digital-megabyte", 10**6), ("digital-kilobyte", 10**3))


@register.filter
def file_size(size) -> str:
    """A size in bytes in the reader's words and digits (CLDR units, SI multiples): 737 byte,
    737 bajtów, 1,5 MB. Django's filesizeformat leaves "bytes" in English for some languages
    and formats its decimals apart from Babel."""
    if size in (None, ""):
        return "—"
    size, locale = int(size), _locale()
    for unit, factor in UNITS:
        if size >= factor:
            return format_unit(round(size / factor, 1), unit, length="short", locale=locale)
    words = format_unit(size, "digital-byte", locale=locale)
    if "digital-" in words:  # CLDR has no long form for this language: its short one
        words = format_unit(size, "digital-byte", length="short", locale=locale)
    return words


@register.filter
def total_minutes(delta) -> int:
    """A timedelta as whole minutes, rounded up (the lockout page)."""
    if not delta:
        return 0
    return int(-(-delta.total_seconds() // 60))


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def split(text: str):
    return text.split()


@register.filter
def field(form, name: str):
    """`form|field:"name"`: the bound field by name."""
    return form[name]


@register.filter
def clock_end(value) -> str:
    """A window's end, with the end of the day written as 24:00."""
    return "24:00" if value == END_OF_DAY else value.strftime("%H:%M")


def _as_local(value):
    if isinstance(value, datetime):
        return timezone.localtime(value) if timezone.is_aware(value) else value
    return value


@register.filter
def date_long(value, language: str | None = None) -> str:
    """A date as the language writes it in full (CLDR): 3 febbraio 2025, 3. februar 2025.
    In `language` when given (a letter, an e-mail to someone else), else the active one.
    The one long-date helper: call it rather than Babel's format_date."""
    if not value:
        return ""
    return format_date(_as_local(value), format="long", locale=_locale(language))


@register.filter
def month_long(value, language: str | None = None) -> str:
    """A month and its year as the language names them (CLDR yMMMM): gennaio 2026,
    styczeń 2026, januar 2026."""
    if not value:
        return ""
    return format_skeleton("yMMMM", _as_local(value), locale=_locale(language))


@register.filter
def date_short(value) -> str:
    """A date in the language's compact form (CLDR medium): 3 feb 2025, 3 lut 2025."""
    if not value:
        return ""
    return format_date(_as_local(value), format="medium", locale=_locale())


@lru_cache(maxsize=32)
def _moment_patterns(locale: Locale):
    """The language's medium date, short time (hours and minutes: seconds tell a reader
    nothing here) and the glue between them, parsed once."""
    return (get_date_format("medium", locale=locale), get_time_format("short", locale=locale),
            get_datetime_format("medium", locale=locale))


@register.filter
def datetime_short(value) -> str:
    """A moment in the viewer's time zone, in the language's compact form: 4 mar 2026, 11:05.
    The patterns are parsed once per language (a page lists 50 of these)."""
    if not value:
        return ""
    locale = _locale()
    date_pattern, time_pattern, glue = _moment_patterns(locale)
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = value.astimezone(timezone.get_current_timezone())
    return glue.replace("{1}", date_pattern.apply(value, locale)).replace(
        "{0}", time_pattern.apply(value, locale))
