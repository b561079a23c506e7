"""RFC 3339 date-times as chrono's `DateTime::parse_from_rfc3339` reads them, and whole days.

Accepted: `YYYY-MM-DD`, then `T`, `t` or a space, `HH:MM:SS`, optional `.` and 1+ digits
(only the first 9 count), then `Z`, `z` or `±HH:MM`. Fields are range-checked (a real
calendar date, hour < 24, minute < 60, second <= 60 with 60 a leap second, offset below
24 hours). Anything else is not a date, and the indicator skips the process.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

__all__ = ["instant", "whole_days_between"]

_PATTERN = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))\Z",
    re.ASCII,  # chrono reads ASCII digits only
)
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
NANOS = 1_000_000_000


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 in the proleptic Gregorian calendar (valid for year 0 too)."""
    year -= month <= 2
    era = (year if year >= 0 else year - 399) // 400
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def instant(text: str) -> int | None:
    """Nanoseconds since the Unix epoch (UTC), or None when not RFC 3339 as chrono reads it."""
    match = _PATTERN.match(text)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    if not 1 <= month <= 12 or hour > 23 or minute > 59 or second > 60:
        return None
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if not 1 <= day <= _DAYS_IN_MONTH[month - 1] + leap:
        return None
    fraction = match.group(7) or ""
    nanos = int((fraction[:9]).ljust(9, "0")) if fraction else 0
    offset = 0
    if match.group(9):
        offset_hours, offset_minutes = int(match.group(10)), int(match.group(11))
        if offset_hours > 23 or offset_minutes > 59:
            return None
        offset = (offset_hours * 3600 + offset_minutes * 60) * (1 if match.group(9) == "+" else -1)
    if second == 60:  # chrono keeps a leap second as second 59 plus a full second of nanos
        second, nanos = 59, nanos + NANOS
    seconds = _days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset
    return seconds * NANOS + nanos


def _usual_shape(text: str) -> bool:
    """`YYYY-MM-DDTHH:MM:SSZ` or `...SS±HH:MM` in ASCII (fractions, lowercase and the rest go
    through `instant`); the digits themselves are checked by `fromisoformat`."""
    size = len(text)
    return (
        ((size == 25 and text[19] in "+-" and text[22] == ":") or (size == 20 and text[19] == "Z"))
        and text[4] == "-"
        and text[7] == "-"
        and text[10] == "T"
        and text[13] == ":"
        and text[16] == ":"
        and text.isascii()  # no other digits than 0-9
    )


def _fast(text: str) -> datetime | None:
    """The common shapes (`...T..:..:..Z`, `...T..:..:..+07:00`) through the C parser.

    The shape is checked first, so only strings chrono also accepts get here; anything
    unusual (fractions, lowercase, leap seconds, year 0) goes through `instant`.
    """
    if not _usual_shape(text):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.year == 0 or not _offset_ok(text):
        return None
    return moment


def _offset_ok(text: str) -> bool:
    """A usual-shape text's offset as chrono reads it: hours 00-23, minutes 00-59 (Python's
    `fromisoformat` also takes minutes 60-99)."""
    if len(text) != 25:
        return True  # `Z`
    hours, minutes = text[20:22], text[23:25]
    return hours.isdigit() and minutes.isdigit() and hours <= "23" and minutes <= "59"


def _same_offset_days(start: str, end: str) -> int | None:
    """Whole days between two usual-shape texts with the same offset text, from their local
    times (the offset cancels out); None to take the general way.

    Why: `fromisoformat` with an offset builds a timezone object per call; without one it is
    about twice as fast, and nearly every release writes both dates with the same offset."""
    if not _offset_ok(start):
        return None
    try:
        first = datetime.fromisoformat(start[:19])
        last = datetime.fromisoformat(end[:19])
    except ValueError:
        return None
    return _whole_days(last - first)


def _whole_days(delta: timedelta) -> int:
    """A whole-seconds difference in whole days, truncated toward zero (chrono's `num_days`)."""
    seconds = delta.days * 86400 + delta.seconds
    return seconds // 86400 if seconds >= 0 else -(-seconds // 86400)


def whole_days_between(start: str, end: str) -> int | None:
    """`(end - start).num_days()`: whole days, truncated toward zero; None if a date is invalid."""
    if start[19:] == end[19:] and _usual_shape(start) and _usual_shape(end):
        days = _same_offset_days(start, end)
        if days is not None:
            return days
    first_fast = _fast(start)
    if first_fast is not None:
        last_fast = _fast(end)
        if last_fast is not None:
            return _whole_days(last_fast - first_fast)  # no fractions on this path
    first = instant(start)
    last = instant(end)
    if first is None or last is None:
        return None
    difference = last - first
    seconds = abs(difference) // NANOS  # chrono's num_seconds truncates toward zero
    days = seconds // 86400
    return -days if difference < 0 else days
