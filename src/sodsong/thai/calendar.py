"""Buddhist Era years and the Thai government fiscal year.

The fiscal year runs 1 October – 30 September and is named by the BE year in which it ends:
1 October 2020 opens fiscal year 2564.
"""

from __future__ import annotations

import datetime

BE_OFFSET = 543


def be_to_ce(year: int) -> int:
    """Buddhist Era year to Common Era year: 2564 -> 2021."""
    return int(year) - BE_OFFSET


def ce_to_be(year: int) -> int:
    """Common Era year to Buddhist Era year: 2021 -> 2564."""
    return int(year) + BE_OFFSET


def fiscal_year(date: datetime.date) -> int:
    """The Thai fiscal year (BE) that contains `date`."""
    return ce_to_be(date.year) + (1 if date.month >= 10 else 0)


def fiscal_year_bounds(year_be: int) -> tuple[datetime.date, datetime.date]:
    """First and last day (CE dates) of fiscal year `year_be`."""
    end_ce = be_to_ce(year_be)
    return datetime.date(end_ce - 1, 10, 1), datetime.date(end_ce, 9, 30)
