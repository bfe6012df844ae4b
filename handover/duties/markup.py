"""Procedures: Markdown rendered and sanitised, and a readable diff between two versions."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")
WORD = re.compile(r"\s+|\w+|[^\w\s]")


def render(text: str) -> str:
    """Markdown → HTML with nothing a reader's browser could run."""
    return nh3.clean(_md.render(text or ""), link_rel="noopener noreferrer nofollow")


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
