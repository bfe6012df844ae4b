"""Retention dates per country and class, written from the laws (named beside each row)."""

from datetime import date

import pytest

from handover.files.engine.retention import default_period, delete_after, guess_class

END = date(2025, 6, 30)  # the engagement's last day

# country, class, first day the file may go, law
TABLE = [
    ("IT", "contract", date(2035, 6, 30), "Codice civile art. 2946: ordinary 10-year limitation"),
    ("IT", "accounting", date(2035, 6, 30),
     "Codice civile art. 2220: accounting records and invoices kept 10 years"),
    ("IT", "operational", date(2026, 6, 30), "GDPR art. 5(1)(e): one year after the end"),
    ("PL", "accounting", date(2031, 1, 1),
     "Ustawa o rachunkowości art. 74 ust. 2: 5 years from the start of the next year"),
    ("PL", "contract", date(2031, 6, 30), "Kodeks cywilny art. 118: 6-year limitation"),
    ("PL", "operational", date(2026, 6, 30), "GDPR art. 5(1)(e): one year after the end"),
    ("NO", "accounting", date(2030, 12, 31),
     "Bokføringsloven § 13: 5 years after the end of the financial year"),
    ("NO", "contract", date(2030, 12, 31), "Bokføringsloven § 13: contracts are documentation"),
    ("NO", "operational", date(2026, 6, 30), "GDPR art. 5(1)(e): one year after the end"),
    ("ES", "accounting", date(2031, 6, 30), "Código de Comercio art. 30: 6 years"),
    ("ES", "contract", date(2031, 6, 30), "Código de Comercio art. 30: 6 years"),
    ("ES", "operational", date(2026, 6, 30), "GDPR art. 5(1)(e): one year after the end"),
    ("GB", "accounting", date(2031, 12, 31),
     "Companies Act 2006 s. 388: 6 years from the end of the financial year"),
    ("GB", "contract", date(2031, 6, 30), "Limitation Act 1980 s. 5: 6 years"),
    ("GB", "operational", date(2026, 6, 30), "UK GDPR art. 5(1)(e): one year after the end"),
]


@pytest.mark.parametrize(("country", "kind", "expected", "law"), TABLE,
                         ids=[f"{c}-{k}" for c, k, _e, _l in TABLE])
def test_it_dates_deletion_as_the_law_says(country, kind, expected, law):
    period = default_period(country, kind)
    assert delete_after(END, period) == expected, law
    assert period.basis  # the legal basis is shown to the user


def test_it_names_the_law_for_each_default():
    assert "2220" in default_period("IT", "accounting").basis
    assert "art. 74" in default_period("PL", "accounting").basis
    assert "§ 13" in default_period("NO", "accounting").basis
    assert "art. 30" in default_period("ES", "accounting").basis
    assert "388" in default_period("UK", "accounting").basis


def test_it_keeps_files_without_an_end_date_and_handles_leap_days():
    assert delete_after(None, default_period("IT", "contract")) is None
    assert delete_after(date(2024, 2, 29), default_period("IT", "operational")) == \
        date(2025, 2, 28)
    assert default_period("FR", "accounting").years == 10  # the longest, never too early


def test_it_guesses_the_class_from_the_name():
    assert guess_class("Fatture/2025-04-30_fattura-12_v1.pdf") == "accounting"
    assert guess_class("umowa_2024.pdf") == "contract"
    assert guess_class("foto/cantiere.jpg") == "operational"
