"""Pictures the shared chart module does not draw: the bid histogram and the co-bidder network.

Both are SVG strings built on the server from the data (no JavaScript), with a <title> and a
<desc> for screen readers; the pages also show the numbers as tables.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from sodsong.web.charts import FONT, GRID, INK, MUTED, PALETTE, escape

__all__ = ["bid_histogram", "cobidder_network", "location_map"]


def bid_histogram(
    buckets: Sequence[tuple[int, int]], *, title: str, width: int = 640, height: int = 220
) -> SafeString:
    """Bids as a share of the reference price, in 5 % buckets from 50 % to 150 %."""
    left, bottom, top = 10, 34, 16
    counts = dict(buckets)
    keys = list(range(50, 155, 5))
    peak = max(counts.values(), default=0) or 1
    slot = (width - 2 * left) / len(keys)
    plot = height - bottom - top
    body = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" stroke="{GRID}"/>'
    ]
    for i, key in enumerate(keys):
        n = counts.get(key, 0)
        h = plot * n / peak
        x = left + i * slot
        colour = PALETTE[1] if key >= 100 else PALETTE[0]
        label = f"{key}–{key + 5}%"
        body.append(
            f'<rect x="{x + 1:.1f}" y="{height - bottom - h:.1f}" width="{slot - 2:.1f}" height="{h:.1f}" '
            f'fill="{colour}"><title>{escape(label)}: {n}</title></rect>'
        )
        if key % 25 == 0:
            body.append(
                f'<text x="{x:.1f}" y="{height - bottom + 16}" font-size="11" fill="{INK}" {FONT}>{key}%</text>'
            )
    reference_x = left + keys.index(100) * slot
    body.append(
        f'<line x1="{reference_x:.1f}" y1="{top}" x2="{reference_x:.1f}" y2="{height - bottom}" '
        f'stroke="{MUTED}" stroke-dasharray="4 3"/>'
    )
    desc = "; ".join(f"{k}%: {counts[k]}" for k in sorted(counts))
    return mark_safe(
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img"><title>{escape(title)}</title><desc>{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def cobidder_network(
    centre: tuple[str, str],
    partners: Sequence[dict[str, Any]],
    edges: Sequence[tuple[str, str, int]],
    *,
    title: str,
    href: Callable[[str], str],
    size: int = 560,
) -> SafeString:
    """The company in the middle, its co-bidders on a circle (most frequent first, clockwise).

    Line width grows with the number of processes bid together; a partner drawn in the accent
    colour won more of those processes than the company did. Lines between partners show that
    they also bid together. The layout is deterministic: the same data gives the same picture.
    """
    cx = cy = size / 2
    radius = size / 2 - 90
    peak = max((p["together"] for p in partners), default=1) or 1
    positions: dict[str, tuple[float, float]] = {centre[0]: (cx, cy)}
    for i, partner in enumerate(partners):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(partners), 1)
        positions[partner["org_id"]] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    body: list[str] = []
    for a, b, n in edges:
        if a in positions and b in positions:
            (x1, y1), (x2, y2) = positions[a], positions[b]
            body.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{GRID}" '
                f'stroke-width="{1 + 3 * n / peak:.1f}"><title>{n}</title></line>'
            )
    for partner in partners:
        x, y = positions[partner["org_id"]]
        body.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{PALETTE[2]}" '
            f'stroke-opacity="0.6" stroke-width="{1 + 7 * partner["together"] / peak:.1f}"/>'
        )
    for partner in partners:
        x, y = positions[partner["org_id"]]
        colour = PALETTE[1] if partner["other_wins"] > partner["org_wins"] else PALETTE[0]
        name = partner["name"] if len(partner["name"]) <= 28 else partner["name"][:27] + "…"
        anchor = "start" if x >= cx + 1 else ("end" if x <= cx - 1 else "middle")
        dx = 12 if anchor == "start" else (-12 if anchor == "end" else 0)
        dy = 4 if anchor != "middle" else (-14 if y < cy else 22)
        tip = f"{partner['name']}: {partner['together']} / {partner['org_wins']} / {partner['other_wins']}"
        body.append(
            f'<a href="{escape(href(partner["org_id"]))}"><circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="{colour}">'
            f"<title>{escape(tip)}</title></circle>"
            f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}" font-size="12" fill="{INK}" {FONT}>'
            f"{escape(name)} ({partner['together']})</text></a>"
        )
    centre_name = centre[1] if len(centre[1]) <= 30 else centre[1][:29] + "…"
    body.append(
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="14" fill="{INK}"/>'
        f'<text x="{cx:.1f}" y="{cy + 32:.1f}" text-anchor="middle" font-size="13" font-weight="700" fill="{INK}" '
        f"{FONT}>{escape(centre_name)}</text>"
    )
    desc = "; ".join(f"{p['name']}: {p['together']}" for p in partners)
    return mark_safe(
        f'<svg class="chart network" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" '
        f'height="{size}" role="img"><title>{escape(title)}</title><desc>{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def location_map(
    province: str | None, latitude: float | None, longitude: float | None, *, title: str
) -> SafeString:
    """Thailand with one province highlighted and, when known, the project's point."""
    from sodsong.web.maps import GEOJSON, WIDTH, province_paths

    paths, height = province_paths()
    body = []
    for code, path in paths.items():
        fill = PALETTE[1] if code == province else "#e4e8ec"
        body.append(f'<path d="{path}" fill="{fill}" stroke="#ffffff" stroke-width="0.5"/>')
    if latitude is not None and longitude is not None:
        bounds = _bounds(str(GEOJSON))
        if bounds:
            min_lon, max_lon, min_lat, max_lat = bounds
            squeeze = math.cos(math.radians((min_lat + max_lat) / 2))
            scale = (WIDTH - 8) / ((max_lon - min_lon) * squeeze)
            x = 4 + (longitude - min_lon) * squeeze * scale
            y = 4 + (max_lat - latitude) * scale
            if 0 <= x <= WIDTH and 0 <= y <= height:
                body.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{INK}" stroke="#ffffff" stroke-width="1.5"/>'
                )
    return mark_safe(
        f'<svg class="chart map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" role="img"><title>{escape(title)}</title>' + "".join(body) + "</svg>"
    )


_BOUNDS: dict[str, tuple[float, float, float, float]] = {}


def _bounds(path: str) -> tuple[float, float, float, float] | None:
    """The longitude/latitude box the shared map projects (computed once from the GeoJSON)."""
    if path not in _BOUNDS:
        import json
        from pathlib import Path

        from sodsong.web.maps import _rings

        features = json.loads(Path(path).read_text(encoding="utf-8"))["features"]
        points = [p for f in features for ring in _rings(f["geometry"]) for p in ring]
        _BOUNDS[path] = (
            min(p[0] for p in points),
            max(p[0] for p in points),
            min(p[1] for p in points),
            max(p[1] for p in points),
        )
    return _BOUNDS[path]
