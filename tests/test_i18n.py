"""All five languages are complete: every string translated, none fuzzy, none stale."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

import handover

from .conftest import signed_in

LOCALE = Path(handover.__file__).parent / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
PLURALS = {"it": 2, "ca": 2, "nb": 2, "pl": 3}


def catalog(code):
    return polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("code", TRANSLATED)
def test_it_has_every_entry_translated_and_none_fuzzy(code):
    po = catalog(code)
    assert len(po) > 100
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert "fuzzy" not in po.metadata.get("#", "")
    assert f"nplurals={PLURALS[code]}" in po.metadata["Plural-Forms"]


@pytest.mark.parametrize("code", TRANSLATED)
def test_it_keeps_the_same_placeholders_in_each_translation(code):
    for entry in catalog(code).translated_entries():
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        if not entry.msgid_plural:
            got = sorted(PLACEHOLDER.findall(entry.msgstr))
            assert got == wanted, f"{code}: {entry.msgid!r} -> {entry.msgstr!r}"
            continue
        # Plural forms may spell a number out ("one minute") and drop its count, but never
        # bring a placeholder neither English form has.
        allowed = set(wanted) | set(PLACEHOLDER.findall(entry.msgid_plural))
        forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
        for text in forms:
            assert set(PLACEHOLDER.findall(text)) <= allowed, f"{code}: {text!r}"
        # The general plural form says everything the English plural says.
        last = set(PLACEHOLDER.findall(forms[-1]))
        assert set(PLACEHOLDER.findall(entry.msgid_plural)) <= last, f"{code}: {forms[-1]!r}"


def test_it_has_every_string_of_the_code_in_the_catalogues(tmp_path):
    """makemessages over a copy of the sources finds nothing the catalogues lack."""
    if not shutil.which("xgettext"):
        pytest.fail("xgettext (gettext) is needed to check the catalogues")
    source = Path(handover.__file__).parent
    copy = tmp_path / "handover"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns(
        "__pycache__", "*.mo", "static", "migrations"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "it", "--no-obsolete",
         "--no-location"],
        cwd=copy, check=True, capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "tests.settings",
             "PYTHONPATH": f"{source.parent}", "HANDOVER_DATA_DIR": str(tmp_path / "data")},
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/it/LC_MESSAGES/django.po"))}
    for code in TRANSLATED:
        have = {e.msgid for e in catalog(code)}
        assert sorted(fresh - have) == [], f"{code} lacks strings: run `make messages`"


@pytest.mark.parametrize("code", TRANSLATED)
def test_it_shows_the_dashboard_in_each_language(code, alice, demo_workspace_a):
    alice.language = code
    alice.save()
    page = signed_in(alice).get(f"/w/{demo_workspace_a.slug}/").content.decode()
    labels = ("Dashboard", "Clients", "Engagements", "Account manager", "Members", "Since")
    with translation.override(code):
        translated = [translation.gettext(text) for text in labels]
    # Some words are spelt alike ("Clients" in Catalan); most are not.
    assert sum(t != e for t, e in zip(translated, labels, strict=True)) >= len(labels) - 1
    for text in translated:
        assert text in page.replace("&#x27;", "'")
    assert f'<html lang="{code}">' in page


def test_it_formats_money_and_dates_for_the_language(alice, workspace_a):
    from handover.clients.models import Engagement

    engagement = Engagement.objects.get(workspace=workspace_a, currency="NOK")
    client = signed_in(alice)
    url = f"/w/{workspace_a.slug}/engagements/{engagement.pk}/"
    expected = {"en": "NOK650.00", "nb": "650,00\xa0kr", "pl": "650,00\xa0NOK",
                "it": "650,00\xa0NOK", "ca": "650,00\xa0NOK"}
    for code, money in expected.items():
        alice.language = code
        alice.save()
        page = client.get(url).content.decode()
        assert money in page, code
    long_dates = {"en": "February 3, 2025", "it": "3 febbraio 2025", "pl": "3 lutego 2025",
                  "ca": "3 de febrer del 2025", "nb": "3. februar 2025"}
    for code, text in long_dates.items():
        alice.language = code
        alice.save()
        assert text in client.get(url).content.decode(), code
