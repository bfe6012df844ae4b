"""Importing iCalendar files: meetings (recurrences expanded), moves and cancellations.

A meeting's source id is UID + RECURRENCE-ID. When a later import sees the same
occurrence at another time (a higher SEQUENCE), the meeting moves and a schedule change
records the old and new times; a cancelled occurrence is a schedule change without a new
time. VTODOs with a DUE become task requests.
"""

from __future__ import annotations

import itertools
import signal
import threading
import warnings
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import recurring_ical_events
from django.utils import timezone as djtz
from django.utils.translation import gettext as _
from icalendar import Calendar

from ..actions import do_record_schedule_change, do_write_interactions
from ..models import Channel, Direction, Interaction
from .base import Context, Refused
from .dates import raw_text, usable
from .mailparse import MAX_BODY, MAX_SUBJECT, html_to_text

FILE_SECONDS = 20
SUB_DAILY = {"SECONDLY", "MINUTELY", "HOURLY"}
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
MAX_OCCURRENCES = 500  # per series, within a year from now
HORIZON = timedelta(days=365)


def _aware(value) -> datetime | None:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return djtz.make_aware(value)
        return value.astimezone(UTC)
    if isinstance(value, date):
        return djtz.make_aware(datetime.combine(value, time()))
    return None


def _when(component, name):
    """The property as a usable UTC moment (see dates.py), or None."""
    prop = component.get(name)
    try:
        return usable(_aware(prop.dt)) if prop is not None else None
    except Exception:  # noqa: BLE001 - a malformed date value
        return None


def _raw(component, name) -> str:
    """The property as written in the file, kept beside an unknown date."""
    prop = component.get(name)
    if prop is None:
        return ""
    try:
        return raw_text(prop.to_ical().decode("utf-8", "replace"))
    except Exception:  # noqa: BLE001 - whatever the value is, keep its text
        return raw_text(prop)


def _addresses(component) -> list[str]:
    found = []
    for name in ("ORGANIZER", "ATTENDEE"):
        values = component.get(name)
        if values is None:
            continue
        for value in values if isinstance(values, list) else [values]:
            text = str(value).strip()
            if text.lower().startswith("mailto:"):
                text = text[7:]
            text = text.lower()
            if "@" in text and text not in found:
                found.append(text[:320])
    return found


def _text(component, name) -> str:
    value = component.get(name)
    return "" if value is None else str(value)


def open_calendar(ctx: Context) -> None:
    path = Path(ctx.data["path"])
    if not path.exists():
        raise Refused(_("%(path)s does not exist.") % {"path": path})
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    if not path.is_dir():
        head = path.read_bytes()[:4096].lstrip(b"\xef\xbb\xbf \r\n\t")
        if not head.upper().startswith(b"BEGIN:VCALENDAR"):
            raise Refused(_("%(name)s is not an iCalendar file.") % {"name": path.name})
    ctx.data["files"] = files
    ctx.set_total(len(files))


def import_files(ctx: Context) -> None:
    for file in ctx.data["files"]:
        try:
            _import_file(ctx, file)
        except Exception as err:  # noqa: BLE001 - one bad calendar never stops the run
            detail = (_("%(name)s is missing") % {"name": err.args[0]}
                      if isinstance(err, KeyError) and err.args else str(err)[:200])
            ctx.fail(str(file), _("The calendar could not be read (%(error)s).") % {
                "error": detail or type(err).__name__})
        ctx.advance()


class TooSlow(Exception):
    pass


def _alarm(_signum, _frame):
    raise TooSlow


def _import_file(ctx: Context, file: Path) -> None:
    """One file, with a time budget when running in the main thread (a hostile rule can
    ask for millions of occurrences)."""
    guard = threading.current_thread() is threading.main_thread()
    if guard:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(FILE_SECONDS)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _read_file(ctx, file)
    except TooSlow:
        ctx.fail(str(file), _("The calendar's repeating events take too long to expand."))
    finally:
        if guard:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)


def _read_file(ctx: Context, file: Path) -> None:
    raw = file.read_bytes()
    if not raw.lstrip(b"\xef\xbb\xbf \r\n\t").upper().startswith(b"BEGIN:VCALENDAR"):
        ctx.fail(str(file), _("This file is not an iCalendar file."))
        return
    calendars = Calendar.from_ical(raw, multiple=True)
    rows, changes = [], []
    for calendar in calendars:
        _occurrences(ctx, file, calendar, rows, changes)
        for todo in calendar.walk("VTODO"):
            row = _todo(ctx, todo)
            if row is not None:
                rows.append(row)
    if not rows and not changes:
        ctx.fail(str(file), _("The calendar has no event or task with a readable date."))
        return
    _store(ctx, rows, changes)


