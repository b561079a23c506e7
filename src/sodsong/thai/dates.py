"""Parse and format the dates Thai government data actually contains.

e-GP files write `10-มี.ค.-64` (BE, two-digit year), DBD writes `10 มีนาคม 2564`, forms use
`10/03/2564`, APIs use ISO. All of them end up as a plain CE `datetime.date`.
"""

from __future__ import annotations

import datetime
import re

from sodsong.thai.calendar import BE_OFFSET, ce_to_be
from sodsong.thai.digits import to_arabic_digits

__all__ = ["THAI_MONTHS_LONG", "THAI_MONTHS_SHORT", "ThaiDateError", "format_thai_date", "parse_thai_date"]

THAI_MONTHS_LONG = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
_ENGLISH_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# Every spelling of a month we accept, keyed without dots or spaces: "มี.ค." -> "มีค".
_MONTH_KEYS: dict[str, int] = {}
for _number, (_long, _short) in enumerate(zip(THAI_MONTHS_LONG, THAI_MONTHS_SHORT, strict=True), start=1):
    _MONTH_KEYS[_long] = _number
    _MONTH_KEYS[_short.replace(".", "")] = _number
    _MONTH_KEYS[_ENGLISH_MONTHS[_number - 1]] = _number
_MONTH_KEYS["กพ"] = 2
_MONTH_KEYS["มิย"] = 6

_NULLS = {"", "-", "–", "—"}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_SLASHED = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$")
_NAMED = re.compile(r"^(\d{1,2})[\s\-]*([^\d\s\-]+?)[\s\-]*(\d{2}|\d{4})$")
# Dates before 1900 CE / after 2200 CE are typos, not history we will meet in procurement data.
_MIN_CE, _MAX_CE = 1900, 2200


class ThaiDateError(ValueError):
    """A date string that is neither empty/`-` nor a form we understand."""

    def __init__(self, text: str, reason: str = "not a recognised Thai or ISO date") -> None:
        super().__init__(
            f"{text!r}: {reason} (expected e.g. 10-มี.ค.-64, 10 มีนาคม 2564, 10/03/2564, 2021-03-10)"
        )
        self.text = text
        self.reason = reason


def _year_to_ce(year_text: str, *, text: str, two_digit_is_be: bool = True) -> int:
    year = int(year_text)
    if len(year_text) == 2:
        # Thai sources write the BE year's last two digits: 64 -> 2564.
        year = 2500 + year if two_digit_is_be else 2000 + year
    if year > 2400:
        year -= BE_OFFSET
    if not _MIN_CE <= year <= _MAX_CE:
        raise ThaiDateError(text, f"year {year_text} is out of range")
    return year


def _build(text: str, year: int, month: int, day: int) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError as exc:
        raise ThaiDateError(text, f"no such day ({exc})") from None


def parse_thai_date(text: str | None) -> datetime.date | None:
    """Parse a Thai or ISO date into a CE date; `-`, blank and None give None.

    Years above 2400 are read as BE; two-digit years as BE (`64` is 2564 = 2021).
    Thai digits and zero-width characters are accepted. Anything else raises ThaiDateError.
    """
    if text is None:
        return None
    if not isinstance(text, str):
        raise ThaiDateError(repr(text), "expected a string")
    cleaned = to_arabic_digits(text).replace("\u200b", "").replace("\ufeff", "").strip()
    cleaned = re.sub(r"\s+", " ", cleaned)
    if cleaned in _NULLS:
        return None
    match = _ISO.match(cleaned)
    if match:
        year = _year_to_ce(match.group(1), text=text)
        return _build(text, year, int(match.group(2)), int(match.group(3)))
    match = _SLASHED.match(cleaned)
    if match:
        year = _year_to_ce(match.group(3), text=text)
        return _build(text, year, int(match.group(2)), int(match.group(1)))
    match = _NAMED.match(cleaned)
    if match:
        key = match.group(2).replace(".", "").replace(" ", "").lower()
        month = _MONTH_KEYS.get(key[:3] if key.isascii() else key)
        if month is None:
            raise ThaiDateError(text, f"unknown month {match.group(2)!r}")
        year = _year_to_ce(match.group(3), text=text, two_digit_is_be=not key.isascii())
        return _build(text, year, month, int(match.group(1)))
    raise ThaiDateError(text)


def format_thai_date(date: datetime.date, style: str = "short") -> str:
    """`10 มี.ค. 2564` (short) or `10 มีนาคม 2564` (long): day, Thai month, BE year."""
    if style not in ("short", "long"):
        raise ValueError(f"style must be 'short' or 'long', not {style!r}")
    months = THAI_MONTHS_SHORT if style == "short" else THAI_MONTHS_LONG
    return f"{date.day} {months[date.month - 1]} {ce_to_be(date.year)}"
