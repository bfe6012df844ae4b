"""Blank out quoted replies so that the rules read only what the sender wrote.

The result has the same length as the input (quoted parts become spaces), so spans found in
it are spans of the original message.
"""

from __future__ import annotations

import re

# A reply header in the five languages ("On Mon, ... wrote:", "Il giorno ... ha scritto:",
# "W dniu ... napisał(a):", "El ... va escriure:", "Den ... skrev ...:") or a forwarded block.
_LINE = r"[^\n]{0,200}(?:\n[^\n]{0,120})?"
_HEADER = re.compile(
    rf"^(?:On\b{_LINE}\bwrote:|Il\b{_LINE}\bha scritto:|W dniu\b{_LINE}\bnapisał\w*:"
    rf"|El\b{_LINE}\bva escriure:|Den\b{_LINE}\bskrev\b[^\n]{{0,80}}:"
    r"|-{2,}\s*(?:Original Message|Messaggio originale|Wiadomość oryginalna"
    r"|Missatge original|Opprinnelig melding)\s*-{2,}|-{5,}\s*Forwarded message\s*-{5,}"
    # Outlook's header block: From/Da/Od/De/Fra, then Sent/Inviato/Wysłano/Enviat/Sendt.
    r"|(?:From|Da|Od|De|Fra):[^\n]+\n(?:Sent|Date|Inviato|Data|Wysłano|Enviat|Sendt|Dato):)",
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
