"""Table rows of the agency and company pages, rendered in Python.

Each tag gives, byte for byte, what the template loop it replaces gave (`tests/procurement/
explorer/test_explorer_rows.py` renders both): a `{% for %}` over 10-50 rows with a filter or
two per cell costs a Django template tens of microseconds per value, a good share of a page.
Every value goes through `_v`, which is what `{{ value }}` does (localise, then escape);
translated constants are put in unescaped, as `{% translate "..." %}` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from sodsong.procurement.templatetags.procurement import _cached_linker, _e
from sodsong.web.templatetags.thai import baht, number, percent, thai_date

register = template.Library()

_CONTEXT = Context(autoescape=True)


def _v(value: Any) -> str:
    """`{{ value }}`: strings escaped, anything else localised first (as the template does)."""
    if isinstance(value, str):
        return _e(value)
    if type(value) is int:
        return str(value)
    return str(render_value_in_context(value, _CONTEXT))


def _get(row: Any, key: str) -> Any:
    """`row.key` as the template resolves it for the rows passed here (dicts or objects)."""
    if isinstance(row, Mapping):
        return row.get(key, "")
    return getattr(row, key)


@register.simple_tag
def share_rows(rows: Iterable[Any], kind: str) -> SafeString:
    """Organisations with projects, value and share (an agency's contractors, a company's
    agencies): `<tr>` per row, the name linking to its `kind` page."""
    link = _cached_linker(kind)
    parts = []
    for r in rows:
        parts.append(
            f'<tr><td><a href="{_e(link(_get(r, "org_id")))}">{_v(_get(r, "name"))}</a></td>'
            f'<td class="num">{_e(number(_get(r, "projects")))}</td>'
            f'<td class="num">{_e(baht(_get(r, "value"), 0))}</td>'
            f'<td class="num">{_e(percent(_get(r, "share")))}</td></tr>'
        )
    return mark_safe("".join(parts))  # every value above went through _e or _v


@register.simple_tag
def agency_year_rows(years: Iterable[Mapping[str, Any]]) -> SafeString:
    """An agency's table by fiscal year."""
    parts = []
    for y in years:
        parts.append(
            f'<tr><td>{_v(_get(y, "fiscal_year"))}</td><td class="num">{_e(number(_get(y, "projects")))}</td>'
            f'<td class="num">{_e(baht(_get(y, "budget"), 0))}</td>'
            f'<td class="num">{_e(baht(_get(y, "contract_value"), 0))}</td>'
            f'<td class="num">{_e(number(_get(y, "non_open")))}</td>'
            f'<td class="num">{_e(number(_get(y, "flagged")))}</td></tr>'
        )
    return mark_safe("".join(parts))  # every value above went through _e or _v


@register.simple_tag
def agency_children(children: Iterable[Any]) -> SafeString:
    """An agency's units, each `<li>` with its link and number of projects."""
    projects, link = _("projects"), _cached_linker("agency")
    parts = []
    for ch in children:
        parts.append(
            f'<li><a href="{_e(link(_get(ch, "org_id")))}">{_v(_get(ch, "name"))}</a> '
            f'<span class="muted">{_e(number(_get(ch, "projects")))} {projects}</span></li>'
        )
    return mark_safe("".join(parts))  # every value above went through _e or _v


@register.simple_tag
def director_rows(directors: Iterable[Mapping[str, Any]]) -> SafeString:
    """A company's directors and shareholders; former ones muted."""
    current = _("current")
    parts = []
    for d in directors:
        end = _get(d, "end_date")
        muted = ' class="muted"' if end else ""
        parts.append(
            f"<tr{muted}><td>{_v(_get(d, 'person_name'))}</td>"
            f"<td>{_v(_get(d, 'role') or '-')}</td><td>{_e(thai_date(_get(d, 'start_date')))}</td>"
            f"<td>{_e(thai_date(end)) if end else current}</td></tr>"
        )
    return mark_safe("".join(parts))  # every value above went through _e or _v


@register.simple_tag
def cobidder_rows(cobidders: Iterable[Mapping[str, Any]]) -> SafeString:
    """A company's co-bidders: projects together and who won them."""
    link = _cached_linker("company")
    parts = []
    for c in cobidders:
        parts.append(
            f'<tr><td><a href="{_e(link(_get(c, "org_id")))}">{_v(_get(c, "name"))}</a></td>'
            f'<td class="num">{_v(_get(c, "together"))}</td><td class="num">{_v(_get(c, "org_wins"))}</td>'
            f'<td class="num">{_v(_get(c, "other_wins"))}</td></tr>'
        )
    return mark_safe("".join(parts))  # every value above went through _e or _v
