"""Shouting: runs of words in capitals and repeated exclamation or question marks.

Language-independent. Short capitalised tokens that are usually acronyms (ASAP, PDF, VAT,
EOD, ...) do not count on their own; a run must hold at least three capitalised words and
twelve capital letters, or the message must be mostly capitals.
"""

from __future__ import annotations

import re

from .rules import Finding

_PUNCT = re.compile(r"(?:!\s*){3,}|(?:\?\s*){3,}|[!?]*(?:\?!|!\?)[!?]+|!!")
_ACRONYM_TEXT = (
    "ASAP EOD COB FYI PDF CSV VAT IVA NIP NIF CEO CTO CFO HR IT OK UK USA EU API URL "
    "SEO PR QA PM AM TV CV ID MVA AS SA SRL SPA SL BV GDPR RODO RGPD KPI ROI CRM ERP "
    "SMS FAQ PS NB TBD ETA"
)
ACRONYMS = frozenset(_ACRONYM_TEXT.split())


def _is_caps(word: str) -> bool:
    return word.isupper()


def find_shouting(text: str, lang: str) -> list[Finding]:
    findings: list[Finding] = []
    letters = sum(1 for c in text if c.isalpha())
    upper = sum(1 for c in text if c.isupper())
    words = list(re.finditer(r"[^\W\d_]+", text))
    caps = [w for w in words if len(w[0]) >= 2 and _is_caps(w[0]) and w[0] not in ACRONYMS]
    # Runs of consecutive capitalised words (ignoring acronyms inside the run).
    run: list[re.Match] = []

    def close_run():
        if len(run) >= 3 and sum(len(w[0]) for w in run) >= 12:
            start, end = run[0].start(), run[-1].end()
            severity = 2 if len(run) >= 5 else 1
            findings.append(Finding("shouting.capitals", "disrespect", "shouting", severity,
                                    lang, start, end, text[start:end]))

    for w in words:
        word = w[0]
        if _is_caps(word) and len(word) >= 1 and (word not in ACRONYMS or run):
            run.append(w)
        else:
            close_run()
            run = []
    close_run()
    if letters >= 20 and upper / letters > 0.7 and len(caps) >= 4 and not findings:
        findings.append(Finding("shouting.capitals", "disrespect", "shouting", 2, lang,
                                0, len(text), text))
    for m in _PUNCT.finditer(text):
        marks = m.group(0).replace(" ", "")
        severity = 1 if len(marks) < 4 else 2
        findings.append(Finding("shouting.punctuation", "disrespect", "shouting", severity,
                                lang, m.start(), m.end(), m.group(0)))
    return findings
