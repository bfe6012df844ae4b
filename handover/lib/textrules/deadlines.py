"""Urgency markers and deadlines, resolved against the message's time.

data/<lang>/urgency.toml holds `[[rule]]` urgency markers (ASAP, "urgente", "pilne", ...),
`[[calm]]` phrases that take the urgency out of a sentence ("no rush", "con calma", ...) and
`[[deadline]]` expressions with a `resolve` kind:

- `day`      the message's day plus `offset` days, at a given time or the end of the day;
- `weekday`  the next such weekday (today when it is that day; `next = true` skips a week);
- `time`     a clock time today (tomorrow when it has passed);
- `duration` n minutes, hours, days or weeks after the message;
- `week_end` Friday of this week; `next_week` Monday of next week; `month_end` the last day;
- `date`     an explicit date in the text, read by dateparser in the message's language.

A deadline without a deadline word ({BY}: "by", "entro", "do", "abans de", "innen", ...)
counts only when its sentence also holds a request ("please", "can you", "potresti", ...).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import dateparser

from .rules import (
    Finding,
    compile_patterns,
    language_data,
    macros_for,
    request_cues,
    rule_file,
    run_rules,
    sentence_bounds,
)

END_OF_DAY = time(18, 0)
START_OF_DAY = time(9, 0)


@dataclass(frozen=True)
class Deadline:
    at: datetime
    finding: Finding


@dataclass
class Urgency:
    language: str
    sent_at: datetime
    markers: list[Finding] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)

    @property
    def urgent(self) -> bool:
        return bool(self.markers)

    @property
    def deadline(self) -> datetime | None:
        """The earliest deadline named in the message."""
        return min((d.at for d in self.deadlines), default=None)

    @property
    def notice(self) -> timedelta | None:
        """Time between the message and its earliest deadline (zero for a bare "ASAP")."""
        if self.deadline is not None:
            return max(self.deadline - self.sent_at, timedelta(0))
        return timedelta(0) if self.urgent else None

    def is_last_minute(self, lead_time: timedelta) -> bool:
        """True when the message leaves less than the agreed lead time."""
        notice = self.notice
        return notice is not None and notice < lead_time

    @property
    def findings(self) -> list[Finding]:
        return sorted(self.markers + [d.finding for d in self.deadlines],
                      key=lambda f: f.start)


def _lookup(table: dict[str, object], phrase: str):
    """The value of the longest key the phrase starts with (stems for inflected forms);
    failing that, the same for the phrase without its first words ("the morning")."""
    phrase = " ".join(phrase.lower().replace("’", "'").strip(". ").split())
    starts = [0] + [m.end() for m in re.finditer(r"[\s']+", phrase)]
    for start in starts:
        word = phrase[start:]
        best = None
        for key, value in table.items():
            if word.startswith(key.lower()) and (best is None or len(key) > len(best[0])):
                best = (key, value)
        if best is not None:
            return best[1]
    return None


def _clock(match: re.Match, vocab: dict, default: time) -> time:
    groups = match.groupdict()
    if groups.get("h"):
        hour, minute = int(groups["h"]), int(groups.get("m") or 0)
        ampm = (groups.get("ampm") or "").lower().replace(".", "")
        pm = groups.get("pm")
        if (ampm == "pm" or pm) and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour == 24:
            hour = 23 if minute == 0 else hour
            minute = 59 if minute == 0 else minute
        if 0 <= hour <= 23 and 0 <= minute <= 59:
            return time(hour, minute)
    if groups.get("part"):
        value = _lookup(vocab.get("parts_of_day", {}), groups["part"])
        if value:
            return time.fromisoformat(value)
    return default


def _on(day: date, at: time, tz) -> datetime:
    return datetime.combine(day, at, tzinfo=tz)


def _resolve(rule, match: re.Match, local: datetime, lang: str, eod: time) -> datetime | None:
    vocab = language_data(lang)
    tz = local.tzinfo
    kind = rule.extra["resolve"]
    default = time.fromisoformat(rule.extra["at"]) if "at" in rule.extra else eod
    at = _clock(match, vocab, default)
    today = local.date()
    if kind == "day":
        return _on(today + timedelta(days=int(rule.extra.get("offset", 0))), at, tz)
    if kind == "weekday":
        wd = _lookup(vocab["weekdays"], match["wd"])
        if wd is None:
            return None
        ahead = (int(wd) - today.weekday()) % 7
        moment = _on(today + timedelta(days=ahead), at, tz)
        # "Next Friday", or "by Friday" written on a Friday after that time: a week later.
        if ahead == 0 and (rule.extra.get("next") or moment <= local):
            moment += timedelta(days=7)
        return moment
    if kind == "time":
        moment = _on(today, at, tz)
        return moment if moment > local else moment + timedelta(days=1)
    if kind == "duration":
        n = match.groupdict().get("n")
        count = int(n) if n and n.isdigit() else _lookup(vocab.get("numbers", {}), n or "") or 1
        unit = rule.extra.get("unit") or _lookup(vocab["units"], match["unit"])
        if unit is None:
            return None
        return local + timedelta(**{unit: int(count) * float(rule.extra.get("scale", 1))})
    if kind == "week_end":
        ahead = (4 - today.weekday()) % 7
        return _on(today + timedelta(days=ahead), at, tz)
    if kind == "next_week":
        ahead = 7 - today.weekday()
        start = time.fromisoformat(rule.extra.get("at", START_OF_DAY.isoformat()))
        return _on(today + timedelta(days=ahead), _clock(match, vocab, start), tz)
    if kind == "month_end":
        last = calendar.monthrange(today.year, today.month)[1]
        return _on(today.replace(day=last), at, tz)
    if kind == "date":
        parsed = dateparser.parse(
            match["date"], languages=[lang],
            settings={"RELATIVE_BASE": local.replace(tzinfo=None),
                      "PREFER_DATES_FROM": "future", "DATE_ORDER": vocab.get("date_order", "DMY"),
                      "REQUIRE_PARTS": ["day", "month"]},
        )
        return None if parsed is None else _on(parsed.date(), at, tz)
    raise ValueError(f"unknown resolve kind {kind!r} in rule {rule.id}")


KINDS = frozenset({"day", "weekday", "time", "duration", "week_end", "next_week",
                   "month_end", "date"})


def _safe_resolve(rule, match: re.Match, local: datetime, lang: str,
                  eod: time) -> datetime | None:
    """`_resolve`, or None when the deadline falls off the calendar (a message dated at its
    edge, "in 99999 weeks", a parser overflowing): such a deadline is skipped, never an
    error. A rule naming an unknown kind is still an error (a mistake in the data)."""
    if rule.extra["resolve"] not in KINDS:
        raise ValueError(f"unknown resolve kind {rule.extra['resolve']!r} in rule {rule.id}")
    try:
        return _resolve(rule, match, local, lang, eod)
    except (OverflowError, ValueError, ArithmeticError):
        return None


@cache
def _calm_regex(lang: str) -> re.Pattern | None:
    table, _ = rule_file(lang, "urgency")
    patterns = [p for entry in table.get("calm", []) for p in entry["patterns"]]
    if not patterns:
        return None
    return compile_patterns(patterns, macros_for(lang, "urgency"), f"{lang}/urgency.toml calm")


def _calm_spans(text: str, lang: str) -> list[tuple[int, int]]:
    regex = _calm_regex(lang)
    if regex is None:
        return []
    return [sentence_bounds(text, m.start(), m.end()) for m in regex.finditer(text)]


@dataclass(frozen=True)
class _DeadlineRule:
    id: str
    regexes: tuple[re.Pattern, ...]
    extra: dict


@cache
def _deadline_rules(lang: str) -> list[_DeadlineRule]:
    table, _ = rule_file(lang, "urgency")
    macros = macros_for(lang, "urgency")
    rules = []
    for entry in table.get("deadline", []):
        extra = {k: v for k, v in entry.items() if k not in {"id", "patterns"}}
        where = f"{lang} {entry['id']}"
        # Every expression starts at a word: anchoring there spares the regex engine from
        # trying the optional prefixes at every character.
        regexes = tuple(compile_patterns([rf"\b(?:{p})"], macros, where)
                        for p in entry["patterns"])
        rules.append(_DeadlineRule(entry["id"], regexes, extra))
    return rules


def find_urgency(text: str, *, language: str, sent_at: datetime, tz: str | None = None,
                 end_of_day: time = END_OF_DAY) -> Urgency:
    """Urgency markers and deadlines of a message written at `sent_at` (tz-aware).

    Deadlines are resolved in `tz` (the engagement's zone; default: sent_at's own zone) and
    returned as aware datetimes in that zone.
    """
    if sent_at.tzinfo is None:
        raise ValueError("sent_at must be time-zone aware")
    try:
        local = sent_at.astimezone(ZoneInfo(tz)) if tz else sent_at
    except (OverflowError, ValueError):  # at the very edge of the calendar: stay as sent
        local = sent_at
    calm = _calm_spans(text, language)

    def in_calm(start: int) -> bool:
        return any(a <= start < b for a, b in calm)

    result = Urgency(language, sent_at)
    result.markers = [f for f in run_rules(text, language, "urgency", "urgency")
                      if not in_calm(f.start)]
    cues = request_cues(language)
    taken: list[tuple[int, int]] = []
    matches = ((rule, m) for rule in _deadline_rules(language)
               for regex in rule.regexes for m in regex.finditer(text))
    for rule, match in matches:
        start, end = match.span()
        if start == end or in_calm(start):
            continue
        if any(a < end and start < b for a, b in taken):
            continue
        s0, s1 = sentence_bounds(text, start, end)
        has_by = bool(match.groupdict().get("by"))
        if not (has_by or rule.extra.get("always") or cues.search(text, s0, s1)):
            continue
        at = _safe_resolve(rule, match, local, language, end_of_day)
        if at is None:
            continue
        taken.append((start, end))
        finding = Finding(rule.id, "deadline", rule.extra.get("category", "deadline"),
                          1, language, start, end, match.group(0))
        result.deadlines.append(Deadline(at, finding))
    result.deadlines.sort(key=lambda d: d.finding.start)
    return result


__all__ = ["END_OF_DAY", "Deadline", "Urgency", "find_urgency"]
