"""Server-side SVG charts: the contact heatmap with working hours drawn on it, and invoice
delays. Every label is escaped; the result is safe to embed in a page or a PDF."""

from __future__ import annotations

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


def delays_svg(delays: list[list], title: str) -> str:
    """Bars of days late per invoice, oldest first."""
    if not delays:
        return ""
    peak = max(max(d[2] for d in delays), 1)
    bar, gap, tall = 22, 6, 90
    width = len(delays) * (bar + gap) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="delays" role="img" '
             f'viewBox="0 0 {width} {tall + 30}" width="{width}" height="{tall + 30}">'
             f'<title>{escape(title)}</title>']
    for i, (number, _due, days) in enumerate(delays):
        h = int(tall * days / peak)
        x = 5 + i * (bar + gap)
        parts.append(f'<rect x="{x}" y="{tall - h + 12}" width="{bar}" height="{h}" '
                     f'fill="#d35400"><title>{escape(number)}: {days}</title></rect>'
                     f'<text x="{x}" y="{tall + 26}" font-size="8">{escape(str(number)[-6:])}'
                     f'</text><text x="{x}" y="{tall - h + 10}" font-size="9">{days}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308
