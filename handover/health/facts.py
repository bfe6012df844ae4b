"""Per-interaction facts: local time, out-of-hours class, weight and text findings.

Computed once per interaction (after its import) so that recomputing the signals is SQL over
small columns. Django-aware but free of requests; called by `actions`.
"""

from __future__ import annotations

import json
import os
from collections import namedtuple
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

from django.db import connection
from django.db import models as db
from django.utils import timezone

from handover.interactions import pools
from handover.lib import thresholds
from handover.lib.hours_check import Clock
from handover.lib.textrules import analyse

from .models import HealthThresholds, InteractionFacts

ROW_FIELDS = ("pk", "workspace_id", "engagement_id", "channel", "direction", "occurred_at",
              "duration", "subject", "body", "due_at", "old_time")
Row = namedtuple("Row", ROW_FIELDS)

INBOUND = "inbound"
CALL = "call"
SCHEDULE_CHANGE = "schedule_change"
TEXT_CHANNELS = ("email", "chat", "task_request")


@dataclass(frozen=True)
class Thresholds(thresholds.Thresholds):
    """The limits in force for a workspace: its saved ones, or the defaults."""

    @classmethod
    def for_workspace(cls, workspace) -> Thresholds:
        row = HealthThresholds.objects.filter(workspace=workspace).first()
        if row is None:
            return cls()
        return cls(**{name: getattr(row, name) for name in cls.__dataclass_fields__})


def weight(channel: str, duration, off: bool, limits: Thresholds) -> float:
    """Long calls and calls out of hours weigh more than a message."""
    value = 1.0
    if channel == CALL:
        if duration and duration > timedelta(minutes=limits.long_call_minutes):
            value += 1.0
        if off:
            value += 1.0
    return value


class Facts(SimpleNamespace):
    """InteractionFacts' columns as plain attributes (building model instances by the
    million costs more than computing them); written by `write_facts`."""


def needs_text(row) -> bool:
    """Inbound mail, chat and task requests with a text are read by the text rules."""
    return (row.direction == INBOUND and row.channel in TEXT_CHANNELS
            and bool(row.body or row.subject))


def read_text(job: tuple) -> tuple:
    """The text rules' verdict on one message, as plain values (so that a worker process
    can send it back): language, findings, worst disrespect, expectation, deadline and
    whether that deadline leaves less than the lead time.

    `job` is (body, subject, sent_at, language hint, time zone, lead time)."""
    body, subject, sent_at, hint, tz, lead = job
    result = analyse(body or subject, sent_at=sent_at, hint=hint or None, tz=tz)
    findings = [dict(f.as_dict(), field="body" if body else "subject")
                for f in result.findings]
    deadline, last_minute = None, False
    if result.urgency is not None:
        deadline = result.urgency.deadline
        last_minute = result.urgency.is_last_minute(lead)
    return (result.language, findings, max((f.severity for f in result.disrespect), default=0),
            bool(result.expectations), deadline, last_minute)


def text_job(row, engagement) -> tuple:
    """What `read_text` needs: the client's language is the hint for detecting the text's."""
    return (row.body, row.subject, row.occurred_at, engagement.client.language,
            engagement.time_zone, timedelta(hours=engagement.lead_time_hours))


def facts_for(row, engagement, clock: Clock, limits: Thresholds, computed_at=None,
              text: tuple | None = None) -> Facts:
    """`text` is `read_text`'s verdict when it was computed elsewhere (a worker process)."""
    here = row.occurred_at.astimezone(clock.zone)
    off = clock.classify(here) or ""
    inbound = row.direction == INBOUND
    channel = row.channel
    facts = Facts(
        interaction_id=row.pk, workspace_id=row.workspace_id, engagement_id=engagement.pk,
        inbound=inbound, channel=channel, local_date=here.date(),
        month=date(here.year, here.month, 1), weekday=here.weekday(),
        minute=here.hour * 60 + here.minute, off_class=off,
        weight=weight(channel, row.duration, bool(off), limits), language="",
        findings=[], disrespect=0, expectation=False, last_minute=False, late_change=False,
        deadline=None, computed_at=computed_at or timezone.now(),
    )
    if not inbound and channel != SCHEDULE_CHANGE:
        return facts
    lead = timedelta(hours=engagement.lead_time_hours)
    if needs_text(row):
        if text is None:
            text = read_text(text_job(row, engagement))
        (facts.language, facts.findings, facts.disrespect, facts.expectation,
         facts.deadline, facts.last_minute) = text
    if inbound and row.due_at is not None:
        facts.deadline = row.due_at
        facts.last_minute = row.due_at - row.occurred_at < lead
    if channel == SCHEDULE_CHANGE and row.old_time is not None:
        notice = row.old_time - row.occurred_at
        facts.late_change = notice < timedelta(hours=limits.schedule_change_hours)
    return facts


