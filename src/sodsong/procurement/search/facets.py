"""Filter values as 3-character codes inside the text index, so filters cost no extra lookups.

Each project's indexed text ends with one code per filter (fiscal year, province, method, type,
status, flagged). A code is a kind character (U+E000 + kind) and two value characters
(U+E100 + value // 256, U+E100 + value % 256), all from Unicode's private use area, so no real
name contains one. Because every code starts with a kind character and value characters never
are one, the trigrams that straddle two neighbouring codes never equal a code: a filter is one
trigram, looked up and intersected with the words inside FTS5.
"""

from __future__ import annotations

from sodsong.procurement.search.query import CATEGORIES, METHODS

__all__ = ["FACET_KINDS", "facet_code", "facet_value"]

FACET_KINDS = {
    "fiscal_year": 57344,
    "province": 57345,
    "method": 57346,
    "category": 57347,
    "status": 57348,
    "flagged": 57349,
}
_VALUE = 57600


def facet_code(kind: str, value: int) -> str:
    """The trigram standing for `kind = value` (value 0 to 65535)."""
    return chr(FACET_KINDS[kind]) + chr(_VALUE + value // 256) + chr(_VALUE + value % 256)


def facet_value(kind: str, value: object) -> int | None:
    """The number a filter value has in the index (None when it cannot occur)."""
    if kind == "fiscal_year":
        return int(value)  # type: ignore[call-overload]
    if kind == "province":
        text = str(value)
        return int(text[2:]) if text[:2] == "TH" and text[2:].isdecimal() else None
    if kind == "method":
        return METHODS.index(str(value)) + 1 if value in METHODS else None
    if kind == "category":
        return CATEGORIES.index(str(value)) + 1 if value in CATEGORIES else None
    if kind == "flagged":
        return 1 if value else 0
    raise KeyError(kind)
