"""Reporting periods named the way the programme names them: `2566H1`, `2566H2`, `2566`, `2566Q3`.

Years are Buddhist Era calendar years (January–December); the programme reports by calendar
half-year ("ผลการดำเนินงานในช่วง 6 เดือนที่ผ่านมา"), not by the government fiscal year.
A CE year (`2023H1`) is accepted and named in BE; Thai digits are accepted.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from sodsong.thai import THAI_MONTHS_LONG, be_to_ce, ce_to_be, to_arabic_digits

__all__ = ["Period", "PeriodError", "current_half", "half_years", "parse_period"]

_PATTERN = re.compile(r"^(\d{4})(?:[-\s]?([HhQq])([1-4]))?$")


class PeriodError(ValueError):
    """A period code we cannot read."""

    def __init__(self, text: str) -> None:
        super().__init__(f"{text!r} is not a period (expected e.g. 2566H1, 2566H2, 2566 or 2566Q3)")
        self.text = text


@dataclass(frozen=True, order=True)
class Period:
    """A span of whole months: a year, a half-year or a quarter (BE year in the code)."""

    start: datetime.date
    end: datetime.date
    code: str

    @property
    def year_be(self) -> int:
        return ce_to_be(self.start.year)

    @property
    def kind(self) -> str:
        """`year`, `half` or `quarter`."""
        if self.code.isdecimal():
            return "year"
        return "half" if "H" in self.code else "quarter"

    def contains(self, date: datetime.date) -> bool:
        return self.start <= date <= self.end

    def label(self) -> str:
        """`ครึ่งปีแรก 2566 (มกราคม–มิถุนายน)` / `first half of 2023 (January–June)`, in the active language."""
        if self.kind == "year":
            return _("year %(year)s") % {"year": self.year_label}
        if self.kind == "half":
            if self.code.endswith("1"):
                text = _("first half of %(year)s") % {"year": self.year_label}
            else:
                text = _("second half of %(year)s") % {"year": self.year_label}
            return f"{text} ({self.month_range()})"
        return _("quarter %(quarter)s of %(year)s") % {"quarter": self.code[-1], "year": self.year_label}

    @property
    def year_label(self) -> str:
        from sodsong.coalition.models.reference import current_language_is_thai

        return str(self.year_be) if current_language_is_thai() else str(self.start.year)

    def month_range(self) -> str:
        from sodsong.coalition.models.reference import current_language_is_thai

        if current_language_is_thai():
            return f"{THAI_MONTHS_LONG[self.start.month - 1]}–{THAI_MONTHS_LONG[self.end.month - 1]}"
        return f"{self.start:%B}–{self.end:%B}"

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        return period_containing(self.start - datetime.timedelta(days=1), self.kind)

    def next(self) -> Period:
        return period_containing(self.end + datetime.timedelta(days=1), self.kind)

    def __str__(self) -> str:
        return self.code


def _month_end(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def _build(year_be: int, kind: str, number: int | None) -> Period:
    year = be_to_ce(year_be)
    if kind == "year" or number is None:
        return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year_be))
    months = 6 if kind == "half" else 3
    first = (number - 1) * months + 1
    last = first + months - 1
    letter = "H" if kind == "half" else "Q"
    return Period(datetime.date(year, first, 1), _month_end(year, last), f"{year_be}{letter}{number}")


def parse_period(text: str) -> Period:
    """`2566H1` -> Period(2023-01-01, 2023-06-30); also `2566`, `2566Q3`, `2023-H2`, Thai digits."""
    cleaned = to_arabic_digits(str(text)).strip()
    match = _PATTERN.match(cleaned)
    if not match:
        raise PeriodError(str(text))
    year = int(match.group(1))
    year_be = year if year > 2400 else ce_to_be(year)
    if not 2443 <= year_be <= 2743:
        raise PeriodError(str(text))
    letter = (match.group(2) or "").upper()
    number = int(match.group(3)) if match.group(3) else None
    if letter == "H":
        if number not in (1, 2):
            raise PeriodError(str(text))
        return _build(year_be, "half", number)
    if letter == "Q":
        return _build(year_be, "quarter", number)
    return _build(year_be, "year", None)


def period_containing(date: datetime.date, kind: str = "half") -> Period:
    """The year, half-year or quarter that contains `date`."""
    year_be = ce_to_be(date.year)
    if kind == "year":
        return _build(year_be, "year", None)
    if kind == "half":
        return _build(year_be, "half", 1 if date.month <= 6 else 2)
    if kind == "quarter":
        return _build(year_be, "quarter", (date.month - 1) // 3 + 1)
    raise ValueError(f"kind must be year, half or quarter, not {kind!r}")


def current_half(today: datetime.date | None = None) -> Period:
    return period_containing(today or datetime.date.today(), "half")


def half_years(last: Period, count: int) -> list[Period]:
    """`count` consecutive half-years ending with the one that contains `last.end`, oldest first."""
    period = period_containing(last.end, "half")
    periods = [period]
    while len(periods) < count:
        period = period.previous()
        periods.append(period)
    return list(reversed(periods))
