"""Cardinal's output as the exact text `ocdscardinal indicators` prints (serde_json, compact).

Keys in insertion order, no spaces, non-ASCII kept, floats as ryu writes them (`1.0`, never
`1`), NaN as `null`; `Meta` values rounded to 4 decimals; `Meta` after the groups, `Maps` last.

msgspec's encoder writes strings and floats exactly so (property-tested against a plain
reference text, tests/procurement/indicators/serde_text.py), several times as fast as
building the text in Python: at 1 M releases the groups hold about 640,000 flagged subjects,
and `--map` adds as many entries again.
"""

from __future__ import annotations

from typing import Any

import msgspec

from sodsong.procurement.indicators.numeric import round_meta
from sodsong.procurement.indicators.ocds.base import Results

__all__ = ["render", "to_document"]

_encode = msgspec.json.Encoder().encode


def to_document(results: Results, meta: bool = True) -> dict[str, Any]:
    """The output as plain data (Meta rounded, map sets as lists)."""
    document: dict[str, Any] = {group: subjects for group, subjects in results.groups.items()}
    if meta:
        document["Meta"] = {
            code: {key: round_meta(value) for key, value in values.items()}
            for code, values in results.meta.items()
        }
    if results.maps is not None:
        document["Maps"] = {
            name: {
                ocid: list(organizations) if isinstance(organizations, dict) else organizations
                for ocid, organizations in entries.items()
            }
            for name, entries in results.maps.items()
        }
    return document


def render(results: Results, meta: bool = True) -> str:
    """The JSON text (without the final newline)."""
    return _encode(to_document(results, meta)).decode()
