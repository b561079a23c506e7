"""Cardinal's output as the exact text `ocdscardinal indicators` prints (serde_json, compact).

Keys in insertion order, no spaces, non-ASCII kept, floats as ryu writes them (`1.0`, never
`1`), NaN as `null`; `Meta` values rounded to 4 decimals; `Meta` after the groups, `Maps` last.
"""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable
from typing import Any

from sodsong.procurement.indicators.numeric import format_float, round_meta
from sodsong.procurement.indicators.ocds.base import Results

__all__ = ["render", "to_document"]


# What `json.dumps(value, ensure_ascii=False)` calls for a str, without its per-call set-up.
_string: Callable[[str], str] = json.encoder.encode_basestring


def _codes(codes: dict[str, Any], texts: dict[tuple[str, float], str]) -> str:
    """A subject's `{code: value}`; the hot path of rendering (one per flagged subject).

    Most subjects have one code, and the (code, value) pairs are few (about 12,700 distinct
    among 760,000 flags at 1 M releases), so their text is kept in `texts` (for one render):
    a quarter of rendering's time. Not for zeros: -0.0 == 0.0 as a key but prints "-0.0"."""
    if len(codes) == 1:
        for code, value in codes.items():
            if type(value) is float and value != 0.0:
                key = (code, value)
                text = texts.get(key)
                if text is None:
                    text = texts[key] = f"{{{_string(code)}:{format_float(value)}}}"
                return text
    parts = []
    for code, value in codes.items():
        if type(value) is not float:
            return _value(codes)
        parts.append(f"{_string(code)}:{format_float(value)}")
    return "{" + ",".join(parts) + "}"


def _group(subjects: dict[str, Any], texts: dict[tuple[str, float], str]) -> str:
    return (
        "{"
        + ",".join(f"{_string(subject)}:{_codes(codes, texts)}" for subject, codes in subjects.items())
        + "}"
    )


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
    texts: dict[tuple[str, float], str] = {}
    for name, value in document.items():
        if name in results.groups and isinstance(value, dict):
            parts.append(f"{_string(name)}:{_group(value, texts)}")  # the bulk: flagged subjects
        else:
            parts.append(f"{_string(name)}:{_value(value)}")
    return "{" + ",".join(parts) + "}"
