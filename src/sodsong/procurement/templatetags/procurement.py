"""Template filters of the explorer pages: indicator titles, province names, differences, counts."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sodsong.procurement.search.engine import Count
from sodsong.procurement.search.labels import CATEGORY_LABELS, METHOD_LABELS, indicator_title
from sodsong.thai import province_name as _province_name

register = template.Library()


@register.filter
def indicator(code: str) -> str:
    """`TH-NEAR-REF` -> `เสนอราคาใกล้ราคากลาง` (English title in English)."""
    return indicator_title(code)


@register.filter
def province(code: str | None) -> str:
    if not code:
        return "-"
    try:
        return _province_name(code, get_language() or "th")
    except KeyError:
        return code


@register.filter
def diff(value: float | None) -> str:
    """A relative difference as a signed percentage: `-0.2%`, `+1.7%`; `-` for none."""
    if value is None:
        return "-"
    return f"{value * 100:+.1f}%"


@register.filter
def count(value: Count) -> str:
    """`1,234`, or `more than 10,000` when counting stopped early."""
    if value.exact:
        return f"{value.n:,}"
    return _("more than %(n)s") % {"n": f"{value.n:,}"}


@register.filter
def method_label(code: str | None) -> str:
    return str(METHOD_LABELS.get(code or "", code or "-"))


@register.filter
def category_label(code: str | None) -> str:
    return str(CATEGORY_LABELS.get(code or "", code or "-"))


@register.filter
def get(mapping: dict[str, object], key: str) -> object:
    return mapping.get(key)


@register.filter
def stage_label(code: str) -> str:
    from sodsong.procurement.search.labels import BID_STAGE_LABELS

    return str(BID_STAGE_LABELS.get(code, code))
