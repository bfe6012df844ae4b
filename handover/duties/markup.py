"""Procedures: Markdown rendered and sanitised, and a readable diff between two versions."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")
WORD = re.compile(r"\s+|\w+|[^\w\s]")
LINK_REL = "noopener noreferrer nofollow"
# What a browser's URL parser drops before reading an address: tabs and line breaks anywhere,
# control characters and spaces at either end.
_URL_IGNORED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.\-]*:")
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def _clean(html: str) -> str:
    return nh3.clean(html, link_rel=LINK_REL)


def render(text: str) -> str:
    """Markdown → HTML with nothing a reader's browser could run, and no image fetched from
    another server (readers' browsers would tell it who reads the procedure, and when)."""
    return _clean(_local_images_only(_clean(_md.render(text or ""))))


def is_local(src: str) -> bool:
    """True for an address on this server: a path, absolute or relative, with no scheme and
    no host ("//host/..." and "/\\host/..." name another server)."""
    address = _URL_IGNORED.sub("", src).strip(_C0_AND_SPACE)
    address = address.replace("\\", "/")
    return bool(address) and not address.startswith("//") and not _SCHEME.match(address)


class _ImageFilter(HTMLParser):
    """Copies sanitised HTML, turning each image from elsewhere into a link to it (its alt
    text, or its address, as the link's words), or into its alt text inside a link."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.links = 0

    def _image(self, attrs) -> None:
        values = dict(attrs)
        src, alt = values.get("src") or "", values.get("alt") or ""
        if src and is_local(src):
            self.out.append(self.get_starttag_text())
        elif src and not self.links:
            self.out.append(f'<a href="{escape(src)}">{escape(alt or src.strip())}</a>')
        else:
            self.out.append(escape(alt))

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self._image(attrs)
            return
        self.links += tag == "a"
        self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "a":
            self.links = max(self.links - 1, 0)
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")


def _local_images_only(html: str) -> str:
    parser = _ImageFilter()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


@dataclass
class DiffLine:
    kind: str  # "same", "added", "removed"
    text: str = ""
    parts: list[tuple[str, str]] = field(default_factory=list)  # (kind, words) in a change


def _words(old: str, new: str) -> tuple[list, list]:
    a, b = WORD.findall(old), WORD.findall(new)
    old_parts, new_parts = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            old_parts.append(("same", "".join(a[i1:i2])))
            new_parts.append(("same", "".join(b[j1:j2])))
        else:
            if i2 > i1:
                old_parts.append(("removed", "".join(a[i1:i2])))
            if j2 > j1:
                new_parts.append(("added", "".join(b[j1:j2])))
    return old_parts, new_parts


def _paired(old: list[str], new: list[str]) -> list[DiffLine]:
    """Changed lines side by side with their words marked when they are alike."""
    out = []
    for k in range(max(len(old), len(new))):
        before = old[k] if k < len(old) else None
        after = new[k] if k < len(new) else None
        if before is not None and after is not None and \
                difflib.SequenceMatcher(None, before, after).ratio() >= 0.5:
            removed, added = _words(before, after)
            out += [DiffLine("removed", before, removed), DiffLine("added", after, added)]
            continue
        if before is not None:
            out.append(DiffLine("removed", before))
        if after is not None:
            out.append(DiffLine("added", after))
    return out


def diff(old: str, new: str, *, context: int = 2) -> list[DiffLine | None]:
    """Lines of the change; None stands for unchanged lines left out."""
    a, b = (old or "").splitlines(), (new or "").splitlines()
    out: list[DiffLine | None] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if out:
            out.append(None)
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(DiffLine("same", line) for line in a[i1:i2])
            elif tag == "replace":
                out.extend(_paired(a[i1:i2], b[j1:j2]))
            else:
                out.extend(DiffLine("removed", line) for line in a[i1:i2])
                out.extend(DiffLine("added", line) for line in b[j1:j2])
    return out
