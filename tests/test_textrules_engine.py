"""The text-rule engine: rule files, language detection, quoting, shouting, highlighting."""

import tomllib
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from handover.lib.textrules import (
    LANGUAGES,
    analyse,
    detect_language,
    find_disrespect,
    find_urgency,
    highlight,
    mask_quoted,
)
from handover.lib.textrules.rules import DATA, RuleFileError, expand, rule_file


def test_it_has_every_rule_file_in_every_language():
    families = {}
    for lang in LANGUAGES:
        for name in ("lang", "urgency", "disrespect", "expectations"):
            with open(DATA / lang / f"{name}.toml", "rb") as fh:
                table = tomllib.load(fh)
            if name != "lang":
                _, rules = rule_file(lang, name)
                assert rules, (lang, name)
                assert all(r.id.startswith(f"{lang}.") and 1 <= r.severity <= 3 for r in rules)
                families.setdefault(name, {})[lang] = {r.category for r in rules}
            if name == "urgency":
                assert table["deadline"] and table["calm"], lang
    for name, per_language in families.items():
        assert len({frozenset(c) for c in per_language.values()}) == 1, (name, per_language)


def test_it_refuses_an_unknown_macro():
    with pytest.raises(RuleFileError):
        expand("{NOPE}", {})


@pytest.mark.parametrize(("text", "hint", "expected"), [
    ("Grazie per la bozza, ci vediamo domani.", None, "it"),
    ("Dziękuję za szkic, do zobaczenia jutro.", None, "pl"),
    ("Gràcies per l'esborrany, ens veiem demà.", None, "ca"),
    ("Takk for utkastet, vi sees i morgen.", None, "nb"),
    ("Thanks for the draft, see you tomorrow.", None, "en"),
    ("OK!", "pl", "pl"),
    ("", "ca", "ca"),
    ("", None, "en"),
    ("Perfetto, grazie!", "ca", "it"),
])
def test_it_detects_the_language_with_the_hint_as_tie_breaker(text, hint, expected):
    assert detect_language(text, hint) == expected


def test_it_ignores_quoted_replies():
    text = ("Thanks, that works for me.\n\nOn Mon, 9 Mar 2026 at 10:00, Anna wrote:\n"
            "> You idiot, this is urgent!\n")
    masked = mask_quoted(text)
    assert len(masked) == len(text) and "idiot" not in masked
    assert analyse(text).disrespect == []
    assert analyse(text, include_quoted=True).serious
    inline = "Fine.\n> Are you an idiot?\nNo more of this, please."
    assert find_disrespect(mask_quoted(inline), language="en") == []


@pytest.mark.parametrize("text", [
    "Fine, thanks.\n\nOn Mon, 9 Mar 2026 at 10:00, Anna Rossi <anna@example.com>\nwrote:\n"
    "> you idiot\n",
    "Ok.\n\nFrom: Anna\nSent: Monday, 9 March 2026 10:00\nTo: Tom\nYou idiot, fix it!",
    "Grazie.\nDa: Anna\nInviato: lunedì 9 marzo 2026\nSei un idiota.",
    "Dzięki.\n\nW dniu 9.03.2026 o 10:00 Anna napisała:\n> Jesteś idiotą.",
    "Gràcies.\n\nEl dl., 9 de març 2026, Anna va escriure:\nEts un idiota.",
    "Takk.\n\nDen 9. mars 2026 kl. 10.00 skrev Anna <anna@example.com>:\nDu er en idiot.",
])
def test_it_ignores_reply_headers_in_the_five_languages(text):
    masked = mask_quoted(text)
    assert len(masked) == len(text)
    assert "idiot" not in masked.lower()
    assert analyse(text).disrespect == []


def test_it_spots_shouting_but_not_acronyms():
    assert find_disrespect("Please send the PDF and the VAT ID ASAP.", language="en") == []
    assert find_disrespect("The KPI report for the CEO is attached.", language="en") == []
    loud = find_disrespect("I SAID THE LOGO MUST BE BIGGER, NOT SMALLER", language="en")
    assert [f.category for f in loud] == ["shouting"] and loud[0].severity == 2
    marks = find_disrespect("Where is it??? Answer me!!!!", language="en")
    assert {f.rule for f in marks} == {"shouting.punctuation"}
    assert max(f.severity for f in marks) == 2


def test_it_highlights_the_matched_spans():
    text = "Honestly, you're useless. Fix it."
    found = find_disrespect(text, language="en")
    parts = highlight(text, found)
    assert "".join(p for p, _ in parts) == text
    assert [p for p, f in parts if f] == ["you're useless"]


def test_it_resolves_deadlines_in_the_engagements_zone():
    sent = datetime(2026, 3, 10, 23, 30, tzinfo=ZoneInfo("UTC"))  # 00:30 on the 11th in Rome
    found = find_urgency("Please send it by tomorrow.", language="en", sent_at=sent,
                         tz="Europe/Rome")
    assert found.deadline.isoformat() == "2026-03-12T18:00:00+01:00"
    with pytest.raises(ValueError):
        find_urgency("by tomorrow", language="en", sent_at=datetime(2026, 3, 10))


def test_it_analyses_a_whole_message():
    sent = datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
    result = analyse("Jesteś idiotą. Nie o to mi chodziło, potrzebuję poprawki na jutro!!!",
                     sent_at=sent, hint="pl")
    assert result.language == "pl" and result.serious
    assert {f.family for f in result.findings} == {"disrespect", "expectation", "deadline"}
    assert result.urgency.is_last_minute(lead_time=sent - sent.replace(day=8))


def test_it_moves_a_weekday_that_has_passed_to_the_next_week():
    friday_evening = datetime(2026, 3, 13, 20, 0, tzinfo=ZoneInfo("Europe/Oslo"))
    found = find_urgency("Kan du sende det innen fredag?", language="nb",
                         sent_at=friday_evening)
    assert found.deadline.date().isoformat() == "2026-03-20"
    friday_morning = friday_evening.replace(hour=8)
    found = find_urgency("Kan du sende det innen fredag?", language="nb",
                         sent_at=friday_morning)
    assert found.deadline.isoformat() == "2026-03-13T18:00:00+01:00"
    assert found.is_last_minute(lead_time=friday_evening - friday_morning)
