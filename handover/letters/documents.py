"""A letter as PDF or DOCX, through handover.core.documents (the same blocks for both)."""

from __future__ import annotations

from handover.core.documents import render_docx, render_html, render_pdf

from . import scrub as scrubbing


def blocks(subject: str, body: str) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = [("title", subject)]
    for para in body.strip().split("\n\n"):
        lines = [line for line in para.splitlines() if line.strip()]
        if lines and all(line.lstrip().startswith("- ") for line in lines):
            out.append(("bullets", [line.lstrip()[2:] for line in lines]))
        elif lines:
            out.append(("paragraph", "\n".join(lines)))
    return out


def _clean(letter) -> tuple[str, str]:
    ws = letter.workspace
    return scrubbing.scrub(letter.subject, ws), scrubbing.scrub(letter.body, ws)


def text_pdf(subject: str, body: str, language: str) -> bytes:
    return render_pdf(render_html(blocks(subject, body), title=subject, language=language))


def text_docx(subject: str, body: str, language: str) -> bytes:
    return render_docx(blocks(subject, body), title=subject, language=language)


def letter_pdf(letter) -> bytes:
    subject, body = _clean(letter)
    return text_pdf(subject, body, letter.language)


def letter_docx(letter) -> bytes:
    subject, body = _clean(letter)
    return text_docx(subject, body, letter.language)