def _occurrences(ctx, file, calendar, rows, changes) -> None:
    for event in calendar.walk("VEVENT"):
        rule = event.get("RRULE")
        if rule is not None and str((rule.get("FREQ") or [""])[0]).upper() in SUB_DAILY:
            del event["RRULE"]  # hourly or finer: kept as its first occurrence only
    series_uids = {_text(e, "UID") for e in calendar.walk("VEVENT")
                   if any(name in e for name in ("RRULE", "RDATE", "RECURRENCE-ID"))}
    query = recurring_ical_events.of(calendar, skip_bad_series=True,
                                     keep_recurrence_attributes=True)
    horizon = djtz.now() + HORIZON
    counts: dict[str, int] = {}
    for event in itertools.islice(query.between(EARLIEST, horizon), 20_000):
        start = _when(event, "DTSTART")
        if start is None or start > horizon:
            continue
        uid = _text(event, "UID") or f"{file.name}:{_text(event, 'SUMMARY')}"
        counts[uid] = counts.get(uid, 0) + 1
        if counts[uid] > MAX_OCCURRENCES:
            continue
        original = _when(event, "RECURRENCE-ID") or start
        sequence = _text(event, "SEQUENCE") or "0"
        try:
            number = int(sequence)
        except ValueError:
            number = 0
        series = uid in series_uids
        # A single event keeps its key when it moves; an occurrence is keyed by its slot.
        key = f"{uid}|{original.isoformat() if series else 'single'}"[:280]
        end = _when(event, "DTEND")
        addresses = _addresses(event)
        engagement_id, counterpart = ctx.matcher.place(addresses)
        common = dict(workspace=ctx.workspace, engagement_id=engagement_id,
                      direction=Direction.INBOUND, subject=_text(event, "SUMMARY")[:MAX_SUBJECT],
                      participants=addresses[:100], counterpart=counterpart, source="calendar",
                      import_run=ctx.run)
        body = html_to_text(_text(event, "DESCRIPTION"))[:MAX_BODY]
        if _text(event, "STATUS").upper() == "CANCELLED":
            changes.append((key, Interaction(channel=Channel.SCHEDULE_CHANGE, occurred_at=start,
                                             old_time=original, new_time=None, body=body,
                                             source_id=f"{key}|{sequence}|cancelled",
                                             **common)))
            continue
        rows.append(Interaction(
            channel=Channel.MEETING, occurred_at=start, body=body, source_id=key,
            sequence=number,
            duration=(end - start) if end and end > start else None, **common))
        if original != start:
            changes.append((key, Interaction(channel=Channel.SCHEDULE_CHANGE, occurred_at=start,
                                             old_time=original, new_time=start,
                                             source_id=f"{key}|{sequence}|moved", **common)))


def _todo(ctx, todo) -> Interaction | None:
    """A task with a DUE. A DUE or a creation date that cannot be used (outside 1970-2100,
    malformed) is kept as written and the task stored with that date unknown."""
    names = [n for n in ("DTSTAMP", "CREATED", "DTSTART") if todo.get(n) is not None]
    if todo.get("DUE") is None or not names:
        return None
    due = _when(todo, "DUE")
    created = next((m for m in (_when(todo, n) for n in names) if m is not None), None)
    raw = ""
    if created is None:
        raw = _raw(todo, names[0]) or "?"
    elif due is None:
        raw = _raw(todo, "DUE") or "?"
    addresses = _addresses(todo)
    engagement_id, counterpart = ctx.matcher.place(addresses)
    uid = _text(todo, "UID") or f"{_text(todo, 'SUMMARY')}|{_raw(todo, 'DUE')}"
    return Interaction(workspace=ctx.workspace, engagement_id=engagement_id,
                       channel=Channel.TASK_REQUEST, direction=Direction.INBOUND,
                       occurred_at=created, due_at=due, raw_date=raw,
                       subject=_text(todo, "SUMMARY")[:MAX_SUBJECT],
                       body=html_to_text(_text(todo, "DESCRIPTION"))[:MAX_BODY],
                       participants=addresses[:100], counterpart=counterpart,
                       source="calendar", source_id=f"todo|{uid}"[:280], import_run=ctx.run)


def _store(ctx: Context, rows: list[Interaction], changes) -> None:
    existing = {
        i.source_id: i for i in Interaction.objects.filter(
            workspace=ctx.workspace, source="calendar", channel=Channel.MEETING,
            source_id__in=[r.source_id for r in rows])
    }
    fresh_rows = []
    for row in rows:
        before = existing.get(row.source_id)
        if (before is not None and before.occurred_at != row.occurred_at
                and row.sequence > before.sequence):
            change = Interaction(
                workspace=ctx.workspace, engagement_id=before.engagement_id,
                channel=Channel.SCHEDULE_CHANGE, direction=row.direction,
                occurred_at=djtz.now(), old_time=before.occurred_at, new_time=row.occurred_at,
                subject=row.subject, participants=row.participants,
                counterpart=row.counterpart, source="calendar",
                source_id=f"{row.source_id}|{row.occurred_at.isoformat()}|changed"[:300],
                import_run=ctx.run)
            if do_record_schedule_change(ctx.workspace, change, move=before,
                                         to=row.occurred_at, sequence=row.sequence):
                ctx.report.imported += 1
            continue
        fresh_rows.append(row)
    fresh_rows.extend(change for _key, change in changes)
    fresh, duplicates = do_write_interactions(ctx.workspace, fresh_rows)
    ctx.report.imported += len(fresh)
    ctx.report.duplicates += duplicates
    ctx.report.unmatched += sum(1 for r in fresh if r.engagement_id is None)
    for row in fresh:
        if row.raw_date:
            ctx.undated(row.source_id, row.subject, row.raw_date)


STEPS = [open_calendar, import_files]
