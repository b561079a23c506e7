"""Thai citizen ids and juristic (company) ids: 13 digits with a checksum.

Both are validated with python-stdnum (`th.pin`, `th.moa`) after Thai digits, spaces and dashes
are normalised, so `๑-๒๓๔๕-...` and `1 2345 ...` validate the same as the bare digits.
"""

from __future__ import annotations

import re

from stdnum.th import moa, pin

from sodsong.thai.digits import to_arabic_digits

__all__ = ["compact_id", "is_valid_citizen_id", "is_valid_juristic_id"]

_SEPARATORS = re.compile(r"[\s\-\u200b.]")


def compact_id(text: str) -> str:
    """Digits only: Thai digits become Arabic, spaces, dots and dashes go."""
    return _SEPARATORS.sub("", to_arabic_digits(text))


def _valid(text: object, module: object) -> bool:
    if not isinstance(text, str):
        return False
    compact = compact_id(text)
    if not (len(compact) == 13 and compact.isdigit() and compact.isascii()):
        return False
    return bool(module.is_valid(compact))  # type: ignore[attr-defined]


def is_valid_citizen_id(text: str) -> bool:
    """True for a checksum-valid 13-digit Thai personal id (เลขประจำตัวประชาชน)."""
    return _valid(text, pin)


def is_valid_juristic_id(text: str) -> bool:
    """True for a checksum-valid 13-digit juristic person id (เลขทะเบียนนิติบุคคล)."""
    return _valid(text, moa)
