"""Review figures: minutes per occurrence, their spread and trend, and what options are worth.

Plain Python on lists of (date, minutes, occurrences); no database access.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from statistics import median, quantiles


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

    @property
    def trend_abs(self) -> float | None:
        return None if self.trend_per_month is None else abs(self.trend_per_month)

    def as_json(self) -> dict:
        keys = ("occurrences", "minutes_total", "median", "low", "high", "fastest", "slowest",
                "trend_per_month")
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
    return Figures(occurrences, round(total, 1), _round(median(weighted)), _round(low),
                   _round(high), _round(min(weighted)), _round(max(weighted)),
                   _round(trend(points)), points)


def trend(points: list[tuple[date, float]]) -> float | None:
    """The least-squares slope in minutes per 30 days, when the points span two weeks or more."""
    if len(points) < 3:
        return None
    first = points[0][0]
    xs = [(day - first).days / 30 for day, _v in points]
    if xs[-1] - xs[0] < 0.5:
        return None
    ys = [value for _day, value in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / var


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