def read_text_or_none(job: tuple) -> tuple | None:
    """`read_text`, or None when it fails: one bad text never loses a whole chunk read by
    the pool (the caller reads that one again in its own process, where the error is
    logged with its traceback and charged to its engagement)."""
    try:
        return read_text(job)
    except Exception:  # noqa: BLE001 - reported by the caller
        return None


class TextReader:
    """Reads the texts of a chunk of rows: in this process when they are few, otherwise
    spread over a pool of forked processes (one per core) that only run the text rules
    (they never touch the database). Use as a context manager: the pool is stopped on the
    way out, whatever happened (see pools.py)."""

    PARALLEL_FROM = 200  # texts in one chunk; below that a pool costs more than it saves

    def __init__(self, processes: int | None = None):
        self.processes = processes if processes is not None else (os.cpu_count() or 1)
        # HANDOVER_TEXT_POOL_FROM lowers (or raises) the threshold, e.g. to see the pool
        # at work on a small workspace.
        configured = os.environ.get("HANDOVER_TEXT_POOL_FROM", "").strip()
        if configured.isdigit() and int(configured) > 0:
            self.PARALLEL_FROM = int(configured)
        self.pool = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.pool is not None:
            pool, self.pool = self.pool, None
            pools.stop(pool)

    def read(self, jobs: list[tuple]) -> list[tuple | None]:
        if self.processes < 2 or len(jobs) < self.PARALLEL_FROM:
            return [read_text_or_none(job) for job in jobs]
        if self.pool is None:
            self.pool = pools.start(self.processes)
        return self.pool.map(read_text_or_none, jobs, chunksize=32)


def _moment(value):
    """A datetime column as the driver gives it: aware (PostgreSQL), or naive UTC (SQLite,
    as a datetime or as text)."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _duration(value):
    """A duration column: a timedelta (PostgreSQL) or microseconds (SQLite)."""
    if value is None or isinstance(value, timedelta):
        return value
    return timedelta(microseconds=int(value))


def pending_rows(queryset, after: int, size: int) -> list[Row]:
    """The next `size` rows of `queryset` with a primary key above `after`, read through
    the driver without Django's per-value converters (the slowest part of reading a
    million rows); only the columns facts need are converted."""
    sql, params = (queryset.filter(pk__gt=after).order_by("pk")
                   .values_list(*ROW_FIELDS)[:size].query.sql_with_params())
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        raw = cursor.fetchall()
    return [Row(pk, ws, eng, channel, direction, _moment(occurred), _duration(duration),
                subject or "", body or "", _moment(due), _moment(old))
            for pk, ws, eng, channel, direction, occurred, duration, subject, body, due, old
            in raw]


def _converter(field):
    ops = connection.ops
    if isinstance(field, db.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, db.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, db.JSONField):
        return lambda value: json.dumps(value, ensure_ascii=False)
    return None


def write_facts(batch: list[Facts]) -> None:
    """One multi-row INSERT per batch, skipping rows already there."""
    if not batch:
        return
    fields = InteractionFacts._meta.concrete_fields
    names = [f.attname for f in fields]
    convert = [(f.attname, _converter(f)) for f in fields]
    table = connection.ops.quote_name(InteractionFacts._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks}) ON CONFLICT DO NOTHING"  # noqa: S608
    # Most values repeat (the batch's time stamp, no findings, a few hundred dates):
    # each distinct one is converted once.
    memo: dict = {}
    rows = []
    for facts in batch:
        values = vars(facts)
        row = []
        for name, conv in convert:
            value = values[name]
            if conv is not None and value is not None:
                if isinstance(value, list) and value:
                    value = conv(value)
                else:
                    key = (name, "[]") if isinstance(value, list) else (name, value)
                    done = memo.get(key)
                    if done is None:
                        done = memo[key] = conv(value)
                    value = done
            row.append(value)
        rows.append(row)
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
