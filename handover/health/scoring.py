"""From monthly counts and findings to a score, a breakdown and a recommendation.

Pure functions over plain data, so they are tested without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .facts import Thresholds

SIGNALS = ("out_of_hours", "last_minute", "schedule_change", "payment", "disrespect",
           "expectations", "scope_drift")
TERMS = ("out_of_hours", "last_minute", "schedule_change", "payment")


@dataclass
class Inputs:
    months: list[dict]  # HealthMonth values, oldest first
    dismissed_months: set = field(default_factory=set)  # "YYYY-MM" of dismissed ooh months
    late_invoices: list[int] = field(default_factory=list)  # days late, per paid-late invoice
    unpaid_overdue: int = 0
    disrespect: list[int] = field(default_factory=list)  # severities, not dismissed
    expectations: int = 0
    last_minute: int = 0
    schedule_changes: int = 0
    scope_drift: int = 0


def trend(values: list[float]) -> str:
    """"rising", "falling" or "steady": the last three months against the three before."""
    if len(values) < 2:
        return "steady"
    recent = values[-3:]
    before = values[-6:-3] or values[:1]
    a, b = sum(recent) / len(recent), sum(before) / len(before)
    if a > b * 1.25 + 0.1:
        return "rising"
    if a < b * 0.8 - 0.1:
        return "falling"
    return "steady"


def assess(data: Inputs, limits: Thresholds) -> dict:
    """{"score", "breakdown": {signal: {...}}, "recommendation", "reasons", "counts"}."""
    months = list(data.months)
    span = max(1, len(months))
    kept = [m for m in months if m["month"].strftime("%Y-%m") not in data.dismissed_months]
    inbound = sum(m["weighted_inbound"] for m in months) or 0.0
    out = sum(m["weighted_out"] for m in kept)
    share = out / inbound if inbound else 0.0
    out_count = sum(m["out_of_hours"] for m in kept)
    b: dict[str, dict] = {}

    def monthly(key):
        return [float(m[key]) for m in months]

    percent = round(100 * share)
    raised = percent >= limits.out_of_hours_percent and out_count >= 3
    b["out_of_hours"] = {
        "count": out_count, "share": percent, "rate": round(out_count / span, 1),
        "trend": trend([m["weighted_out"] / m["weighted_inbound"] if m["weighted_inbound"]
                        else 0 for m in kept]),
        "flag": raised, "penalty": min(25, percent) if raised else 0,
    }
    rate = data.last_minute / span
    b["last_minute"] = {"count": data.last_minute, "rate": round(rate, 1),
                        "trend": trend(monthly("last_minute")),
                        "flag": rate >= limits.last_minute_per_month or data.last_minute >= 4,
                        "penalty": min(20, 4 * data.last_minute)}
    b["schedule_change"] = {"count": data.schedule_changes,
                            "rate": round(data.schedule_changes / span, 1),
                            "trend": trend(monthly("schedule_changes")),
                            "flag": data.schedule_changes >= 3,
                            "penalty": min(10, 3 * data.schedule_changes)}
    late = [d for d in data.late_invoices if d > limits.late_payment_days]
    b["payment"] = {"count": len(late) + data.unpaid_overdue,
                    "late": len(late), "unpaid_overdue": data.unpaid_overdue,
                    "average_days": round(sum(late) / len(late)) if late else 0,
                    "rate": round((len(late) + data.unpaid_overdue) / span, 1),
                    "trend": trend(data.late_invoices[-6:] or [0]),
                    "flag": len(late) >= 2 or data.unpaid_overdue >= 1,
                    "penalty": min(25, 6 * len(late) + 10 * data.unpaid_overdue)}
    serious = sum(1 for s in data.disrespect if s >= 3)
    b["disrespect"] = {"count": len(data.disrespect), "serious": serious,
                       "rate": round(len(data.disrespect) / span, 1),
                       "trend": trend(monthly("disrespect")),
                       "flag": serious > 0 or sum(1 for s in data.disrespect if s >= 2) >= 2,
                       "penalty": 100 if serious else min(30, sum(4 * s for s in data.disrespect))}
    rate = data.expectations / span
    b["expectations"] = {"count": data.expectations, "rate": round(rate, 1),
                         "trend": trend(monthly("expectations")),
                         "flag": rate >= limits.expectations_per_month or data.expectations >= 3,
                         "penalty": min(10, 2 * data.expectations)}
    b["scope_drift"] = {"count": data.scope_drift, "rate": round(data.scope_drift / span, 1),
                        "trend": "steady", "flag": data.scope_drift >= 2,
                        "penalty": min(10, 4 * data.scope_drift)}
    score = max(0, 100 - sum(v["penalty"] for v in b.values()))
    recommendation, reasons = recommend(b, score)
    return {"score": score, "breakdown": b, "recommendation": recommendation,
            "reasons": reasons, "counts": {k: v["count"] for k, v in b.items()}}


def recommend(b: dict, score: int) -> tuple[str, list]:
    """The usual course for the situation, and why (reason codes with their figures)."""
    if b["disrespect"]["serious"]:
        return "end_now", [["serious_disrespect", {"count": b["disrespect"]["serious"]}]]
    terms = [s for s in TERMS if b[s]["flag"]]
    reasons = [[s, _figures(s, b[s])] for s in terms]
    if b["disrespect"]["flag"]:
        reasons.append(["disrespect", {"count": b["disrespect"]["count"]}])
    if score < 45 or len(terms) >= 3 or (b["disrespect"]["flag"] and terms):
        return "notice", reasons + [["score", {"score": score}]]
    if terms:
        return "renegotiate", reasons
    soft = [s for s in ("expectations", "scope_drift", "disrespect") if b[s]["flag"]]
    if soft:
        return "summary", [[s, _figures(s, b[s])] for s in soft]
    return "carry_on", [["fine", {"score": score}]]


def _figures(signal: str, row: dict) -> dict:
    keys = ("count", "share", "rate", "late", "unpaid_overdue", "average_days")
    return {k: row[k] for k in keys if k in row}
