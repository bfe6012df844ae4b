"""Blank out quoted replies so that the rules read only what the sender wrote.

The result has the same length as the input (quoted parts become spaces), so spans found in
it are spans of the original message.
"""

from __future__ import annotations

import re

# A reply header in the five languages ("On Mon, ... wrote:", "Il giorno ... ha scritto:",
# "W dniu ... napisał(a):", "El ... va escriure:", "Den ... skrev ...:") or a forwarded block.
_HEADER = re.compile(
    r"^(?:On\b.{0,200}\bwrote:|Il\b.{0,200}\bha scritto:|W dniu\b.{0,200}\bnapisał\w*:"
    r"|El\b.{0,200}\bva escriure:|Den\b.{0,200}\bskrev\b.{0,80}:|-{2,}\s*(?:Original Message"
    r"|Messaggio originale|Wiadomość oryginalna|Missatge original|Opprinnelig melding)\s*-{2,}"
    r"|-{5,}\s*Forwarded message\s*-{5,})\s*$",
    re.IGNORECASE | re.MULTILINE,
)


def mask_quoted(text: str) -> str:
    """`text` with lines starting with ">" and everything after a reply header blanked."""
    header = _HEADER.search(text)
    cut = header.start() if header else len(text)
    out = []
    for line in text[:cut].splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.lstrip().startswith(">"):
            out.append(" " * len(body) + line[len(body):])
        else:
            out.append(line)
    tail = text[cut:]
    out.append(re.sub(r"[^\n]", " ", tail))
    return "".join(out)
