"""Keeping a departure's confidential reason out of everything a client can read.

Whatever a template or a writer puts in a letter, the text is checked against the
confidential reasons recorded in the workspace: any of them, whole or sentence by sentence,
is refused when a template or letter is saved, and cut out of what is rendered or sent.
"""

from __future__ import annotations

import re

REMOVED = "[…]"


def fragments(reason: str) -> list[str]:
    """The reason itself and each of its sentences or clauses long enough to identify it."""
    reason = " ".join(reason.split())
    if not reason:
        return []
    parts = [reason] + [p.strip() for p in re.split(r"[.!?;:\n]+|,\s", reason)]
    return sorted({p for p in parts if len(p) >= 12 or len(p.split()) >= 3},
                  key=len, reverse=True)


def _pattern(fragment: str) -> re.Pattern:
    words = [re.escape(w) for w in fragment.split()]
    return re.compile(r"\s+".join(words), re.IGNORECASE)


def reasons_of(workspace) -> list[str]:
    from handover.departures.models import Departure

    return list(Departure.objects.filter(workspace=workspace).exclude(confidential_reason="")
                .values_list("confidential_reason", flat=True))


def found(text: str, workspace) -> bool:
    return any(_pattern(f).search(text) for r in reasons_of(workspace) for f in fragments(r))


def scrub(text: str, workspace, reasons: list[str] | None = None) -> str:
    for reason in reasons_of(workspace) if reasons is None else reasons:
        for fragment in fragments(reason):
            text = _pattern(fragment).sub(REMOVED, text)
    return text
