"""Small pieces of report prose in the active language: lists, ordinals, date ranges, numbers."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from sodsong.coalition.models.reference import current_language_is_thai
from sodsong.thai import THAI_MONTHS_LONG, ce_to_be

__all__ = ["date_range", "join_list", "number", "ordinal"]


def join_list(items: list[str]) -> str:
    """`ก ข และ ค` in Thai, `a, b and c` in English."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if current_language_is_thai():
        last = items[-1]
        # Thai writes "และ" straight onto a Thai word, with a space before a Latin one ("และ ACT").
        joiner = "และ" if "\u0e00" <= last[0] <= "\u0e7f" else "และ "
        return " ".join(items[:-1]) + " " + joiner + last
    return ", ".join(items[:-1]) + " " + _("and") + " " + items[-1]


def ordinal(index: int, total: int) -> str:
    """How the seed article opens each strategy: ประการแรก, ประการที่สอง, ..., ประการสุดท้าย."""
    if index == total and total > 1:
        return _("Finally,")
    words = {1: _("First,"), 2: _("Second,"), 3: _("Third,"), 4: _("Fourth,")}
    return words.get(index, _("Item %(number)s:") % {"number": index})


def _day_month(date: datetime.date) -> tuple[str, str]:
    if current_language_is_thai():
        return str(date.day), THAI_MONTHS_LONG[date.month - 1]
    return str(date.day), f"{date:%B}"


def _year(date: datetime.date) -> str:
    return str(ce_to_be(date.year)) if current_language_is_thai() else str(date.year)


def date_range(start: datetime.date, end: datetime.date | None = None) -> str:
    """`28–30 มิถุนายน 2566`, `28 มิถุนายน – 2 กรกฎาคม 2566`, or one date."""
    day, month = _day_month(start)
    if end is None or end == start:
        return f"{day} {month} {_year(start)}"
    end_day, end_month = _day_month(end)
    if start.year != end.year:
        return f"{day} {month} {_year(start)} – {end_day} {end_month} {_year(end)}"
    if start.month != end.month:
        return f"{day} {month} – {end_day} {end_month} {_year(end)}"
    return f"{day}–{end_day} {month} {_year(end)}"


def number(value: int | float | None) -> str:
    """`1,234`; a figure that cannot be computed reads "not available", never 0."""
    if value is None:
        return _("not available")
    return f"{value:,.0f}"
