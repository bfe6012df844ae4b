"""The "say less" check: plain Python over the per-language rule files in rules/<lang>.toml.

Findings are (rule, severity, span); the explanation in the writer's language lives in
explain.py. Rules: `reason`, `judgement`, `confidential` from the data files, and
`competitor`, `length`, `missing_fact`, `placeholder` from the letter's own facts.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

RULES_DIR = Path(__file__).with_name("rules")
SEVERITIES = ("low", "medium", "high")
DATA_RULES = ("reason", "judgement", "confidential")


@dataclass
class Finding:
    rule: str
    severity: str
    start: int
    end: int
    match: str = ""
    params: dict = field(default_factory=dict)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    def as_dict(self) -> dict:
        data = asdict(self)
        data["span"] = [data.pop("start"), data.pop("end")]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        start, end = data.get("span", (0, 0))
        return cls(rule=data["rule"], severity=data["severity"], start=start, end=end,
                   match=data.get("match", ""), params=data.get("params", {}))


@cache
def rules_for(language: str) -> dict[str, tuple[str, list[re.Pattern]]]:
    """{category: (severity, [compiled patterns])} for the language (English if unknown)."""
    path = RULES_DIR / f"{language}.toml"
    if not path.exists():
        path = RULES_DIR / "en.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    compiled = {}
    for category in DATA_RULES:
        spec = data.get(category, {})
        severity = spec.get("severity", "high")
        if severity not in SEVERITIES:
            raise ValueError(f"{path.name}: unknown severity {severity!r} in [{category}]")
        compiled[category] = (severity, [
            re.compile(rf"(?<!\w)(?:{p})(?!\w)", re.IGNORECASE) for p in spec.get("patterns", [])
        ])
    return compiled


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:['’]\w+)?", text))


def lint(
    text: str,
    language: str,
    *,
    word_limit: int | None = None,
    required: dict[str, str] | None = None,
    competitors: list[str] = (),
    left_over: list[tuple[str, int, int]] = (),
) -> list[Finding]:
    """Every finding in the text, ordered by position.

    `required`: {fact name: the value the text must contain}; `competitors`: names that
    must not appear; `left_over`: placeholders still unfilled (name, start, end).
    """
    findings: list[Finding] = []
    for category, (severity, patterns) in rules_for(language).items():
        seen: set[tuple[int, int]] = set()
        for pattern in patterns:
            for m in pattern.finditer(text):
                if any(a <= m.start() < b for a, b in seen):
                    continue
                seen.add((m.start(), m.end()))
                findings.append(Finding(category, severity, m.start(), m.end(), m.group(0)))
    lowered = text.casefold()
    for name in competitors:
        name = name.strip()
        if not name:
            continue
        for m in re.finditer(re.escape(name.casefold()), lowered):
            findings.append(Finding("competitor", "high", m.start(), m.end(),
                                    text[m.start():m.end()], {"name": name}))
    for fact, value in (required or {}).items():
        if not value or value.casefold() not in lowered:
            findings.append(Finding("missing_fact", "high", 0, 0, "", {"fact": fact}))
    for name, start, end in left_over:
        findings.append(Finding("placeholder", "high", start, end, text[start:end],
                                {"name": name}))
    if word_limit:
        words = word_count(text)
        if words > word_limit:
            findings.append(Finding("length", "medium", 0, len(text), "",
                                    {"words": words, "limit": word_limit}))
    return sorted(findings, key=lambda f: (f.start, f.rule))


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "high"]
