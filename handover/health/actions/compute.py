"""Writes of relationship health's recompute: facts, monthly summaries, findings and state.

`do_compute_health(workspace)` is incremental for facts (only interactions without them are
read and analysed) and recomputes the summaries in SQL from the facts.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from handover.clients.models import Engagement
from handover.core.models import AuditEvent, Workspace
from handover.core.versions import touch
from handover.duties.models import Duty
from handover.interactions.importers.dates import EARLIEST, LATEST
from handover.interactions.models import Interaction, Invoice
from handover.lib.hours_check import Schedule, clock_for

from .. import scoring
from ..facts import (
    TextReader,
    Thresholds,
    facts_for,
    needs_text,
    pending_rows,
    text_job,
    write_facts,
)
from ..models import (
    EngagementHealth,
    HealthFinding,
    HealthMonth,
    InteractionFacts,
)

CHUNK = 10000
log = logging.getLogger(__name__)


def do_compute_facts(workspace: Workspace, *, engagement_ids=None, progress=None,
                     failed: set | None = None) -> int:
    """Facts for every placed interaction that has none yet; returns how many were added.

    Interactions with an unknown date have none (nothing in them can be placed in time).
    An interaction whose facts cannot be computed is logged and skipped; its engagement
    is added to `failed`, and the others carry on."""
    limits = Thresholds.for_workspace(workspace)
    # Interactions filed under another engagement (or none) since: their facts go.
    InteractionFacts.objects.filter(workspace=workspace).exclude(
        engagement_id=F("interaction__engagement_id")).delete()
    pending = Interaction.objects.filter(workspace=workspace, engagement__isnull=False,
                                         facts__isnull=True, occurred_at__gte=EARLIEST,
                                         occurred_at__lt=LATEST)
    if engagement_ids is not None:
        pending = pending.filter(engagement_id__in=engagement_ids)
    engagements = {e.pk: e for e in Engagement.objects.filter(workspace=workspace)
                   .select_related("client").prefetch_related("working_windows")}
    clocks = {pk: clock_for(Schedule.for_engagement(e)) for pk, e in engagements.items()}
    added = 0
    last = 0
    with TextReader() as reader:
        while True:
            rows = pending_rows(pending, last, CHUNK)
            if not rows:
                return added
            now = timezone.now()
            texts = [r for r in rows if needs_text(r)]
            read = dict(zip((r.pk for r in texts), reader.read(
                [text_job(r, engagements[r.engagement_id]) for r in texts]), strict=True))
            batch = []
            for row in rows:
                try:
                    batch.append(facts_for(row, engagements[row.engagement_id],
                                           clocks[row.engagement_id], limits, now,
                                           read.get(row.pk)))
                except Exception:
                    log.exception("The facts of interaction %s (engagement %s) could not be "
                                  "computed", row.pk, row.engagement_id)
                    if failed is not None:
                        failed.add(row.engagement_id)
            with transaction.atomic():
                write_facts(batch)
            added += len(batch)
            last = rows[-1].pk
            if progress:
                progress(added)


def _month_rows(workspace, engagement_ids) -> dict[int, list[dict]]:
    facts = InteractionFacts.objects.filter(workspace=workspace, engagement_id__in=engagement_ids)
    inbound = Q(inbound=True)
    out = Q(inbound=True) & ~Q(off_class="")
    rows = (facts.values("engagement_id", "month").annotate(
        inbound_n=Count("pk", filter=inbound),
        out_n=Count("pk", filter=out),
        w_in=Sum("weight", filter=inbound, default=0),
        w_out=Sum("weight", filter=out, default=0),
        weekend_n=Count("pk", filter=inbound & Q(off_class="weekend")),
        holiday_n=Count("pk", filter=inbound & Q(off_class="holiday")),
        last_minute_n=Count("pk", filter=inbound & Q(last_minute=True)),
        changes_n=Count("pk", filter=Q(late_change=True)),
        disrespect_n=Count("pk", filter=inbound & Q(disrespect__gt=0)),
        serious_n=Count("pk", filter=inbound & Q(disrespect__gte=3)),
        expectations_n=Count("pk", filter=inbound & Q(expectation=True)),
    ).order_by("engagement_id", "month"))
    result = defaultdict(list)
    for r in rows:
        result[r["engagement_id"]].append({
            "month": r["month"], "inbound": r["inbound_n"], "out_of_hours": r["out_n"],
            "weighted_inbound": r["w_in"], "weighted_out": r["w_out"],
            "weekend": r["weekend_n"], "holiday": r["holiday_n"],
            "last_minute": r["last_minute_n"], "schedule_changes": r["changes_n"],
            "disrespect": r["disrespect_n"], "serious": r["serious_n"],
            "expectations": r["expectations_n"]})
    return result


def _heatmaps(workspace, engagement_ids) -> dict[int, list[list[int]]]:
    grids = defaultdict(lambda: [[0] * 24 for _ in range(7)])
    rows = (InteractionFacts.objects
            .filter(workspace=workspace, engagement_id__in=engagement_ids, inbound=True)
            .annotate(hour=F("minute") / 60)
            .values("engagement_id", "weekday", "hour").annotate(n=Count("pk"))
            .order_by())
    for r in rows:
        grids[r["engagement_id"]][r["weekday"]][int(r["hour"])] += r["n"]
    return grids


FLAG_FIELDS = ("interaction_id", "workspace_id", "engagement_id", "interaction__occurred_at",
               "disrespect", "expectation", "last_minute", "late_change", "deadline",
               "weight", "off_class", "channel")


def _flagged_facts(workspace, engagement_ids):
    """The facts that become findings, as plain dicts (one query, no model instances)."""
    return (InteractionFacts.objects
            .filter(workspace=workspace, engagement_id__in=engagement_ids)
            .filter(Q(inbound=True, disrespect__gt=0) | Q(inbound=True, expectation=True)
                    | Q(inbound=True, last_minute=True) | Q(late_change=True)
                    | Q(inbound=True, channel="call", weight__gte=3))
            .values(*FLAG_FIELDS))


def _findings_of(f: dict) -> list[HealthFinding]:
    pk = f["interaction_id"]
    base = dict(workspace_id=f["workspace_id"], engagement_id=f["engagement_id"],
                occurred_at=f["interaction__occurred_at"], interaction_id=pk)
    found = []
    if f["disrespect"]:
        found.append(HealthFinding(signal="disrespect", key=f"d:{pk}",
                                   severity=f["disrespect"], **base))
    if f["expectation"]:
        found.append(HealthFinding(signal="expectations", key=f"e:{pk}", severity=1, **base))
    if f["last_minute"]:
        deadline = f["deadline"]
        found.append(HealthFinding(
            signal="last_minute", key=f"l:{pk}", severity=1,
            data={"deadline": deadline.isoformat() if deadline else ""}, **base))
    if f["late_change"]:
        found.append(HealthFinding(signal="schedule_change", key=f"s:{pk}", severity=1,
                                   **base))
    if f["channel"] == "call" and f["weight"] >= 3:
        found.append(HealthFinding(signal="out_of_hours", key=f"c:{pk}", severity=2,
                                   data={"reason": f["off_class"]}, **base))
    return found


def _by_engagement(rows) -> dict[int, list]:
    grouped = defaultdict(list)
    for row in rows:
        grouped[row.engagement_id].append(row)
    return grouped


def _invoice_findings(workspace, engagement, invoices, limits, today):
    found, delays, late_days, unpaid = [], [], [], 0
    for inv in invoices:
        end = inv.paid_on or today
        days = (end - inv.due).days
        if inv.paid_on is not None:
            delays.append([inv.number, inv.due.isoformat(), max(0, days), True])
            late_days.append(max(0, days))
        elif days > 0:
            delays.append([inv.number, inv.due.isoformat(), days, False])
        if days > limits.late_payment_days or (inv.paid_on is None and days > 0):
            found.append(HealthFinding(
                workspace_id=workspace.pk, engagement_id=engagement.pk, signal="payment",
                key=f"i:{inv.pk}", severity=2 if inv.paid_on is None else 1,
                occurred_at=timezone.make_aware(
                    timezone.datetime.combine(inv.due, timezone.datetime.min.time())),
                invoice_id=inv.pk,
                data={"days": days, "paid": inv.paid_on is not None,
                      "amount": str(inv.amount), "currency": inv.currency}))
            unpaid += inv.paid_on is None
    return found, delays, late_days, unpaid


def _drift_context(workspace, ids):
    """Duties per engagement and the day each engagement's rate last changed."""
    rate_changed = {}
    for target, when, data in AuditEvent.objects.filter(
            workspace=workspace, verb="engagement.updated", target_type="clients.engagement",
            target_id__in=[str(i) for i in ids]).order_by("created_at").values_list(
            "target_id", "created_at", "data"):
        if "hourly_rate" in (data or {}).get("changes", {}):
            rate_changed[int(target)] = when.date()
    duties = _by_engagement(Duty.objects.filter(workspace=workspace, engagement_id__in=ids)
                            .only("pk", "engagement_id", "started_on", "title"))
    return duties, rate_changed


