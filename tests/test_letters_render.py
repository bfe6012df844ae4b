"""Every letter kind in every language, rendered from real rows: complete, local, clean."""

import json
import re
from datetime import date

import pytest
from babel.dates import format_date
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from handover.clients.models import Engagement
from handover.letters.actions import do_draft_letter, do_save_template
from handover.letters.kinds import SPECS, Kind
from handover.letters.placeholders import REGISTRY, placeholders_in
from handover.letters.render import render
from handover.letters.texts import shipped, shipped_all

from .conftest import first_engagement
from .letters_world import EXTRA, build

LANGUAGES = ["en", "it", "pl", "ca", "nb"]
ENGLISH_MONTHS = re.compile(r"\b(January|February|March|April|May|June|July|August|September"
                            r"|October|November|December)\b")


@pytest.fixture
def world(alice, workspace_a):
    departure, leaver, successors = build(workspace_a, alice)
    return workspace_a, departure, successors


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_renders_every_kind_complete_in_the_languages_format_and_clean(world, alice,
                                                                            language):
    workspace, departure, (dora, piet) = world
    engagement = Engagement.objects.filter(workspace=workspace).order_by("pk").first()
    engagement.end_date = date(2026, 5, 29)
    engagement.save()
    for kind in Kind.values:
        out = render(kind, language, workspace=workspace, sender=alice, engagement=engagement,
                     departure=departure, extra=EXTRA)
        text = out.subject + "\n" + out.body
        assert not re.search(r"[{}]", text), (kind, language, text)
        assert out.findings == [], (kind, language, [(f.rule, f.match, f.params)
                                                     for f in out.findings])
        days = [d for d in (date(2026, 4, 30), date(2026, 5, 29))
                if format_date(d, "long", locale=language) in text]
        if kind in ("farewell", "public_statement", "notice_of_ending", "early_warning",
                    "access_revocation"):
            assert days, (kind, language, text)
        if language != "en":
            assert not ENGLISH_MONTHS.search(text), (kind, language)
        if kind in ("farewell", "no_longer_with_us"):
            assert "Dora Dalla" in text and dora.email in text
        assert "Rival Partners" not in text


def test_it_writes_dates_and_money_as_each_language_does(world, alice):
    workspace, departure, _s = world
    italian = first_engagement(workspace=workspace, client__language="it")
    it = render("notice_of_ending", "it", workspace=workspace, sender=alice,
                engagement=italian).body
    assert "45,00\xa0€" in it
    farewell = {lang: render("farewell", lang, workspace=workspace, engagement=italian,
                             departure=departure).body for lang in LANGUAGES}
    assert "April 30, 2026" in farewell["en"]
    assert "30 aprile 2026" in farewell["it"]
    assert "30 kwietnia 2026" in farewell["pl"]
    assert "30 d’abril del 2026" in farewell["ca"]
    assert "30. april 2026" in farewell["nb"]


def test_every_shipped_template_uses_only_registered_placeholders():
    for language in LANGUAGES:
        for kind in Kind.values:
            subject, body = shipped(kind, language)
            assert set(placeholders_in(subject + body)) <= set(REGISTRY), (kind, language)


def test_every_language_ships_every_kind_with_its_facts_and_the_writers_placeholders():
    """What the offboarding app's own table of texts used to check: nothing is missing."""
    for language in LANGUAGES:
        assert set(shipped_all(language)) == set(Kind.values), language
        for kind in Kind.values:
            subject, body = shipped(kind, language)
            assert subject.strip() and body.strip(), (kind, language)
            used = set(placeholders_in(subject + body))
            assert set(SPECS[kind].required) <= used, (kind, language)
            english = set(placeholders_in("".join(shipped(kind, "en"))))
            writers = {n for n in english if REGISTRY[n][1] == "writer"}
            assert writers <= used, (kind, language, writers - used)
    assert {"access_list", "end_date"} <= set(placeholders_in(shipped("access_revocation",
                                                                      "pl")[1]))
    assert {"call_time", "agenda"} <= set(placeholders_in(shipped("handover_call", "nb")[1]))


