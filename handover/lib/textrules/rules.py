"""Loading and running the per-language rule files in data/<lang>/*.toml.

A rule file holds `[macros]` (named regex fragments written `{NAME}` in patterns) and
`[[rule]]` entries: id, category, severity (1 minor, 2 clear, 3 serious), patterns (regexes,
matched case-insensitively), and optionally `negatable` (a negator such as "not" in the three
words before the match cancels it) and `unless` (regexes: a match in the same sentence
cancels it). Patterns are plain Python regexes; Unicode word boundaries apply.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
LANGUAGES = ("en", "it", "pl", "ca", "nb")
FLAGS = re.IGNORECASE | re.UNICODE
_MACRO = re.compile(r"\{([A-Z][A-Z_0-9]*)\}")
_SENTENCE_END = re.compile(r"[.!?;\n]+(?=\s|$)|\n")
_WORD = re.compile(r"\w+(?:['’]\w+)?")


@dataclass(frozen=True)
class Finding:
    """One match of a rule: what, how bad, and where (offsets into the analysed text)."""

    rule: str
    family: str  # "disrespect", "expectation", "urgency", "deadline"
    category: str
    severity: int
    language: str
    start: int
    end: int
    text: str

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def as_dict(self) -> dict:
        return {"rule": self.rule, "family": self.family, "category": self.category,
                "severity": self.severity, "language": self.language,
                "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: int
    regex: re.Pattern
    negatable: bool
    unless: re.Pattern | None
    extra: dict


class RuleFileError(ValueError):
    pass


def expand(pattern: str, macros: dict[str, str]) -> str:
    def sub(match: re.Match) -> str:
        name = match[1]
        if name not in macros:
            raise RuleFileError(f"unknown macro {{{name}}} in {pattern!r}")
        return expand(macros[name], macros)

    return _MACRO.sub(sub, pattern)


@cache
def language_data(lang: str) -> dict:
    """data/<lang>/lang.toml: stop words, negators, request cues, date vocabulary, macros."""
    if lang not in LANGUAGES:
        raise RuleFileError(f"unknown language {lang!r}")
    with open(DATA / lang / "lang.toml", "rb") as fh:
        return tomllib.load(fh)


def compile_patterns(patterns: list[str], macros: dict[str, str], where: str) -> re.Pattern:
    try:
        return re.compile("|".join(f"(?:{expand(p, macros)})" for p in patterns), FLAGS)
    except re.error as exc:
        raise RuleFileError(f"{where}: {exc}") from exc


@cache
def rule_file(lang: str, name: str) -> tuple[dict, tuple[Rule, ...]]:
    """The raw table and compiled rules of data/<lang>/<name>.toml."""
    with open(DATA / lang / f"{name}.toml", "rb") as fh:
        table = tomllib.load(fh)
    macros = {**language_data(lang).get("macros", {}), **table.get("macros", {})}
    rules = []
    for entry in table.get("rule", []):
        where = f"{lang}/{name}.toml {entry.get('id')}"
        rules.append(Rule(
            id=entry["id"],
            category=entry["category"],
            severity=int(entry.get("severity", 1)),
            regex=compile_patterns([rf"\b(?:{p})" for p in entry["patterns"]], macros, where),
            negatable=bool(entry.get("negatable", False)),
            unless=(compile_patterns(entry["unless"], macros, where)
                    if entry.get("unless") else None),
            extra={k: v for k, v in entry.items() if k not in
                   {"id", "category", "severity", "patterns", "negatable", "unless"}},
        ))
    return table, tuple(rules)


@cache
def macros_for(lang: str, name: str) -> dict[str, str]:
    table, _ = rule_file(lang, name)
    return {**language_data(lang).get("macros", {}), **table.get("macros", {})}


@cache
def negators(lang: str) -> re.Pattern:
    data = language_data(lang)
    return compile_patterns(data["negators"], data.get("macros", {}), f"{lang}/lang.toml negators")


@cache
def request_cues(lang: str) -> re.Pattern:
    data = language_data(lang)
    return compile_patterns(data["request_cues"], data.get("macros", {}), f"{lang}/lang.toml cues")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around text[start:end]."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    return left, (m.start() if m else len(text))


def negated(text: str, start: int, lang: str, sentence_start: int, words: int = 3) -> bool:
    """True when one of the `words` words before `start` (same sentence) is a negator."""
    before = list(_WORD.finditer(text, sentence_start, start))[-words:]
    if not before:
        return False
    window = text[before[0].start():start]
    return negators(lang).search(window) is not None


def run_rules(text: str, lang: str, name: str, family: str) -> list[Finding]:
    _, rules = rule_file(lang, name)
    found: list[Finding] = []
    for rule in rules:
        for match in rule.regex.finditer(text):
            if match.end() == match.start():
                continue
            s0, s1 = sentence_bounds(text, match.start(), match.end())
            if rule.negatable and negated(text, match.start(), lang, s0):
                continue
            if rule.unless is not None and rule.unless.search(text, s0, s1):
                continue
            found.append(Finding(rule.id, family, rule.category, rule.severity, lang,
                                 match.start(), match.end(), match.group(0)))
    return dedupe(found)


def dedupe(findings: list[Finding]) -> list[Finding]:
    """Drop a finding whose span lies inside another of the same family with >= severity."""
    ordered = sorted(findings, key=lambda f: (f.start, -(f.end - f.start), -f.severity))
    kept: list[Finding] = []
    for f in ordered:
        if any(k.family == f.family and k.start <= f.start
               and f.end <= k.end and k.severity >= f.severity for k in kept):
            continue
        kept.append(f)
    return kept
