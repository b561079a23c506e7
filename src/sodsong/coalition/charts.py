"""The coalition's charts as data (what is drawn), rendered by the site's shared SVG charts
(`sodsong.web.charts`), so the same markup serves the dashboard, the HTML report and the PDF."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from sodsong.web import charts as web_charts

__all__ = ["Bar", "BarChart", "LineChart", "Series", "render_chart"]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    href: str = ""


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars (long Thai labels stay readable on a phone)."""

    title: str
    bars: list[Bar]
    unit: str = ""


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


def render_chart(chart: BarChart | LineChart, *, links: bool = True) -> SafeString:
    """SVG markup; a figure that is not available is left out rather than drawn as zero."""
    if isinstance(chart, BarChart):
        bars = [
            web_charts.Bar(bar.label, float(bar.value), bar.href if links and bar.href else None)
            for bar in chart.bars
            if bar.value is not None
        ]
        return web_charts.bar_chart(bars, title=chart.title, label_width=260)
    series = {
        s.label: [(label, float(v)) for label, v in zip(chart.labels, s.values, strict=True) if v is not None]
        for s in chart.series
    }
    return web_charts.line_chart({k: v for k, v in series.items() if v}, title=chart.title)
