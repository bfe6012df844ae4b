"""A light, deterministic language detector for en, it, pl, ca and nb.

Counts the message's function words found in each language's stop-word list (a word shared
by k lists counts 1/k) and adds a point for each letter only one of the languages uses
(ą ę ł ś ź ż ć ń for Polish, æ ø å for Norwegian; l·l, ç and accents inside a word for
Catalan; accents on a word's last letter for Italian). The hint (the
client's or engagement's language) wins ties and short, evidence-free texts.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from .rules import LANGUAGES, language_data

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_LETTERS = {
    "pl": re.compile(r"[ąęłśźżćń]", re.IGNORECASE),
    "nb": re.compile(r"[æøå]", re.IGNORECASE),
    "ca": re.compile(r"l·l|ç|ï|\b(?:els|amb|és|què|perquè|aquest\w*|així)\b"
                     r"|\w-(?:ho|me|te|hi|nos|vos|los|les)\b|\b[tmsn]['’](?:he|ho|hi|n)\b"
                     r"|\bte['’]n\b|\w[àèòí]\w|ència|ància|\w+eix(?:o|es|en)?\b", re.IGNORECASE),
    # Italian puts grave accents only on the last letter (città, perché, più).
    "it": re.compile(r"\w[àèìòù](?!\w)|\b(?:gli|della|degli|perché|anche)\b", re.IGNORECASE),
}


@cache
def _weights() -> dict[str, dict[str, float]]:
    owners: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        for word in language_data(lang)["stopwords"]:
            owners.setdefault(word.lower(), set()).add(lang)
    weights: dict[str, dict[str, float]] = {lang: {} for lang in LANGUAGES}
    for word, langs in owners.items():
        for lang in langs:
            weights[lang][word] = 1 / len(langs)
    return weights


def scores(text: str) -> dict[str, float]:
    tokens = Counter(t.lower().replace("’", "'") for t in _TOKEN.findall(text[:5000]))
    weights = _weights()
    result = {}
    for lang in LANGUAGES:
        table = weights[lang]
        result[lang] = sum(table.get(tok, 0) * n for tok, n in tokens.items())
        if lang in _LETTERS:
            result[lang] += 0.5 * min(len(_LETTERS[lang].findall(text[:5000])), 10)
    return result


def detect_language(text: str, hint: str | None = None) -> str:
    """The most likely of the five languages; `hint` decides ties and empty evidence."""
    hint = (hint or "").split("-")[0].lower()
    hint = hint if hint in LANGUAGES else None
    found = scores(text)
    if hint:
        found[hint] += 0.75
    best = max(LANGUAGES, key=lambda lang: (found[lang], lang == hint, lang == "en"))
    if found[best] <= (0.75 if hint else 0):
        return hint or "en"
    return best