def _scope_drift(workspace, engagement, duties, rate_changed) -> list[HealthFinding]:
    """Duties added after the engagement's rate last changed (or its start + 30 days)."""
    since = engagement.start_date + timedelta(days=30)
    if engagement.pk in rate_changed:
        since = max(since, rate_changed[engagement.pk])
    return [HealthFinding(workspace_id=workspace.pk, engagement_id=engagement.pk,
                          signal="scope_drift", key=f"u:{d.pk}", severity=1,
                          occurred_at=timezone.make_aware(timezone.datetime.combine(
                              d.started_on, timezone.datetime.min.time())),
                          data={"duty": d.title})
            for d in duties if d.started_on > since]


@dataclass
class _Context:
    """What every engagement's assessment reads, loaded once per recompute."""

    workspace: Workspace
    limits: Thresholds
    today: date
    months: dict
    grids: dict
    invoices: dict
    duties: dict
    rate_changed: dict
    fact_findings: dict
    dismissed: dict


def _assess_engagement(ctx: _Context, engagement, state: EngagementHealth):
    """One engagement's months, findings and state (in memory; written by the caller).
    Returns (months, findings)."""
    rows = ctx.months.get(engagement.pk, [])
    inv_found, delays, late_days, unpaid = _invoice_findings(
        ctx.workspace, engagement, ctx.invoices[engagement.pk], ctx.limits, ctx.today)
    found = ctx.fact_findings.get(engagement.pk, []) + inv_found + \
        _scope_drift(ctx.workspace, engagement,
                     ctx.duties[engagement.pk] if ctx.duties else [], ctx.rate_changed)
    found += _out_of_hours_months(ctx.workspace, engagement, rows, ctx.limits)
    gone = ctx.dismissed[engagement.pk]
    found = [f for f in found if f.key not in gone]
    months = [HealthMonth(workspace=ctx.workspace, engagement=engagement, **dict(r.items()))
              for r in rows]
    by_signal = defaultdict(list)
    for f in found:
        by_signal[f.signal].append(f)
    result = scoring.assess(scoring.Inputs(
        months=rows,
        dismissed_months={k[2:] for k in gone if k.startswith("m:")},
        late_invoices=list(late_days),
        unpaid_overdue=unpaid,
        disrespect=[f.severity for f in by_signal["disrespect"]],
        expectations=len(by_signal["expectations"]),
        last_minute=len(by_signal["last_minute"]),
        schedule_changes=len(by_signal["schedule_change"]),
        scope_drift=len(by_signal["scope_drift"]),
    ), ctx.limits)
    state.score = result["score"]
    state.recommendation = result["recommendation"]
    state.reasons = result["reasons"]
    state.breakdown = result["breakdown"]
    state.counts = result["counts"]
    state.heatmap = ctx.grids.get(engagement.pk) or [[0] * 24 for _ in range(7)]
    state.invoice_delays = delays[-24:]
    state.computed_at = timezone.now()
    state.failed_at = None
    return months, found


