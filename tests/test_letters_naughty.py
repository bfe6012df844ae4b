"""Hostile input (the Big List of Naughty Strings) never breaks templates, letters or lint."""

import os
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from handover.clients.models import Engagement
from handover.letters.actions import do_draft_letter, do_edit_letter, do_save_template
from handover.letters.lint import lint
from handover.letters.models import LetterTemplate
from handover.letters.placeholders import unknown_placeholders
from handover.letters.render import primary_contact, render

from .conftest import need

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> Path | None:
    path = Path(os.environ.get("HANDOVER_CORPUS") or ROOT.parent / "shared" / "data")
    return path if path.is_dir() else None


@pytest.fixture
def naughty() -> list[str]:
    base = corpus()
    need(base is not None and (base / "filetree/blns/blns.txt").exists(),
         "the test corpus (HANDOVER_CORPUS) with filetree/blns/blns.txt")
    lines = (base / "filetree/blns/blns.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def test_naughty_strings_are_saved_or_refused_with_a_reason_and_render(naughty, alice,
                                                                     workspace_a):
    engagement = Engagement.objects.filter(workspace=workspace_a).first()
    contact = primary_contact(engagement.client)
    refused = saved = 0
    for i, text in enumerate(naughty):
        language = ("en", "it", "pl", "ca", "nb")[i % 5]
        for lang in ("en", "it", "pl", "ca", "nb"):
            assert isinstance(lint(text, lang, word_limit=5), list)
        try:
            do_save_template(workspace_a, actor=alice, kind="notice_of_ending",
                             language=language, subject=text[:300] or "x",
                             body="{recipient_name}\n" + text)
        except ValidationError as err:
            assert "Unknown placeholders" in " ".join(err.messages)
            assert unknown_placeholders(text)
            refused += 1
            continue
        saved += 1
        out = render("notice_of_ending", language, workspace=workspace_a, sender=alice,
                     engagement=engagement, extra={"call_time": text})
        assert out.body.startswith(contact.name + "\n")
    assert saved > 100 and refused > 0
    assert LetterTemplate.objects.filter(workspace=workspace_a).count() == 5


def test_naughty_strings_as_letter_text_are_checked_not_crashed(naughty, alice, workspace_a):
    engagement = Engagement.objects.filter(workspace=workspace_a).first()
    letter = do_draft_letter(workspace_a, actor=alice, kind="handover_call",
                             engagement=engagement, extra={"call_time": naughty[0]})
    for text in naughty[::7]:
        do_edit_letter(letter, actor=alice, subject=(text or "x")[:300], body=text or "x",
                       recipient_email=letter.recipient_email)
        assert all(f["severity"] in ("low", "medium", "high") for f in letter.findings)
