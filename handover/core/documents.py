"""Documents for download or attachment: PDF from HTML (WeasyPrint), DOCX from blocks.

A document is written once as a list of blocks, so that the HTML preview, the PDF and the
DOCX say the same thing:
    ("title", text) ("heading", text) ("paragraph", text) ("bullets", [text, ...])
    ("table", [[cell, ...], ...])   (first row is the header)
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.template.loader import render_to_string

Block = tuple[str, object]


def render_html(blocks: Iterable[Block], *, title: str, language: str) -> str:
    return render_to_string("documents/document.html", {
        "blocks": list(blocks), "title": title, "language": language,
    })


def render_pdf(html: str) -> bytes:
    """A PDF of the HTML; fonts come from the system (fonts-dejavu-core)."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def render_docx(blocks: Iterable[Block], *, title: str, language: str) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn

    document = Document()
    document.core_properties.title = title
    document.core_properties.language = language
    # Mark the text's language so that spelling and hyphenation follow it.
    styles = document.styles.element
    for rpr in styles.iter(qn("w:rPr")):
        lang = rpr.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:val"), language)
    for kind, value in blocks:
        if kind == "title":
            document.add_heading(str(value), level=0)
        elif kind == "heading":
            document.add_heading(str(value), level=1)
        elif kind == "paragraph":
            document.add_paragraph(str(value))
        elif kind == "bullets":
            for item in value:
                document.add_paragraph(str(item), style="List Bullet")
        elif kind == "table":
            rows = [list(map(str, row)) for row in value]
            if not rows:
                continue
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        else:
            raise ValueError(f"unknown block kind {kind!r}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