def do_compute_health(workspace: Workspace, *, engagement_ids=None, progress=None) -> dict:
    """Facts for new interactions, then every engagement's months, findings and state.

    One engagement that cannot be assessed never stops the others: its error is logged
    with its traceback, its earlier figures are kept, and its state records the failure
    (its health page says so)."""
    failed: set[int] = set()
    added = do_compute_facts(workspace, engagement_ids=engagement_ids, progress=progress,
                             failed=failed)
    engagements = Engagement.objects.filter(workspace=workspace)
    if engagement_ids is not None:
        engagements = engagements.filter(pk__in=engagement_ids)
    engagements = list(engagements)
    ids = [e.pk for e in engagements]
    duties, rate_changed = _drift_context(workspace, ids)
    ctx = _Context(
        workspace=workspace, limits=Thresholds.for_workspace(workspace),
        today=timezone.localdate(), months=_month_rows(workspace, ids),
        grids=_heatmaps(workspace, ids),
        invoices=_by_engagement(Invoice.objects.filter(workspace=workspace,
                                                       engagement_id__in=ids)
                                .order_by("due", "pk")),
        duties=duties, rate_changed=rate_changed, fact_findings=defaultdict(list),
        dismissed=defaultdict(set))
    for f in _flagged_facts(workspace, ids).iterator(chunk_size=2000):
        ctx.fact_findings[f["engagement_id"]].extend(_findings_of(f))
    with transaction.atomic():
        for eid, key in HealthFinding.objects.filter(
                workspace=workspace, engagement_id__in=ids, dismissed_at__isnull=False
        ).values_list("engagement_id", "key"):
            ctx.dismissed[eid].add(key)
        states = {h.engagement_id: h for h in EngagementHealth.objects.filter(
            workspace=workspace, engagement_id__in=ids)}
        new_months, new_findings, summary, to_update, to_create = [], [], {}, [], []
        for engagement in engagements:
            state = states.get(engagement.pk) or EngagementHealth(
                workspace=workspace, engagement=engagement)
            if engagement.pk not in failed:
                try:
                    months, found = _assess_engagement(ctx, engagement, state)
                except Exception:
                    log.exception("The health of engagement %s could not be computed",
                                  engagement.pk)
                    failed.add(engagement.pk)  # the state's figures were not touched
                else:
                    new_months.extend(months)
                    new_findings.extend(found)
            if engagement.pk in failed:
                state.failed_at = timezone.now()
            (to_update if state.pk else to_create).append(state)
            summary[engagement.pk] = {"score": state.score,
                                      "recommendation": state.recommendation,
                                      "counts": state.counts,
                                      "failed": engagement.pk in failed}
        done = [pk for pk in ids if pk not in failed]
        # A failed engagement keeps its months and findings from before.
        HealthMonth.objects.filter(workspace=workspace, engagement_id__in=done).delete()
        kept = {(eid, key): (pk, severity, data) for pk, eid, key, severity, data in
                HealthFinding.objects.filter(workspace=workspace, engagement_id__in=done,
                                             dismissed_at__isnull=True)
                .values_list("pk", "engagement_id", "key", "severity", "data")}
        # Replacing the rows is much faster than a bulk UPDATE of JSON columns in SQLite;
        # the primary keys and last week's figures are kept.
        EngagementHealth.objects.filter(pk__in=[s.pk for s in to_update]).delete()
        EngagementHealth.objects.bulk_create(to_update + to_create, batch_size=500)
        HealthMonth.objects.bulk_create(new_months, batch_size=500)
        _write_findings(kept, new_findings)
        touch(workspace.pk)
    return {"facts_added": added, "engagements": summary, "failed": sorted(failed)}


