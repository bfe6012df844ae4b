"""Per-interaction facts: local time, out-of-hours class, weight and text findings.

Computed once per interaction (after its import) so that recomputing the signals is SQL over
small columns. Django-aware but free of requests; called by `health_actions`.
"""

from __future__ import annotations

import json
from collections import namedtuple
from dataclasses import dataclass
from datetime import date, timedelta
from types import SimpleNamespace

from django.db import connection
from django.db import models as db
from django.utils import timezone

from handover.lib.hours_check import Schedule, classify, local
from handover.lib.textrules import analyse

from .health_models import HealthThresholds, InteractionFacts

ROW_FIELDS = ("pk", "workspace_id", "engagement_id", "channel", "direction", "occurred_at",
              "duration", "subject", "body", "due_at", "old_time")
Row = namedtuple("Row", ROW_FIELDS)

INBOUND = "inbound"
CALL = "call"
SCHEDULE_CHANGE = "schedule_change"
TEXT_CHANNELS = ("email", "chat", "task_request")


@dataclass(frozen=True)
class Thresholds:
    long_call_minutes: int = 30
    out_of_hours_percent: int = 15
    last_minute_per_month: int = 2
    schedule_change_hours: int = 24
    late_payment_days: int = 7
    expectations_per_month: int = 2

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


def facts_for(row, engagement, schedule: Schedule, limits: Thresholds,
              language_hint: str = "") -> Facts:
    here = local(row.occurred_at, schedule)
    off = classify(row.occurred_at, schedule) or ""
    inbound = row.direction == INBOUND
    facts = Facts(
        interaction_id=row.pk, workspace_id=row.workspace_id, engagement_id=engagement.pk,
        inbound=inbound, channel=row.channel, local_date=here.date(),
        month=date(here.year, here.month, 1), weekday=here.weekday(),
        minute=here.hour * 60 + here.minute, off_class=off,
        weight=weight(row.channel, row.duration, bool(off), limits), language="",
        findings=[], disrespect=0, expectation=False, last_minute=False, late_change=False,
        deadline=None, computed_at=timezone.now(),
    )
    lead = timedelta(hours=engagement.lead_time_hours)
    text = row.body or row.subject
    if inbound and text and row.channel in TEXT_CHANNELS:
        result = analyse(text, sent_at=row.occurred_at, hint=language_hint or None,
                         tz=engagement.time_zone)
        facts.language = result.language
        found = result.findings
        facts.findings = [dict(f.as_dict(), field="body" if row.body else "subject")
                          for f in found]
        facts.disrespect = max((f.severity for f in result.disrespect), default=0)
        facts.expectation = bool(result.expectations)
        if result.urgency is not None:
            facts.deadline = result.urgency.deadline
            facts.last_minute = result.urgency.is_last_minute(lead)
    if inbound and row.due_at is not None:
        facts.deadline = row.due_at
        facts.last_minute = row.due_at - row.occurred_at < lead
    if row.channel == SCHEDULE_CHANGE and row.old_time is not None:
        notice = row.old_time - row.occurred_at
        facts.late_change = notice < timedelta(hours=limits.schedule_change_hours)
    return facts


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
    rows = []
    for facts in batch:
        values = vars(facts)
        rows.append([c(values[n]) if c and values[n] is not None else values[n]
                     for n, c in convert])
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
