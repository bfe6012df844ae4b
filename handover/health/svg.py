"""Server-side SVG charts: the contact heatmap with working hours drawn on it, and invoice
delays. Every label is escaped; the result is safe to embed in a page or a PDF."""

from __future__ import annotations

from datetime import date

from django.utils.html import escape
from django.utils.safestring import mark_safe

CELL, LEFT, TOP = 18, 40, 16


def heatmap_svg(grid: list[list[int]], working: list[list[bool]], days: list[str],
                title: str) -> str:
    peak = max((max(row) for row in grid), default=0) or 1
    width, height = LEFT + 24 * CELL + 2, TOP + 7 * CELL + 2
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" role="img" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
             f'<title>{escape(title)}</title>']
    for hour in range(0, 24, 3):
        parts.append(f'<text x="{LEFT + hour * CELL + 2}" y="11" font-size="9">{hour:02d}</text>')
    for d in range(7):
        y = TOP + d * CELL
        parts.append(f'<text x="0" y="{y + 13}" font-size="10">{escape(days[d])}</text>')
        for h in range(24):
            n = grid[d][h]
            x = LEFT + h * CELL
            alpha = 0 if not n else 0.15 + 0.85 * n / peak
            stroke = ' stroke="#1f6f43" stroke-width="2"' if working[d][h] else \
                ' stroke="#ddd" stroke-width="0.5"'
            parts.append(f'<rect x="{x}" y="{y}" width="{CELL - 2}" height="{CELL - 2}" '
                         f'fill="#c0392b" fill-opacity="{alpha:.2f}"{stroke}>'
                         f'<title>{escape(days[d])} {h:02d}:00 {n}</title></rect>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped parts


def delays_svg(delays: list[list], title: str, *, labels: dict, limit: int,
               date_text) -> str:
    """Days late per invoice by due date, oldest first: paid invoices in one colour, those
    still unpaid in another, a dashed line at the lateness worth raising.

    `delays` rows are [number, due (ISO date), days late] with a fourth item, paid or not,
    in rows computed since it was added. `labels` holds the translated "paid", "unpaid",
    "threshold" (with %(days)s) and "tooltip" (with %(number)s, %(due)s, %(days)s)
    sentences; `date_text(day, "month" or "day")` writes a due date in the reader's
    language, as its month under the bar or in full in the tooltip.
    """
    if not delays:
        return ""
    peak = max(max(d[2] for d in delays), limit, 1)
    bar, gap, tall, top, left, bottom = 20, 12, 110, 14, 30, 44
    width = max(left + len(delays) * (bar + gap) + 10, 300)
    height = top + tall + bottom + 30

    def y_of(days: int) -> float:
        return top + tall - tall * days / peak

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="delays" role="img" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
             f'<title>{escape(title)}</title>',
             f'<line x1="{left - 4}" y1="{top + tall}" x2="{width - 4}" y2="{top + tall}" '
             f'stroke="#888" stroke-width="1"/>',
             f'<text x="{left - 6}" y="{top + 4}" font-size="9" text-anchor="end">{peak}</text>',
             f'<text x="{left - 6}" y="{top + tall}" font-size="9" text-anchor="end">0</text>']
    for i, row in enumerate(delays):
        number, due, days = row[0], row[1], row[2]
        paid = row[3] if len(row) > 3 else True
        h = tall * days / peak
        x = left + gap // 2 + i * (bar + gap)
        colour = "#d35400" if paid else "#7b241c"
        day = date.fromisoformat(due)
        tip = labels["tooltip"] % {"number": number, "due": date_text(day, "day"),
                                   "days": days}
        parts.append(f'<rect x="{x}" y="{y_of(days):.1f}" width="{bar}" height="{h:.1f}" '
                     f'fill="{colour}"><title>{escape(tip)}</title></rect>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{y_of(days) - 3:.1f}" font-size="9" '
                     f'text-anchor="middle">{days}</text>')
        month = escape(date_text(day, "month"))
        lx, ly = x + bar / 2, top + tall + 10
        parts.append(f'<text x="{lx:.1f}" y="{ly}" font-size="9" text-anchor="end" '
                     f'transform="rotate(-45 {lx:.1f} {ly})">{month}</text>')
    ty = y_of(limit)
    parts.append(f'<line x1="{left - 4}" y1="{ty:.1f}" x2="{width - 4}" y2="{ty:.1f}" '
                 f'stroke="#1f6f43" stroke-width="1" stroke-dasharray="4 3"/>')
    # The legend, under the month labels: the colours, then the dashed line.
    row_one, row_two = height - 18, height - 4
    parts.append(f'<rect x="{left}" y="{row_one - 8}" width="8" height="8" fill="#d35400"/>'
                 f'<text x="{left + 11}" y="{row_one}" font-size="9">'
                 f'{escape(labels["paid"])}</text>')
    if any(len(row) > 3 and not row[3] for row in delays):
        parts.append(f'<rect x="{left + 90}" y="{row_one - 8}" width="8" height="8" '
                     f'fill="#7b241c"/><text x="{left + 101}" y="{row_one}" font-size="9">'
                     f'{escape(labels["unpaid"])}</text>')
    parts.append(f'<line x1="{left}" y1="{row_two - 3}" x2="{left + 8}" y2="{row_two - 3}" '
                 f'stroke="#1f6f43" stroke-width="1" stroke-dasharray="2 2"/>'
                 f'<text x="{left + 11}" y="{row_two}" font-size="9" fill="#1f6f43">'
                 f'{escape(labels["threshold"] % {"days": limit})}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped parts
