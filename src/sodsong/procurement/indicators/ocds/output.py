"""Cardinal's output as the exact text `ocdscardinal indicators` prints (serde_json, compact).

Keys in insertion order, no spaces, non-ASCII kept, floats as ryu writes them (`1.0`, never
`1`), NaN as `null`; `Meta` values rounded to 4 decimals; `Meta` after the groups, `Maps` last.
"""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable
from typing import Any

import msgspec

from sodsong.procurement.indicators.numeric import format_float, round_meta
from sodsong.procurement.indicators.ocds.base import Results

__all__ = ["render", "to_document"]


# What `json.dumps(value, ensure_ascii=False)` calls for a str, without its per-call set-up.
_string: Callable[[str], str] = json.encoder.encode_basestring
# The groups of flagged subjects, the bulk of the output (about 640,000 subjects at 1 M
# releases): msgspec writes their strings and floats exactly as `_string` and `format_float`
# do (property-tested), 2.4 times as fast as building each subject's text here.
_encode_group = msgspec.json.Encoder().encode


def _value(value: Any) -> str:
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dict):
        return "{" + ",".join(f"{_string(k)}:{_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot render {type(value).__name__}")


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
    document = to_document(results, meta)
    parts = []
    for name, value in document.items():
        if name in results.groups and isinstance(value, dict):
            parts.append(f"{_string(name)}:{_encode_group(value).decode()}")
        else:
            parts.append(f"{_string(name)}:{_value(value)}")
    return "{" + ",".join(parts) + "}"
