"""One export file → rows of time, or a clear refusal naming the line and what was expected.

Django-free apart from gettext. Naive local times are returned as they are in the file; the
caller places them in a time zone.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils.translation import gettext_lazy as _

from .values import (
    BadValue,
    hours_to_seconds,
    parse_clock,
    parse_day,
    parse_duration,
    slash_order,
    span_seconds,
)

FORMATS = ("toggl", "clockify", "harvest", "kimai", "generic")
FORMAT_NAMES = {"toggl": "Toggl Track", "clockify": "Clockify", "harvest": "Harvest",
                "kimai": "Kimai", "generic": _("generic CSV")}
MAX_SECONDS = 24 * 3600

# Kimai writes its headers in the user's language; German is the most common besides English.
KIMAI_GERMAN = {"datum": "date", "von": "from", "bis": "to", "dauer": "duration",
                "benutzer": "user", "kunde": "customer", "projekt": "project",
                "tätigkeit": "activity", "beschreibung": "description", "e-mail": "e-mail"}


class ImportRefused(Exception):
    """The file cannot be imported: `line` (0 for the whole file) and `reason`."""

    def __init__(self, reason, line: int = 0):
        super().__init__(str(reason))
        self.reason, self.line = reason, line


@dataclass
class TimeRow:
    line: int
    client: str
    project: str
    task: str
    description: str
    person_name: str
    person_email: str
    day: date
    start: datetime | None
    end: datetime | None
    seconds: int
    fingerprint: str = ""


@dataclass
class Parsed:
    format: str
    rows: list[TimeRow] = field(default_factory=list)

    @property
    def seconds(self) -> int:
        return sum(r.seconds for r in self.rows)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _refuse_json(text: str) -> None:
    try:
        content = json.loads(text)
    except ValueError:
        raise ImportRefused(_("The file starts like JSON but is not valid JSON.")) from None
    if isinstance(content, dict) and "organizations" in content:
        raise ImportRefused(_("This is the index of a solidtime data export, not time entries. "
                              "Export a time report as CSV instead."))
    raise ImportRefused(_(
        "This is part of a Toggl account data export (JSON: projects, clients, tags or "
        "users); it holds no time entries. Export the detailed time report as CSV instead."
    ))


def _table(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter,
                        skipinitialspace=True)
    rows, header = [], None
    try:
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if header is None:
                header = [v.strip().lower() for v in values]
                continue
            rows.append((reader.line_num, values))
    except csv.Error as exc:
        raise ImportRefused(_("The CSV is damaged (%(error)s).") % {"error": exc},
                            line=reader.line_num) from None
    if header is None:
        raise ImportRefused(_("The file is empty."))
    return header, rows


def detect(header: list[str]) -> str:
    """The format of a header row, or ImportRefused saying what the file seems to be."""
    h = set(header)
    german = {KIMAI_GERMAN.get(name, name) for name in h}
    if {"start date", "start time", "duration"} <= h and "user" in h:
        return "toggl"
    if {"start date", "start time", "end date", "end time"} <= h:
        return "clockify"
    if {"date", "hours", "project"} <= h and ("first name" in h or "notes" in h):
        return "harvest"
    if {"date", "from", "to", "duration"} <= german:
        return "kimai"
    if {"start", "end", "project_id", "member_id"} <= h:
        raise ImportRefused(_("This is the time entries table of a solidtime data export: its "
                              "entries name projects by internal ids only. Export a time report "
                              "as CSV instead."), line=1)
    if {"organization_id", "member_id", "project_id"} & h:
        raise ImportRefused(_("This is a table of a solidtime data export (clients, members, "
                              "projects, tags or tasks), not a time report."), line=1)
    if {"start", "end", "description", "project"} <= h:
        return "generic"
    if {"billability", "visibility"} & h or "budget by" in h or "color" in h or {
        "ordernumber", "orderdate"} <= h:
        raise ImportRefused(_("This is a list of projects, not time entries: it has no start, "
                              "end or duration per entry."), line=1)
    if "client name" in h or ({"company", "number"} <= h) or "organization_id" in h:
        raise ImportRefused(_("This is a list of clients or customers, not time entries: it "
                              "has no start, end or duration per entry."), line=1)
    raise ImportRefused(_(
        "The columns are not those of a Toggl, Clockify, Harvest or Kimai export of time "
        "entries (expected, for example, “Start date”, “Start time” and “Duration”)."
    ), line=1)


def read(data: bytes, *, format: str = "auto") -> Parsed:
    text = _decode(data)
    if text.lstrip().startswith(("{", "[")):
        _refuse_json(text)
    header, rows = _table(text)
    detected = detect(header)
    if format != "auto" and format != detected:
        raise ImportRefused(_("This file is a %(found)s export, not %(wanted)s.")
                            % {"found": FORMAT_NAMES[detected], "wanted": FORMAT_NAMES[format]},
                            line=1)
    if detected == "kimai":
        header = [KIMAI_GERMAN.get(name, name) for name in header]
    parsed = Parsed(format=detected)
    records = []
    for line, values in rows:
        if len(values) > len(header):
            raise ImportRefused(_("This row has %(found)s values but the header names "
                                  "%(expected)s columns.")
                                % {"found": len(values), "expected": len(header)}, line=line)
        values = [v.strip() for v in values] + [""] * (len(header) - len(values))
        records.append((line, dict(zip(header, values, strict=True))))
    order = slash_order(
        [r.get(k, "") for _line, r in records for k in ("start date", "end date", "date")],
        default="mdy" if detected == "clockify" else "dmy",
    )
    seen: dict[str, int] = {}
    for line, record in records:
        try:
            row = ROW_READERS[detected](line, record, order)
            _check(row)
        except BadValue as exc:
            refused = ImportRefused(_("Expected %(expected)s.") % {"expected": exc.expected},
                                    line=line)
            refused.rows = len(records)
            raise refused from None
        except ImportRefused as exc:
            exc.rows = len(records)
            raise
        key = _fingerprint(detected, row)
        seen[key] = seen.get(key, 0) + 1
        row.fingerprint = hashlib.sha256(f"{key}#{seen[key]}".encode()).hexdigest()
        parsed.rows.append(row)
    if not parsed.rows:
        raise ImportRefused(_("The file has a header but no time entries."))
    return parsed


def _check(row: TimeRow) -> None:
    if row.start and row.end and row.end < row.start:
        raise ImportRefused(_("The entry ends (%(end)s) before it starts (%(start)s).")
                            % {"end": row.end.isoformat(sep=" "),
                               "start": row.start.isoformat(sep=" ")}, line=row.line)
    if row.seconds < 0:
        raise ImportRefused(_("The duration is negative."), line=row.line)
    if row.seconds > MAX_SECONDS:
        raise ImportRefused(_("The entry lasts %(hours)s hours; one entry can last 24 hours at "
                              "most.") % {"hours": round(row.seconds / 3600, 1)}, line=row.line)


def _fingerprint(fmt: str, row: TimeRow) -> str:
    parts = (fmt, row.person_email.lower() or row.person_name, row.client, row.project,
             row.task, row.description, row.day.isoformat(),
             row.start.isoformat() if row.start else "", row.end.isoformat() if row.end else "",
             str(row.seconds))
    return "\x1f".join(parts)


def _timed(line, r, order, *, start_day, start_clock, end_day, end_clock, duration=""):
    day = parse_day(r[start_day], order)
    start = datetime.combine(day, parse_clock(r[start_clock]))
    end_date = parse_day(r[end_day], order) if r.get(end_day) else day
    end = datetime.combine(end_date, parse_clock(r[end_clock]))
    return day, start, end


def _toggl(line, r, order) -> TimeRow:
    day, start, end = _timed(line, r, order, start_day="start date", start_clock="start time",
                             end_day="end date", end_clock="end time")
    return TimeRow(line, r.get("client", ""), r.get("project", ""), r.get("task", ""),
                   r.get("description", ""), r.get("user", ""), r.get("email", ""),
                   day, start, end, span_seconds(start, end))


def _clockify(line, r, order) -> TimeRow:
    day, start, end = _timed(line, r, order, start_day="start date", start_clock="start time",
                             end_day="end date", end_clock="end time")
    task = r.get("task") or r.get("activity", "")
    return TimeRow(line, r.get("client", ""), r.get("project", ""), task,
                   r.get("description", ""), r.get("user", ""), r.get("email", ""),
                   day, start, end, span_seconds(start, end))


def _harvest(line, r, order) -> TimeRow:
    day = parse_day(r["date"], order)
    person = " ".join(p for p in (r.get("first name", ""), r.get("last name", "")) if p)
    return TimeRow(line, r.get("client", ""), r.get("project", ""), r.get("task", ""),
                   r.get("notes", ""), person, "", day, None, None, hours_to_seconds(r["hours"]))


def _kimai(line, r, order) -> TimeRow:
    day = parse_day(r["date"], order)
    start = datetime.combine(day, parse_clock(r["from"]))
    end = datetime.combine(day, parse_clock(r["to"]))
    stated = parse_duration(r["duration"], plain_integer="seconds") if r["duration"] else None
    if end < start and stated is not None and abs(span_seconds(start, end + timedelta(days=1))
                                                  - stated) <= 60:
        end += timedelta(days=1)  # an entry over midnight: Kimai gives one date only
    if stated is not None and stated < 0:
        end = start  # refused below: the stated duration is negative
    user = r.get("user", "")
    email = r.get("e-mail", "") or (user if "@" in user else "")
    name = r.get("name", "") or user
    seconds = stated if stated is not None and stated < 0 else span_seconds(start, end)
    return TimeRow(line, r.get("customer", ""), r.get("project", ""), r.get("activity", ""),
                   r.get("description", ""), name, email, day, start, end, seconds)


def _iso(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise BadValue(_("a date and time such as 2024-03-04T09:23:00Z, not “%(value)s”")
                       % {"value": value.strip()}) from None


def _generic(line, r, order) -> TimeRow:
    start, end = _iso(r["start"]), _iso(r["end"])
    return TimeRow(line, r.get("client", ""), r.get("project", ""), r.get("task", ""),
                   r.get("description", ""), r.get("user_name", ""), r.get("user_email", ""),
                   start.date(), start, end, span_seconds(start, end))


ROW_READERS = {"toggl": _toggl, "clockify": _clockify, "harvest": _harvest, "kimai": _kimai,
               "generic": _generic}
