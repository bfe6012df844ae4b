"""Writes for time: entries by hand, the running timer, and imports of tracker exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handover.core.audit import record
from handover.core.models import Membership

from ..models import Duty, ImportBatch, ImportMapping, TimeEntry
from ..timeimport.files import parse_file
from ..timeimport.reader import MAX_SECONDS

MappingKey = tuple[str, str, str]  # client, project, task


def _check_seconds(seconds: int) -> None:
    if seconds < 0:
        raise ValidationError(_("The time cannot be negative."))
    if seconds > MAX_SECONDS:
        raise ValidationError(_("One entry can last 24 hours at most."))


@transaction.atomic
def do_log_time(duty: Duty, *, actor, person=None, date, started_at=None, ended_at=None,
                seconds: int | None = None, occurrences: int = 1, note: str = "") -> TimeEntry:
    if started_at and ended_at:
        if ended_at < started_at:
            raise ValidationError(_("The entry ends before it starts."))
        seconds = int((ended_at - started_at).total_seconds())
    _check_seconds(seconds or 0)
    entry = TimeEntry.objects.create(
        workspace=duty.workspace, duty=duty, person=person or actor, date=date,
        started_at=started_at, ended_at=ended_at, seconds=seconds or 0,
        occurrences=occurrences, note=note, source=TimeEntry.Source.MANUAL)
    record(duty.workspace, actor, "time.logged", duty, minutes=entry.minutes,
           date=date.isoformat())
    return entry


@transaction.atomic
def do_update_time(entry: TimeEntry, *, actor, **fields) -> TimeEntry:
    for name in ("date", "seconds", "occurrences", "note", "duty"):
        if name in fields:
            setattr(entry, name, fields[name])
    _check_seconds(entry.seconds)
    if "seconds" in fields:
        entry.started_at = entry.ended_at = None
    entry.save()
    record(entry.workspace, actor, "time.updated", entry.duty, minutes=entry.minutes,
           date=entry.date.isoformat())
    return entry


@transaction.atomic
def do_delete_time(entry: TimeEntry, *, actor) -> None:
    record(entry.workspace, actor, "time.deleted", entry.duty, minutes=entry.minutes,
           date=entry.date.isoformat())
    entry.delete()


@transaction.atomic
def do_start_timer(duty: Duty, *, actor, note: str = "") -> TimeEntry:
    """Start the person's timer on a duty; a timer running elsewhere is stopped first."""
    running = TimeEntry.objects.select_for_update().filter(person=actor, running=True).first()
    if running is not None:
        do_stop_timer(running, actor=actor)
    now = timezone.now()
    try:
        with transaction.atomic():
            entry = TimeEntry.objects.create(
                workspace=duty.workspace, duty=duty, person=actor, date=timezone.localdate(now),
                started_at=now, running=True, note=note, source=TimeEntry.Source.TIMER)
    except IntegrityError:
        raise ValidationError(_("A timer is already running.")) from None
    record(duty.workspace, actor, "time.timer_started", duty)
    return entry


@transaction.atomic
def do_stop_timer(entry: TimeEntry, *, actor, now: datetime | None = None,
                  occurrences: int = 1) -> TimeEntry:
    entry = TimeEntry.objects.select_for_update().get(pk=entry.pk)
    if not entry.running:
        raise ValidationError(_("This timer is not running."))
    now = now or timezone.now()
    seconds = int((now - entry.started_at).total_seconds())
    if seconds > MAX_SECONDS:
        raise ValidationError(_("The timer has run for more than 24 hours. Discard it and "
                                "enter the time by hand."))
    entry.ended_at, entry.seconds, entry.running = now, max(seconds, 0), False
    entry.occurrences = occurrences
    entry.save(update_fields=["ended_at", "seconds", "running", "occurrences"])
    record(entry.workspace, actor, "time.timer_stopped", entry.duty, minutes=entry.minutes)
    return entry


@transaction.atomic
def do_discard_timer(entry: TimeEntry, *, actor) -> None:
    if entry.running:
        record(entry.workspace, actor, "time.timer_discarded", entry.duty)
        entry.delete()


