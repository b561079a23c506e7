"""Charts drawn on the server: one small data model, rendered as SVG for pages and drawn by the
PDF writer for reports. No JavaScript, nothing remote; colours come from CSS classes."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from django.utils.safestring import SafeString, mark_safe

__all__ = ["Bar", "BarChart", "LineChart", "Series", "bar_chart_svg", "line_chart_svg"]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    href: str = ""


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, label above each bar: long Thai labels stay readable on a phone."""

    title: str
    bars: list[Bar]
    unit: str = ""

    @property
    def maximum(self) -> float:
        return max((b.value or 0 for b in self.bars), default=0) or 1


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float | None]


@dataclass(frozen=True)
class LineChart:
    """Values over periods (oldest first), one line per series."""

    title: str
    labels: list[str]
    series: list[Series] = field(default_factory=list)

    @property
    def maximum(self) -> float:
        values = [v for s in self.series for v in s.values if v is not None]
        return max(values, default=0) or 1


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


WIDTH = 640


def bar_chart_svg(chart: BarChart) -> SafeString:
    """An accessible SVG (role=img, a title, every value written out)."""
    row = 46
    height = row * max(len(chart.bars), 1) + 10
    label_width = WIDTH - 80
    parts = [
        f'<svg class="chart bar-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label={quoteattr(chart.title)} xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(chart.title)}</title>",
    ]
    for index, bar in enumerate(chart.bars):
        top = index * row + 4
        width = 0 if bar.value is None else max(2, round((bar.value / chart.maximum) * label_width))
        inner = (
            f'<text class="chart-label" x="0" y="{top + 14}">{escape(bar.label)}</text>'
            f'<rect class="chart-bar series-{index % 6}" x="0" y="{top + 20}" width="{width}" height="18" rx="3"/>'
            f'<text class="chart-value" x="{width + 6}" y="{top + 34}">{escape(_number(bar.value))}'
            f"{(' ' + escape(chart.unit)) if chart.unit and bar.value is not None else ''}</text>"
        )
        if bar.href:
            inner = f"<a href={quoteattr(bar.href)}>{inner}</a>"
        parts.append(f"<g>{inner}</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def line_chart_svg(chart: LineChart) -> SafeString:
    """Lines with dots and values; a legend underneath."""
    left, right, top, bottom = 40, 20, 16, 40
    plot_height = 200
    legend_row = 22
    height = top + plot_height + bottom + legend_row * len(chart.series)
    plot_width = WIDTH - left - right
    count = max(len(chart.labels), 1)
    step = plot_width / max(count - 1, 1)

    def x(i: int) -> float:
        return left + (i * step if count > 1 else plot_width / 2)

    def y(value: float) -> float:
        return top + plot_height - (value / chart.maximum) * plot_height

    parts = [
        f'<svg class="chart line-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label={quoteattr(chart.title)} xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(chart.title)}</title>",
        f'<line class="chart-axis" x1="{left}" y1="{top + plot_height}" x2="{WIDTH - right}" y2="{top + plot_height}"/>',
    ]
    for i, label in enumerate(chart.labels):
        parts.append(
            f'<text class="chart-label" x="{x(i):.1f}" y="{top + plot_height + 22}" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    for s_index, series in enumerate(chart.series):
        points = [(x(i), y(v), v) for i, v in enumerate(series.values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in points)
            parts.append(f'<polyline class="chart-line series-{s_index % 6}" points="{path}" fill="none"/>')
        for px, py, value in points:
            parts.append(f'<circle class="chart-dot series-{s_index % 6}" cx="{px:.1f}" cy="{py:.1f}" r="4"/>')
            parts.append(
                f'<text class="chart-value" x="{px:.1f}" y="{py - 8:.1f}" text-anchor="middle">{_number(value)}</text>'
            )
        legend_y = top + plot_height + bottom + legend_row * s_index + 12
        parts.append(
            f'<rect class="chart-bar series-{s_index % 6}" x="{left}" y="{legend_y - 10}" width="14" height="12"/>'
            f'<text class="chart-label" x="{left + 20}" y="{legend_y}">{escape(series.label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
