"""PDF and DOCX documents say the same as the HTML, in any of the five languages."""

import io

import docx
from django.core import mail
from pypdf import PdfReader

from handover.core.documents import render_docx, render_html, render_pdf
from handover.core.mail import queue_text
from handover.core.models import OutboundEmail

BLOCKS = [
    ("title", "Podsumowanie współpracy"),
    ("heading", "Kontakty"),
    ("paragraph", "Zażółć gęślą jaźń — Ærøskøbing, Llançà, perché."),
    ("bullets", ["Pierwszy punkt", "Drugi punkt"]),
    ("table", [["System", "Login"], ["CRM", "ela@example.com"]]),
]


def test_it_writes_a_pdf_whose_text_can_be_read_back():
    pdf = render_pdf(render_html(BLOCKS, title="Podsumowanie", language="pl"))
    assert pdf.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for expected in ("Podsumowanie współpracy", "Zażółć gęślą jaźń", "Ærøskøbing",
                     "Llançà", "ela@example.com"):
        assert expected in text


def test_it_writes_a_docx_with_the_same_blocks():
    document = docx.Document(io.BytesIO(render_docx(BLOCKS, title="Podsumowanie",
                                                    language="pl")))
    paragraphs = [p.text for p in document.paragraphs]
    assert "Podsumowanie współpracy" in paragraphs and "Drugi punkt" in paragraphs
    assert document.tables[0].cell(1, 1).text == "ela@example.com"
    assert document.core_properties.language == "pl"


def test_it_sends_attachments_with_an_outbox_message(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_text(to="x@x.example", kind="test", language="nb", subject="Hei",
                           body="Vedlagt.", attachments=[("plan.ics", b"BEGIN:VCALENDAR",
                                                          "text/calendar")])
    email.refresh_from_db()
    assert email.state == OutboundEmail.State.SENT
    (name, content, mimetype), = mail.outbox[0].attachments
    assert (name, content, mimetype) == ("plan.ics", "BEGIN:VCALENDAR", "text/calendar")