def test_it_drafts_in_the_clients_language_from_a_workspace_template(world, alice):
    workspace, departure, _s = world
    polish = first_engagement(workspace=workspace, client__language="pl")
    do_save_template(workspace, actor=alice, kind="farewell", language="pl",
                     subject="Do widzenia, {client_name}",
                     body="Szanowni Państwo,\n\n{successor_name} ({successor_contact}) "
                          "przejmuje sprawy od {last_day}.\n\n{sender_name}\n")
    letter = do_draft_letter(workspace, actor=alice, kind="farewell", engagement=polish,
                             departure=departure)
    assert letter.language == "pl"
    assert letter.subject == "Do widzenia, Kowalczyk Logistyka Sp. z o.o."
    assert "30 kwietnia 2026" in letter.body and letter.findings == []
    assert letter.recipient_email == "anna@kowalczyk-logistyka.example"


@pytest.mark.parametrize("bad", ["{reason}", "{confidential_reason}", "{ successor }", "{"])
def test_it_refuses_an_unknown_placeholder_when_the_template_is_saved(world, alice, bad):
    workspace, _d, _s = world
    with pytest.raises(ValidationError) as err:
        do_save_template(workspace, actor=alice, kind="farewell", language="en",
                         subject="Hello", body=f"Dear {{recipient_name}}, {bad}\n")
    assert "Unknown placeholders" in str(err.value)


def test_it_flags_a_placeholder_the_writer_has_not_filled(world, alice):
    workspace, _d, _s = world
    engagement = Engagement.objects.filter(workspace=workspace).first()
    letter = do_draft_letter(workspace, actor=alice, kind="handover_call", engagement=engagement)
    rules = {(f["rule"], f["params"].get("name", f["params"].get("fact"))) for f in
             letter.findings}
    assert ("placeholder", "call_time") in rules


def test_the_command_prints_text_and_json_with_findings(world, capsys):
    workspace, departure, _s = world
    engagement = first_engagement(workspace=workspace, client__language="nb")
    call_command("render_letter", "farewell", "--engagement", str(engagement.pk),
                 "--departure", str(departure.pk), "--language", "nb")
    out = capsys.readouterr().out
    assert "Piet Prins" in out and "30. april 2026" in out
    call_command("render_letter", "handover_call", "--engagement", str(engagement.pk),
                 "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["language"] == "nb" and "{call_time}" in data["text"]
    finding = next(f for f in data["findings"] if f["rule"] == "placeholder")
    assert finding["severity"] == "high"
    start, end = finding["span"]
    assert data["text"][start:end] == "{call_time}"


def test_the_command_writes_pdf_and_docx(world, tmp_path):
    from docx import Document
    from pypdf import PdfReader

    workspace, _d, _s = world
    engagement = first_engagement(workspace=workspace, client__language="ca")
    pdf, docx = tmp_path / "n.pdf", tmp_path / "n.docx"
    call_command("render_letter", "notice_of_ending", "--engagement", str(engagement.pk),
                 "--format", "pdf", "--output", str(pdf))
    call_command("render_letter", "notice_of_ending", "--engagement", str(engagement.pk),
                 "--format", "docx", "--output", str(docx))
    assert "Núria Puig" in PdfReader(str(pdf)).pages[0].extract_text()
    assert any("Núria Puig" in p.text for p in Document(str(docx)).paragraphs)


@pytest.mark.parametrize("argv, message", [
    (["nonsense", "--engagement", "1"], "Unknown kind"),
    (["farewell", "--engagement", "99999"], "There is no engagement"),
    (["notice_of_ending", "--engagement", "{e}", "--language", "de"], "Unknown language"),
    (["farewell", "--engagement", "{e}"], "--departure"),
    (["handover_call", "--engagement", "{e}", "--set", "nope"], "NAME=VALUE"),
])
def test_the_command_explains_bad_input(world, argv, message):
    workspace, _d, _s = world
    engagement = Engagement.objects.filter(workspace=workspace).first()
    argv = [a.replace("{e}", str(engagement.pk)) for a in argv]
    with pytest.raises(CommandError, match=message):
        call_command("render_letter", *argv)
