"""Charts as server-rendered SVG: no JavaScript, no remote assets, the same markup in PDFs.

Colours and fonts are SVG presentation attributes (not CSS), so fpdf2 draws them the same way
a browser does. Every chart carries a <title> and a <desc> for screen readers; pages should
still show the numbers as a table next to it.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import count

from django.utils.safestring import SafeString, mark_safe

__all__ = ["PALETTE", "Bar", "bar_chart", "column_chart", "line_chart"]

PALETTE = ("#0b5e55", "#b4451f", "#3f6fb5", "#9a6700", "#6b4fa0", "#2f8f4e")
INK, MUTED, GRID = "#1b1f24", "#5b6470", "#d9dee4"
FONT = 'font-family="Sarabun, sans-serif"'
_ids = count(1)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    href: str | None = None
    highlight: bool = False


def escape(value: object) -> str:
    """`django.utils.html.escape` for text put into chart markup: the same characters, without
    its check of every argument for a lazy string and its `SafeString` (a company page's charts
    and map escape ~90 labels; the result only ever goes into an f-string here)."""
    return html.escape(str(value))


def _number(value: float) -> str:
    return f"{value:,.0f}"


def _svg(width: int, height: int, title: str, desc: str, body: list[str]) -> SafeString:
    n = next(_ids)
    return mark_safe(
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="chart-t{n} chart-d{n}">'
        f'<title id="chart-t{n}">{escape(title)}</title><desc id="chart-d{n}">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _link(href: str | None, inner: str) -> str:
    return f'<a href="{escape(href)}">{inner}</a>' if href else inner


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    format_value: Callable[[float], str] = _number,
    width: int = 640,
    label_width: int = 220,
) -> SafeString:
    """Horizontal bars: long Thai labels (agencies, companies) stay readable on a phone."""
    row, top = 26, 6
    height = top * 2 + row * max(len(bars), 1)
    peak = max((b.value for b in bars), default=0) or 1
    plot = width - label_width - 90
    body = []
    for i, bar in enumerate(bars):
        y = top + i * row
        length = max(1.0, plot * bar.value / peak) if bar.value > 0 else 0
        colour = PALETTE[1] if bar.highlight else PALETTE[0]
        label = escape(bar.label if len(bar.label) <= 40 else bar.label[:39] + "…")
        body.append(
            _link(
                bar.href,
                f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" font-size="13" '
                f'fill="{INK}" {FONT}>{label}</text>',
            )
            + f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" fill="{colour}" rx="2">'
            f"<title>{escape(bar.label)}: {escape(format_value(bar.value))}</title></rect>"
            f'<text x="{label_width + length + 6:.1f}" y="{y + 17}" font-size="12" fill="{MUTED}" {FONT}>'
            f"{escape(format_value(bar.value))}</text>"
        )
    desc = "; ".join(f"{b.label}: {format_value(b.value)}" for b in bars)
    return _svg(width, height, title, desc, body)


def column_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    format_value: Callable[[float], str] = _number,
    width: int = 640,
    height: int = 240,
) -> SafeString:
    """Vertical columns for a short ordered series (fiscal years, months, periods)."""
    left, bottom, top = 8, 28, 22
    plot_h = height - bottom - top
    peak = max((b.value for b in bars), default=0) or 1
    slot = (width - left * 2) / max(len(bars), 1)
    body = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" stroke="{GRID}"/>'
    ]
    for i, bar in enumerate(bars):
        h = plot_h * bar.value / peak if bar.value > 0 else 0
        x = left + i * slot + slot * 0.15
        w = slot * 0.7
        y = height - bottom - h
        colour = PALETTE[1] if bar.highlight else PALETTE[0]
        body.append(
            _link(
                bar.href,
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{colour}" rx="2">'
                f"<title>{escape(bar.label)}: {escape(format_value(bar.value))}</title></rect>",
            )
            + f'<text x="{x + w / 2:.1f}" y="{y - 5:.1f}" text-anchor="middle" font-size="11" fill="{MUTED}" {FONT}>'
            f"{escape(format_value(bar.value))}</text>"
            f'<text x="{x + w / 2:.1f}" y="{height - bottom + 17}" text-anchor="middle" font-size="12" '
            f'fill="{INK}" {FONT}>{escape(bar.label)}</text>'
        )
    desc = "; ".join(f"{b.label}: {format_value(b.value)}" for b in bars)
    return _svg(width, height, title, desc, body)


def line_chart(
    series: Mapping[str, Sequence[tuple[str, float]]],
    *,
    title: str,
    format_value: Callable[[float], str] = _number,
    width: int = 640,
    height: int = 260,
) -> SafeString:
    """Trends over periods, one line per series, with a legend."""
    labels: list[str] = []
    for points in series.values():
        for label, _ in points:
            if label not in labels:
                labels.append(label)
    left, right, top, bottom = 12, 12, 16, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((v for points in series.values() for _, v in points), default=0) or 1
    step = plot_w / max(len(labels) - 1, 1)

    def xy(label: str, value: float) -> tuple[float, float]:
        return left + labels.index(label) * step, top + plot_h - plot_h * value / peak

    body = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="{GRID}"/>'
    ]
    for label in labels:
        x, _ = xy(label, 0)
        body.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle" font-size="11" '
            f'fill="{INK}" {FONT}>{escape(label)}</text>'
        )
    for i, (name, points) in enumerate(series.items()):
        colour = PALETTE[i % len(PALETTE)]
        coords = [xy(label, value) for label, value in points]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
        for (label, value), (x, y) in zip(points, coords, strict=True):
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}">'
                f"<title>{escape(name)} {escape(label)}: {escape(format_value(value))}</title></circle>"
            )
        lx = left + i * 150
        body.append(
            f'<rect x="{lx}" y="{height - 14}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{lx + 16}" y="{height - 4}" font-size="12" fill="{INK}" {FONT}>{escape(name)}</text>'
        )
    desc = "; ".join(
        f"{name}: " + ", ".join(f"{lb} {format_value(v)}" for lb, v in pts) for name, pts in series.items()
    )
    return _svg(width, height, title, desc, body)
