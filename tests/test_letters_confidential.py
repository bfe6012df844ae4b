"""The confidential reason never reaches a client: letters, pages, PDF, DOCX, e-mail, API."""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from handover.clients.models import Engagement
from handover.letters.actions import (
    do_approve_letter,
    do_discard_letter,
    do_draft_letter,
    do_edit_letter,
    do_save_template,
    do_send_letter,
)
from handover.letters.documents import letter_docx, letter_pdf
from handover.letters.models import Letter, LetterTemplate
from handover.letters.scrub import REMOVED

from .conftest import first_engagement, signed_in, token_client
from .letters_world import REASON, build

SENTENCES = [s.strip() for s in REASON.split(".") if s.strip()]


def leaks(text: str) -> bool:
    low = text.casefold()
    return any(s.casefold() in low for s in SENTENCES) or "private drive" in low


@pytest.fixture
def world(alice, workspace_a):
    departure, leaver, successors = build(workspace_a, alice)
    return workspace_a, departure, leaver, successors


def test_a_template_that_includes_the_reason_is_refused(world, alice):
    workspace, *_ = world
    for body in (f"Dear {{recipient_name}},\n{REASON}\n", f"Note: {SENTENCES[0].upper()}.\n",
                 "Why: {confidential_reason}\n", "Why: {departure.reason}\n"):
        with pytest.raises(ValidationError):
            do_save_template(workspace, actor=alice, kind="no_longer_with_us", language="en",
                             subject="Hello", body=body)
    assert not LetterTemplate.objects.filter(workspace=workspace).exists()


def test_an_edit_that_adds_the_reason_is_refused(world, alice):
    workspace, departure, *_ = world
    engagement = first_engagement(workspace=workspace, client__language="it")
    letter = do_draft_letter(workspace, actor=alice, kind="no_longer_with_us",
                             engagement=engagement, departure=departure)
    with pytest.raises(ValidationError, match="confidential reason"):
        do_edit_letter(letter, actor=alice, subject=letter.subject,
                       body=letter.body + "\n" + SENTENCES[1] + "\n",
                       recipient_email=letter.recipient_email)
    letter.refresh_from_db()
    assert not leaks(letter.body)


def test_whatever_reaches_the_rows_is_scrubbed_everywhere_a_client_or_member_looks(
        demo_workspace_a, world, alice, django_capture_on_commit_callbacks):
    workspace, departure, leaver, (dora, piet) = world
    # A template written straight into the database, past every check.
    LetterTemplate.objects.create(
        workspace=workspace, kind="no_longer_with_us", language="ca",
        subject="{leaver_name}: " + SENTENCES[0],
        body="Benvolgut/da {recipient_name},\n\n" + REASON + "\n\n{successor_name}, "
             "{successor_contact}\n")
    engagement = first_engagement(workspace=workspace, client__language="ca")
    # A departure's letter is drafted once: the reassignment's draft, made from the shipped
    # template, is discarded so that drafting again starts from the one above.
    for drafted in departure.letters.filter(client=engagement.client, kind="no_longer_with_us"):
        do_discard_letter(drafted, actor=alice)
    letter = do_draft_letter(workspace, actor=alice, kind="no_longer_with_us",
                             engagement=engagement, departure=departure)
    assert REMOVED in letter.body and not leaks(letter.subject + letter.body)
    # And a body altered in the database after the draft.
    Letter.objects.filter(pk=letter.pk).update(body=letter.body + "\nPS " + REASON,
                                               attach_pdf=True, attach_docx=True)
    letter.refresh_from_db()

    from docx import Document
    from pypdf import PdfReader

    pdf_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(letter_pdf(letter))).pages)
    docx_text = "\n".join(p.text for p in Document(io.BytesIO(letter_docx(letter))).paragraphs)
    assert not leaks(pdf_text) and not leaks(docx_text)

    owner = signed_in(alice)
    page = owner.get(f"/w/{workspace.slug}/letters/{letter.pk}/").content.decode()
    assert not leaks(page)
    listing = owner.get(f"/w/{workspace.slug}/letters/").content.decode()
    assert not leaks(listing)
    for fmt in ("pdf", "docx"):
        response = owner.get(f"/w/{workspace.slug}/letters/{letter.pk}/download/?format={fmt}")
        assert response.status_code == 200 and REASON.encode() not in response.content
    api = token_client(alice).get(f"/api/w/{workspace.slug}/letters/{letter.pk}")
    assert api.status_code == 200 and not leaks(api.content.decode())

    do_approve_letter(letter, actor=alice)
    with django_capture_on_commit_callbacks(execute=True):
        do_send_letter(letter, actor=alice)
    (message,) = [m for m in mail.outbox if m.to == [letter.recipient_email]]
    assert not leaks(message.subject) and not leaks(message.body)
    for _name, content, _mime in message.attachments:
        assert REASON.encode() not in content
    pdf = next(c for n, c, _m in message.attachments if n.endswith(".pdf"))
    assert not leaks("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))

    # Members who are not managers see the departure without its reason, page and API.
    for user in (piet, leaver):
        client = signed_in(user)
        response = client.get(f"/w/{workspace.slug}/departures/{departure.pk}/")
        assert response.status_code == (200 if user == leaver else 404)
        assert not leaks(response.content.decode())
        api = token_client(user).get(f"/api/w/{workspace.slug}/departures/{departure.pk}")
        assert not leaks(api.content.decode())
        assert "confidential_reason" not in api.content.decode()
    # The activity log never carries it either.
    activity = owner.get(f"/w/{workspace.slug}/activity/")
    assert activity.status_code == 200 and "Eve Esposito" in activity.content.decode()
    assert not leaks(activity.content.decode())
    # Owners and managers do see it where it belongs.
    manager_page = signed_in(dora).get(f"/w/{workspace.slug}/departures/{departure.pk}/")
    assert SENTENCES[0] in manager_page.content.decode()


def test_the_reason_kept_out_of_every_kind_and_language(world, alice):
    from handover.letters.kinds import Kind
    from handover.letters.render import render

    from .letters_world import EXTRA

    workspace, departure, *_ = world
    engagement = Engagement.objects.filter(workspace=workspace).first()
    for language in ("en", "it", "pl", "ca", "nb"):
        for kind in Kind.values:
            LetterTemplate.objects.update_or_create(
                workspace=workspace, kind=kind, language=language,
                defaults={"subject": SENTENCES[1], "body": "{leaver_name}: " + REASON})
            out = render(kind, language, workspace=workspace, sender=alice,
                         engagement=engagement, departure=departure, extra=EXTRA)
            assert not leaks(out.subject + out.body), (kind, language)
