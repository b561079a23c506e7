"""Template filters that show dates, money and numbers the Thai way (BE, baht grouping).

Loaded as a builtin, so every template can write `{{ project.announced|thai_date }}`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import template
from django.utils import translation

from sodsong.thai import format_baht, format_thai_date

register = template.Library()

_ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _is_thai() -> bool:
    return (translation.get_language() or "th").startswith("th")


@register.filter
def thai_date(value: datetime.date | datetime.datetime | None, style: str = "short") -> str:
    """BE date for Thai readers (`10 มี.ค. 2564`), `10 Mar 2021` in English; `-` for none."""
    if value is None or value == "":
        return "-"
    if isinstance(value, datetime.datetime):
        value = value.date()
    if _is_thai():
        return format_thai_date(value, style)
    return f"{value.day} {_ENGLISH_MONTHS[value.month - 1]} {value.year}"


@register.filter
def baht(value: Decimal | float | int | str | None, decimals: int = 2) -> str:
    """Money with Thai grouping: `1,234,567.50`; `-` for none."""
    if value is None or value == "":
        return "-"
    return format_baht(value, decimals=int(decimals))


@register.filter
def number(value: int | float | Decimal | None) -> str:
    """A whole number with grouping: `12,345`; `-` for none."""
    if value is None or value == "":
        return "-"
    return f"{int(value):,}"


@register.filter
def percent(value: float | Decimal | None, decimals: int = 1) -> str:
    """A ratio as a percentage: `0.1234` -> `12.3%`; `-` for none."""
    if value is None or value == "":
        return "-"
    return f"{float(value) * 100:.{int(decimals)}f}%"
