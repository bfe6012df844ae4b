"""Per-interaction facts: local time, out-of-hours class, weight and text findings.

Computed once per interaction (after its import) so that recomputing the signals is SQL over
small columns. Django-aware but free of requests; called by `health_actions`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from handover.lib.hours_check import Schedule, classify, local
from handover.lib.textrules import analyse

from .health_models import HealthThresholds, InteractionFacts

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


def facts_for(row, engagement, schedule: Schedule, limits: Thresholds,
              language_hint: str = "") -> InteractionFacts:
    here = local(row.occurred_at, schedule)
    off = classify(row.occurred_at, schedule) or ""
    inbound = row.direction == INBOUND
    facts = InteractionFacts(
        interaction_id=row.pk, workspace_id=row.workspace_id, engagement_id=engagement.pk,
        inbound=inbound, channel=row.channel, local_date=here.date(),
        month=date(here.year, here.month, 1), weekday=here.weekday(),
        minute=here.hour * 60 + here.minute, off_class=off,
        weight=weight(row.channel, row.duration, bool(off), limits),
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
