"""Text rules for red flags in client messages, in en, it, pl, ca and nb.

Public functions (Django-free; the health app calls these):

- detect_language(text, hint=None) -> "en" | "it" | "pl" | "ca" | "nb"
- find_disrespect(text, *, language=None, hint=None) -> list[Finding]
- find_expectations(text, *, language=None, hint=None) -> list[Finding]
- find_urgency(text, *, language, sent_at, tz=None) -> Urgency
  (.markers, .deadlines, .deadline, .notice, .is_last_minute(lead_time))
- analyse(text, *, sent_at=None, hint=None, tz=None) -> Analysis (all of the above)
- is_serious(findings) -> bool: one serious case (severity 3) is enough
- highlight(text, findings) -> list[(segment, Finding | None)] for templates

Rules are data: handover/lib/textrules/data/<lang>/{lang,urgency,disrespect,expectations}.toml.
Quoted replies are blanked before matching (see quoting.py), so spans refer to the message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .deadlines import Deadline, Urgency, find_urgency
from .language import detect_language
from .quoting import mask_quoted
from .rules import LANGUAGES, Finding, dedupe, run_rules
from .shouting import find_shouting

SERIOUS = 3

__all__ = [
    "LANGUAGES", "SERIOUS", "Analysis", "Deadline", "Finding", "Urgency", "analyse",
    "detect_language", "find_disrespect", "find_expectations", "find_urgency", "highlight",
    "is_serious", "mask_quoted",
]


def _language(text: str, language: str | None, hint: str | None) -> str:
    return language if language in LANGUAGES else detect_language(text, hint)


def find_disrespect(text: str, *, language: str | None = None,
                    hint: str | None = None) -> list[Finding]:
    """Insults, contempt, condescension, threats, hate and shouting, with severity and span."""
    lang = _language(text, language, hint)
    found = run_rules(text, lang, "disrespect", "disrespect") + find_shouting(text, lang)
    return sorted(dedupe(found), key=lambda f: (f.start, f.end))


def find_expectations(text: str, *, language: str | None = None,
                      hint: str | None = None) -> list[Finding]:
    """Rework, "that's not what I asked", clarification requests and vague requests."""
    lang = _language(text, language, hint)
    return sorted(run_rules(text, lang, "expectations", "expectation"),
                  key=lambda f: (f.start, f.end))


def is_serious(findings: list[Finding]) -> bool:
    return any(f.severity >= SERIOUS for f in findings)


@dataclass
class Analysis:
    language: str
    disrespect: list[Finding] = field(default_factory=list)
    expectations: list[Finding] = field(default_factory=list)
    urgency: Urgency | None = None

    @property
    def serious(self) -> bool:
        return is_serious(self.disrespect)

    @property
    def findings(self) -> list[Finding]:
        extra = self.urgency.findings if self.urgency else []
        return sorted(self.disrespect + self.expectations + extra, key=lambda f: f.start)


def analyse(text: str, *, sent_at: datetime | None = None, hint: str | None = None,
            tz: str | None = None, include_quoted: bool = False) -> Analysis:
    """Every rule family over one message. Urgency needs `sent_at` (tz-aware)."""
    body = text if include_quoted else mask_quoted(text)
    lang = detect_language(body, hint)
    result = Analysis(lang, find_disrespect(body, language=lang),
                      find_expectations(body, language=lang))
    if sent_at is not None:
        result.urgency = find_urgency(body, language=lang, sent_at=sent_at, tz=tz)
    return result


def highlight(text: str, findings: list[Finding]) -> list[tuple[str, Finding | None]]:
    """Split `text` into plain segments and matched segments (overlaps merged, first wins)."""
    parts: list[tuple[str, Finding | None]] = []
    pos = 0
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if f.start < pos or f.end <= f.start:
            continue
        if f.start > pos:
            parts.append((text[pos:f.start], None))
        parts.append((text[f.start:f.end], f))
        pos = f.end
    if pos < len(text):
        parts.append((text[pos:], None))
    return parts