def _write_findings(kept: dict, found: list[HealthFinding]) -> None:
    """Only what changed: stale findings go, new ones come, unchanged ones stay (so a
    recompute with nothing new writes almost nothing)."""
    fresh, seen = [], set()
    for f in found:
        key = (f.engagement_id, f.key)
        seen.add(key)
        old = kept.get(key)
        if old is not None and old[1] == f.severity and old[2] == f.data:
            continue
        fresh.append(f)
    stale = [old[0] for key, old in kept.items() if key not in seen]
    stale += [kept[(f.engagement_id, f.key)][0] for f in fresh
              if (f.engagement_id, f.key) in kept]
    for start in range(0, len(stale), 500):
        HealthFinding.objects.filter(pk__in=stale[start:start + 500]).delete()
    HealthFinding.objects.bulk_create(fresh, batch_size=500)


def _out_of_hours_months(workspace, engagement, rows, limits) -> list[HealthFinding]:
    found = []
    for r in rows:
        if not r["inbound"] or not r["out_of_hours"]:
            continue
        share = r["weighted_out"] / r["weighted_inbound"] if r["weighted_inbound"] else 0
        if 100 * share < limits.out_of_hours_percent:
            continue
        month = r["month"]
        found.append(HealthFinding(
            workspace_id=workspace.pk, engagement_id=engagement.pk, signal="out_of_hours",
            key=f"m:{month:%Y-%m}", severity=2 if share >= 0.4 else 1,
            occurred_at=timezone.make_aware(timezone.datetime.combine(
                month, timezone.datetime.min.time())),
            data={"month": f"{month:%Y-%m}", "count": r["out_of_hours"],
                  "inbound": r["inbound"], "share": round(100 * share),
                  "weekend": r["weekend"], "holiday": r["holiday"]}))
    return found
