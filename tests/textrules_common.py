"""Checks shared by the per-language text-rule tests (tests/test_textrules_<lang>.py)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from handover.lib.textrules import (
    analyse,
    detect_language,
    find_disrespect,
    find_expectations,
    find_urgency,
    is_serious,
)

# Tuesday 10 March 2026, 10:00 in Europe/Rome: every relative deadline is computed from here.
SENT = datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Europe/Rome"))
LEAD = timedelta(hours=48)


def check_deadline(lang, text, expected):
    found = find_urgency(text, language=lang, sent_at=SENT)
    assert found.deadline is not None, f"no deadline in {text!r}"
    assert found.deadline.strftime("%Y-%m-%d %H:%M") == expected, (text, found.deadline)
    for d in found.deadlines:
        assert text[d.finding.start:d.finding.end] == d.finding.text


def check_last_minute(lang, text, last_minute):
    found = find_urgency(text, language=lang, sent_at=SENT)
    assert found.is_last_minute(LEAD) is last_minute, (text, found.markers, found.deadlines)


def check_urgent(lang, text):
    found = find_urgency(text, language=lang, sent_at=SENT)
    assert found.urgent, text
    assert found.is_last_minute(LEAD)
    assert all(f.language == lang and f.family == "urgency" for f in found.markers)


def check_calm(lang, text):
    found = find_urgency(text, language=lang, sent_at=SENT)
    assert not found.urgent, (text, found.markers)
    assert not found.is_last_minute(LEAD), (text, found.deadlines)


def check_disrespect(lang, text, severity, category):
    found = find_disrespect(text, language=lang)
    assert found, f"nothing found in {text!r}"
    for f in found:
        assert text[f.start:f.end] == f.text and f.language == lang
    worst = max(f.severity for f in found)
    assert worst >= severity, (text, found)
    assert category in {f.category for f in found}, (text, found)
    assert is_serious(found) is (worst >= 3)


def check_polite(lang, text):
    assert find_disrespect(text, language=lang) == [], text
    assert find_disrespect(text, hint=lang) == [], text


def check_expectation(lang, text, category):
    found = find_expectations(text, language=lang)
    assert category in {f.category for f in found}, (text, found)
    for f in found:
        assert text[f.start:f.end] == f.text and f.family == "expectation"


def check_plain(lang, text):
    assert find_expectations(text, language=lang) == [], text


def check_language(lang, text, hint):
    assert detect_language(text, hint=hint) == lang, text
    assert analyse(text, hint=hint).language == lang


def language_tests(lang: str, cases: dict, *, hint: str) -> dict:
    """The test functions of one language, built from its case lists.

    A language's module calls `globals().update(language_tests(LANG, globals(), hint=...))`,
    so each language keeps its own test module and names while the checks live here once.
    """
    parametrize = pytest.mark.parametrize

    @parametrize(("text", "expected"), cases["DEADLINES"])
    def test_it_resolves_deadlines_relative_to_the_message(text, expected):
        check_deadline(lang, text, expected)

    @parametrize(("text", "last_minute"), cases["LAST_MINUTE"])
    def test_it_compares_deadlines_with_the_lead_time(text, last_minute):
        check_last_minute(lang, text, last_minute)

    @parametrize("text", cases["URGENT"])
    def test_it_flags_urgency(text):
        check_urgent(lang, text)

    @parametrize("text", cases["CALM"])
    def test_it_does_not_flag_calm_or_unrelated_messages(text):
        check_calm(lang, text)

    @parametrize(("text", "severity", "category"), cases["DISRESPECT"])
    def test_it_flags_disrespect_with_severity_and_span(text, severity, category):
        check_disrespect(lang, text, severity, category)

    @parametrize("text", cases["POLITE"])
    def test_it_does_not_flag_polite_messages(text):
        check_polite(lang, text)

    @parametrize(("text", "category"), cases["EXPECTATIONS"])
    def test_it_flags_unspoken_expectations(text, category):
        check_expectation(lang, text, category)

    @parametrize("text", cases["PLAIN"])
    def test_it_leaves_clear_requests_alone(text):
        check_plain(lang, text)

    def test_it_detects_the_language_of_a_long_message():
        check_language(lang, cases["LONG"], hint=hint)

    return {name: value for name, value in locals().items() if name.startswith("test_")}
