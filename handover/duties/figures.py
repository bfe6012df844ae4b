"""Review figures: minutes per occurrence, their spread and trend, and what options are worth.

Plain Python on lists of (date, minutes, occurrences); no database access.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from math import sqrt
from statistics import median, quantiles

# A trend is stated only when the entries support it: enough of them, over enough weeks, and
# a slope clearly larger than its own uncertainty (two standard errors).
TREND_MIN_POINTS = 6
TREND_MIN_DAYS = 42
# "Where it settled": the median of the latest entries, once there are enough to tell.
SETTLED_FROM = 4


@dataclass
class Figures:
    occurrences: int
    minutes_total: float
    median: float | None
    low: float | None     # first quartile
    high: float | None    # third quartile
    fastest: float | None
    slowest: float | None
    trend_per_month: float | None  # minutes per occurrence gained (+) or saved (-) a month
    points: list[tuple[date, float]]
    # Why no trend is stated: "few" (too few entries or weeks) or "unclear" (the entries vary
    # more than they change); empty when there is a trend.
    trend_reason: str = "few"
    settled: float | None = None  # median of the latest third of the entries (at least 3)
    settled_count: int = 0
    span_weeks: int = 0

    @property
    def trend_abs(self) -> float | None:
        return None if self.trend_per_month is None else abs(self.trend_per_month)

    def as_json(self) -> dict:
        keys = ("occurrences", "minutes_total", "median", "low", "high", "fastest", "slowest",
                "trend_per_month", "trend_reason", "settled")
        return {key: getattr(self, key) for key in keys}


def _round(value):
    return None if value is None else round(value, 1)


def per_occurrence(entries: list[tuple[date, float, int]]) -> Figures:
    points = sorted((day, minutes / n) for day, minutes, n in entries if n > 0)
    weighted = [value for (day, minutes, n) in entries if n > 0 for value in [minutes / n] * n]
    total = sum(minutes for _day, minutes, _n in entries)
    occurrences = sum(n for _day, _minutes, n in entries)
    if not weighted:
        return Figures(occurrences, round(total, 1), None, None, None, None, None, None, [])
    if len(weighted) > 1:
        low, _mid, high = quantiles(weighted, n=4, method="inclusive")
    else:
        low = high = weighted[0]
    slope, reason = trend(points)
    latest = points[-max(3, len(points) // 3):]
    settled = median(v for _d, v in latest) if len(points) >= SETTLED_FROM else None
    return Figures(occurrences, round(total, 1), _round(median(weighted)), _round(low),
                   _round(high), _round(min(weighted)), _round(max(weighted)),
                   _round(slope), points, trend_reason=reason, settled=_round(settled),
                   settled_count=len(latest) if settled is not None else 0,
                   span_weeks=(points[-1][0] - points[0][0]).days // 7)


def trend(points: list[tuple[date, float]]) -> tuple[float | None, str]:
    """The least-squares slope in minutes per 30 days and "", or None and why not: "few"
    (fewer than TREND_MIN_POINTS entries or TREND_MIN_DAYS days) or "unclear" (the slope is
    within two standard errors of nothing)."""
    if len(points) < TREND_MIN_POINTS:
        return None, "few"
    first = points[0][0]
    xs = [(day - first).days / 30 for day, _v in points]
    if (points[-1][0] - first).days < TREND_MIN_DAYS:
        return None, "few"
    ys = [value for _day, value in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / var
    residuals = sum((y - mean_y - slope * (x - mean_x)) ** 2
                    for x, y in zip(xs, ys, strict=True))
    error = sqrt(residuals / (len(xs) - 2) / var)
    if abs(slope) < 2 * error:
        return None, "unclear"
    return slope, ""


@dataclass
class Verdict:
    """The review in one sentence: the member's settled time against the client's own."""

    kind: str  # "no_time", "no_client_time", "slower", "faster" or "same"
    mine: float | None = None           # minutes per occurrence (settled, else median)
    client: float | None = None         # the client's own minutes per occurrence
    gap: float | None = None            # abs(mine - client)
    cost_month: Decimal | None = None   # what the duty costs the client a month, at the rate
    value_month: Decimal | None = None  # the client's own time a month, at its hourly value
    hours_mine: float | None = None     # hours a month either way
    hours_client: float | None = None


def verdict(fig: Figures, *, client_minutes, rate, client_value, per_month) -> Verdict:
    mine = fig.settled if fig.settled is not None else fig.median
    if mine is None:
        return Verdict("no_time")
    if not client_minutes:
        return Verdict("no_client_time", mine=mine)
    month = per_month or 0
    gap = round(abs(mine - client_minutes), 1)
    kind = "same" if gap < 1 else ("slower" if mine > client_minutes else "faster")
    return Verdict(kind, mine=mine, client=client_minutes, gap=gap,
                   cost_month=money(mine, rate, month) if month else None,
                   value_month=money(client_minutes, client_value or rate, month)
                   if month else None,
                   hours_mine=round(mine * month / 60, 1) if month else None,
                   hours_client=round(client_minutes * month / 60, 1) if month else None)


def money(minutes: float | None, rate: Decimal | None, times: float = 1.0) -> Decimal | None:
    if minutes is None or rate is None:
        return None
    value = Decimal(str(minutes)) * Decimal(str(times)) * rate / 60
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def options(fig: Figures, *, client_minutes, agreed_minutes, rate, per_month: float | None):
    """What each review option is worth, per occurrence and per month, at the hourly rate."""
    month = per_month or 0
    mine = fig.median
    rows = {
        "keep": {"minutes": mine, "each": money(mine, rate),
                 "month": money(mine, rate, month)},
        "hand_back": {"minutes": client_minutes, "each": money(client_minutes, rate),
                      "month": money(client_minutes, rate, month)},
    }
    gap = None if mine is None or agreed_minutes is None else round(mine - agreed_minutes, 1)
    rows["renegotiate"] = {"minutes": gap, "each": money(gap, rate),
                           "month": money(gap, rate, month)}
    saving = None if mine is None or fig.low is None else round(mine - fig.low, 1)
    rows["revise"] = {"minutes": saving, "each": money(saving, rate),
                      "month": money(saving, rate, month)}
    return rows


def chart_svg(points: list[tuple[date, float]], *, client_minutes=None, label="",
              width: int = 560, height: int = 200) -> str:
    """An inline SVG of minutes per occurrence over time (dots, monthly medians, client line)."""
    from html import escape

    pad = 36
    if not points:
        return ""
    values = [v for _d, v in points] + ([client_minutes] if client_minutes else [])
    top = max(values) * 1.15 or 1
    first, last = points[0][0], points[-1][0]
    span = max((last - first).days, 1)

    def x(day):
        return pad + (width - 2 * pad) * ((day - first).days / span if span else 0.5)

    def y(value):
        return height - pad - (height - 2 * pad) * (value / top)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="{escape(label)}" class="trend-chart">',
             f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
             'stroke="#9aa3ae"/>',
             f'<line x1="{pad}" y1="{pad / 2}" x2="{pad}" y2="{height - pad}" stroke="#9aa3ae"/>',
             f'<text x="4" y="{y(top / 1.15) + 4:.1f}" font-size="10">{top / 1.15:.0f}</text>',
             f'<text x="4" y="{height - pad + 4}" font-size="10">0</text>',
             f'<text x="{pad}" y="{height - 8}" font-size="10">{first.isoformat()}</text>',
             f'<text x="{width - pad}" y="{height - 8}" font-size="10" text-anchor="end">'
             f'{last.isoformat()}</text>']
    if client_minutes:
        parts.append(f'<line x1="{pad}" y1="{y(client_minutes):.1f}" x2="{width - pad}" '
                     f'y2="{y(client_minutes):.1f}" stroke="#c0392b" stroke-dasharray="5 4"/>')
    months: dict[tuple[int, int], list[tuple[date, float]]] = {}
    for day, value in points:
        months.setdefault((day.year, day.month), []).append((day, value))
    line = [(x(min(d for d, _v in group)), y(median(v for _d, v in group)))
            for group in months.values()]
    if len(line) > 1:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in line)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#2c6fbb" '
                     'stroke-width="2"/>')
    for day, value in points:
        parts.append(f'<circle cx="{x(day):.1f}" cy="{y(value):.1f}" r="3" fill="#2c6fbb" '
                     f'fill-opacity="0.6"><title>{day.isoformat()}: {value:.0f}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)
