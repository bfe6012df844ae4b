"""Retention: how long each class of file is kept per country, and the delete-after date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

CLASSES = ("operational", "contract", "accounting")

# How the period is counted: from the engagement's end date, from the end of that
# calendar (financial) year, or from the start of the following year.
FROM_END, FROM_YEAR_END, FROM_NEXT_YEAR = "end", "year_end", "next_year"


@dataclass(frozen=True)
class Period:
    years: int
    start: str
    basis: str


OPERATIONAL = Period(1, FROM_END, "GDPR art. 5(1)(e) storage limitation; workspace policy")

DEFAULTS: dict[tuple[str, str], Period] = {
    ("IT", "contract"): Period(10, FROM_END, "Codice civile art. 2946 (prescrizione ordinaria)"),
    ("IT", "accounting"): Period(10, FROM_END, "Codice civile art. 2220; DPR 600/1973 art. 22"),
    ("PL", "contract"): Period(6, FROM_END, "Kodeks cywilny art. 118"),
    ("PL", "accounting"): Period(5, FROM_NEXT_YEAR, "Ustawa o rachunkowości art. 74 ust. 2"),
    ("NO", "contract"): Period(5, FROM_YEAR_END, "Bokføringsloven § 13"),
    ("NO", "accounting"): Period(5, FROM_YEAR_END, "Bokføringsloven § 13"),
    ("ES", "contract"): Period(6, FROM_END, "Código de Comercio art. 30"),
    ("ES", "accounting"): Period(6, FROM_END, "Código de Comercio art. 30"),
    ("GB", "contract"): Period(6, FROM_END, "Limitation Act 1980 s. 5"),
    ("GB", "accounting"): Period(6, FROM_YEAR_END, "Companies Act 2006 s. 388; HMRC records"),
}
DEFAULTS.update({(c, "operational"): OPERATIONAL for c in ("IT", "PL", "NO", "ES", "GB")})
# Elsewhere: the longest common period, so nothing is deleted too early.
FALLBACK = Period(10, FROM_END, "No national default: the longest period used here")


def default_period(country: str, kind: str) -> Period:
    country = "GB" if country.upper() == "UK" else country.upper()
    if kind == "operational":
        return DEFAULTS.get((country, kind), OPERATIONAL)
    return DEFAULTS.get((country, kind), FALLBACK)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def delete_after(end: date | None, period: Period) -> date | None:
    """The first day the file may go; None while the engagement has no end date."""
    if end is None:
        return None
    if period.start == FROM_YEAR_END:
        return _add_years(date(end.year, 12, 31), period.years)
    if period.start == FROM_NEXT_YEAR:
        return date(end.year + 1 + period.years, 1, 1)
    return _add_years(end, period.years)


KEYWORDS = {
    "accounting": ("invoice", "fattura", "faktura", "factura", "receipt", "ricevuta",
                   "rachunek", "kvittering", "ledger", "vat", "iva"),
    "contract": ("contract", "contratto", "umowa", "contrato", "contracte", "kontrakt",
                 "avtale", "agreement", "nda"),
}


def guess_class(rel: str) -> str:
    name = rel.lower()
    for kind in ("accounting", "contract"):
        if any(word in name for word in KEYWORDS[kind]):
            return kind
    return "operational"
