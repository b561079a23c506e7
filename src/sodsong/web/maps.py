"""Province choropleth maps of Thailand as server-rendered SVG (from the packaged GeoJSON)."""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from sodsong.thai.provinces import province_name
from sodsong.web.charts import escape

__all__ = ["CLASS_COLOURS", "province_choropleth", "province_paths"]

GEOJSON = Path(__file__).resolve().parent / "geo" / "th_adm1.geojson"
WIDTH = 320
#: Light to dark; "no data" is drawn in NO_DATA, never as the lightest class.
CLASS_COLOURS = ("#d7ece8", "#9fd0c6", "#5fae9f", "#2b8676", "#0b5e55")
NO_DATA = "#eef0f2"
FONT = 'font-family="Sarabun, sans-serif"'


def _rings(geometry: dict[str, object]) -> list[list[list[float]]]:
    coords: Any = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        return list(coords)
    return [ring for polygon in coords for ring in polygon]


@lru_cache(maxsize=1)
def province_paths() -> tuple[dict[str, str], int]:
    """SVG path data per province code, projected once (equirectangular at Thailand's latitude)."""
    features = json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]
    points = [p for f in features for ring in _rings(f["geometry"]) for p in ring]
    min_lon = min(p[0] for p in points)
    max_lon = max(p[0] for p in points)
    min_lat = min(p[1] for p in points)
    max_lat = max(p[1] for p in points)
    squeeze = math.cos(math.radians((min_lat + max_lat) / 2))
    scale = (WIDTH - 8) / ((max_lon - min_lon) * squeeze)
    height = math.ceil((max_lat - min_lat) * scale) + 8
    paths: dict[str, str] = {}
    for feature in features:
        parts = []
        for ring in _rings(feature["geometry"]):
            xy = [(4 + (lon - min_lon) * squeeze * scale, 4 + (max_lat - lat) * scale) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in xy) + "Z")
        paths[feature["properties"]["ADM1_PCODE"]] = "".join(parts)
    return paths, height


@lru_cache(maxsize=8)
def _shapes(language: str) -> tuple[tuple[str, str, str], ...]:
    """Each province's path markup around its colour and value, with its escaped name, per
    language: the same text for every map, built once (a map has 77 provinces)."""
    paths, _height = province_paths()
    return tuple(
        (
            code,
            f'<path d="{path}" fill="',
            f'" stroke="#ffffff" stroke-width="0.6" data-province="{code}">'
            f"<title>{escape(province_name(code, language))}: ",
        )
        for code, path in paths.items()
    )


def _shade(value: float | None, ordered: list[float]) -> str:
    """The class colour of `value` by its rank among the positive values (top value darkest)."""
    if value is None or value <= 0 or not ordered:
        return NO_DATA
    if len(ordered) == 1:
        return CLASS_COLOURS[-1]
    rank = bisect_left(ordered, value)
    return CLASS_COLOURS[round((len(CLASS_COLOURS) - 1) * rank / (len(ordered) - 1))]


def province_choropleth(
    values: Mapping[str, float],
    *,
    title: str,
    format_value: Callable[[float], str] = lambda v: f"{v:,.0f}",
    href: Callable[[str], str] | None = None,
    language: str = "th",
) -> SafeString:
    """A map with each province (by ADM1 code) shaded by its value; links via `href(code)`."""
    _paths, height = province_paths()
    ordered = sorted(v for v in values.values() if v > 0)
    body = []
    for code, head, middle in _shapes(language):
        value = values.get(code)
        colour = _shade(value, ordered)
        shown = escape(format_value(value)) if value is not None else "-"
        shape = f"{head}{colour}{middle}{shown}</title></path>"
        body.append(f'<a href="{escape(href(code))}">{shape}</a>' if href else shape)
    legend_y = height + 6
    for i, colour in enumerate(CLASS_COLOURS):
        body.append(f'<rect x="{8 + i * 28}" y="{legend_y}" width="26" height="10" fill="{colour}"/>')
    if ordered:
        body.append(
            f'<text x="8" y="{legend_y + 24}" font-size="11" fill="#5b6470" {FONT}>'
            f"{escape(format_value(ordered[0]))} – {escape(format_value(ordered[-1]))}</text>"
        )
    desc = "; ".join(f"{province_name(c, language)}: {format_value(v)}" for c, v in sorted(values.items()))
    total_height = height + 40
    return mark_safe(
        f'<svg class="chart map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {total_height}" '
        f'width="{WIDTH}" height="{total_height}" role="img"><title>{escape(title)}</title>'
        f"<desc>{escape(desc)}</desc>" + "".join(body) + "</svg>"
    )