# Imports ----------------------------------------------------------------------------------

@dataclass
class ImportResult:
    filename: str
    format: str = ""
    imported: int = 0
    duplicates: int = 0
    skipped: int = 0
    seconds: int = 0
    unmapped: list[MappingKey] = field(default_factory=list)
    batch: ImportBatch | None = None

    @property
    def minutes(self) -> float:
        return round(self.seconds / 60, 2)


def _lookup_keys(key: MappingKey) -> list[MappingKey]:
    client, project, task = key
    return [(client, project, task), (client, project, ""), ("", project, task), ("", project, "")]


def _resolve(mappings: dict[MappingKey, Duty | None], key: MappingKey):
    for candidate in _lookup_keys(key):
        if candidate in mappings:
            return True, mappings[candidate]
    return False, None


def _aware(value: datetime | None, zone: ZoneInfo) -> datetime | None:
    if value is None:
        return None
    return value if timezone.is_aware(value) else timezone.make_aware(value, zone)


@transaction.atomic
def do_import_time(workspace, *, actor, filename: str, data: bytes, format: str = "auto",
                   mapping: dict[MappingKey, Duty | None] | None = None,
                   time_zone: str = "", own_time_only: bool = False) -> ImportResult:
    """All or nothing: either every new entry of the file is stored or none is.

    `mapping` adds (and remembers) tracker names → duties (None: leave those entries out).
    When some names have no duty, nothing is written and `unmapped` lists them.
    """
    parsed = parse_file(filename, data, format=format)
    zone = ZoneInfo(time_zone or settings.TIME_ZONE)
    result = ImportResult(filename=filename, format=parsed.format)
    for key, duty in (mapping or {}).items():
        if duty is not None and duty.workspace_id != workspace.pk:
            raise ValueError("duty from another workspace")
        ImportMapping.objects.update_or_create(
            workspace=workspace, client=key[0], project=key[1], task=key[2],
            defaults={"duty": duty})
    known = {(m.client, m.project, m.task): m.duty
             for m in ImportMapping.objects.filter(workspace=workspace).select_related("duty")}
    rows = []
    for row in parsed.rows:
        key = (row.client, row.project, row.task)
        found, duty = _resolve(known, key)
        if not found:
            if key not in result.unmapped:
                result.unmapped.append(key)
            continue
        rows.append((row, duty))
    if result.unmapped:
        return result
    people = {m.user.email.lower(): m.user for m in
              Membership.objects.filter(workspace=workspace, is_active=True).select_related("user")}
    existing = set(TimeEntry.objects.filter(
        workspace=workspace, fingerprint__in=[r.fingerprint for r, _d in rows]
    ).values_list("fingerprint", flat=True))
    batch = ImportBatch.objects.create(workspace=workspace, filename=filename[:255],
                                       format=parsed.format, imported_by=actor)
    new = []
    for row, duty in rows:
        if duty is None or (own_time_only and duty.assignee_id != actor.pk):
            result.skipped += 1
            continue
        if row.fingerprint in existing:
            result.duplicates += 1
            continue
        person = actor if own_time_only else people.get(row.person_email.lower(), actor)
        start, end = _aware(row.start, zone), _aware(row.end, zone)
        new.append(TimeEntry(
            workspace=workspace, duty=duty, person=person, date=row.day, started_at=start,
            ended_at=end, seconds=row.seconds, occurrences=1 if row.seconds else 0,
            note=row.description[:1000], source=TimeEntry.Source.IMPORT, batch=batch,
            source_person=(row.person_email or row.person_name)[:254],
            fingerprint=row.fingerprint))
        result.seconds += row.seconds
    TimeEntry.objects.bulk_create(new)
    result.imported = len(new)
    batch.imported, batch.duplicates, batch.seconds = result.imported, result.duplicates, \
        result.seconds
    batch.save(update_fields=["imported", "duplicates", "seconds"])
    result.batch = batch
    record(workspace, actor, "time.imported", batch, file=filename, format=parsed.format,
           imported=result.imported, duplicates=result.duplicates,
           minutes=result.minutes)
    return result
