"""Template filters of the explorer pages: indicator titles, province names, differences, counts."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import numberformat
from django.utils.formats import get_format, localize
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sodsong.procurement.search.engine import Count, ProjectRow
from sodsong.procurement.search.labels import CATEGORY_LABELS, METHOD_LABELS, indicator_title
from sodsong.thai import province_name as _province_name
from sodsong.web.templatetags.thai import baht

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


def _linker(name: str) -> Callable[[str], str]:
    """A function making the address of one page kind: `reverse()` once per list, not per row."""
    marker = "sodsong-marker"
    pattern = reverse(name, args=[marker])
    head, tail = pattern.split(marker, 1)
    return lambda key: head + quote(str(key), safe=RFC3986_SUBDELIMS + "/~:@") + tail


_LINKERS: dict[tuple[str, str, object], Callable[[str], str]] = {}


@register.filter
def page_url(key: str, kind: str) -> str:
    """`{{ org_id|page_url:"company" }}` is `{% url 'procurement:company' org_id %}` without a
    `reverse()` per row: the address pattern is reversed once per kind, script prefix and URLconf
    (tables of bidders, contractors, co-bidders have tens of rows)."""
    return _cached_linker(kind)(key)


def _cached_linker(kind: str) -> Callable[[str], str]:
    """The linker of a page kind, made once per script prefix and URLconf."""
    cache_key = (kind, get_script_prefix(), get_urlconf())
    linker = _LINKERS.get(cache_key)
    if linker is None:
        linker = _LINKERS[cache_key] = _linker(f"procurement:{kind}")
    return linker


def _e(value: object) -> str:
    """`conditional_escape` without its lazy-argument wrapper (called thousands of times a page)."""
    if isinstance(value, SafeData):
        return str(value)
    return html.escape(str(value))


@register.simple_tag
def project_list(rows: Iterable[ProjectRow]) -> SafeString:
    """A list of projects (search results, an agency's or a company's projects), as HTML.

    Rendered here rather than by a template included per list: the template's per-row `{% url %}`
    and `{% translate %}` tags were most of an agency or company page's time. Every value goes
    through `_e` (Django's escaping) before it is put in the markup.
    """
    project, agency, company = (_cached_linker(k) for k in ("project", "agency", "company"))
    no, fy, budget, contract, winner = (_e(_(t)) for t in ("No.", "FY", "Budget", "Contract", "Winner"))
    titles: dict[str, str] = {}  # indicator code -> its flag's markup, once per list

    def flag(code: str) -> str:
        markup = titles.get(code)
        if markup is None:
            markup = titles[code] = f'<span class="flag">⚑ {_e(indicator_title(code))}</span> '
        return markup

    # An agency's list names the agency on most rows, a company's list the company on every row,
    # and methods and statuses are a handful: their markup is made once per list.
    made: dict[tuple[str, Any, Any], str] = {}

    def once(kind: str, key: Any, name: Any) -> str:
        markup = made.get((kind, key, name))
        if markup is None:
            if kind == "buyer":
                markup = f'<span><a href="{_e(agency(key))}">{_e(name or "")}</a></span>' if key else ""
            elif kind == "winner":
                who = f'<a href="{_e(company(key))}">{_e(name)}</a>' if key else _e(name)
                markup = f"<span>{winner}: {who}</span>" if name else ""
            else:
                markup = f"<span>{_e(name)}</span>" if name else ""
            made[(kind, key, name)] = markup
        return markup

    parts = ['<ol class="results">\n']
    for r in rows:
        buyer = once("buyer", r.buyer_id, r.buyer_name)
        won = once("winner", r.winner_id, r.winner_name)
        flags = ""
        if r.flags:
            codes = "".join(flag(c) for c in r.indicator_codes)
            flags = f'<div class="result-flags">{codes}</div>'
        method = once("span", None, r.method_details)
        status = once("span", None, r.status)
        value = (
            f'<span>{contract} <b class="num">{_e(baht(r.contract_value, 0))}</b></span>'
            if r.contract_value
            else ""
        )
        parts.append(
            f'  <li class="result">\n    <a class="result-title" href="{_e(project(r.process_id))}">'
            f"{_e(r.title or r.process_id)}</a>\n"
            f'    <div class="result-meta">\n      <span>{no} {_e(r.project_no or "-")}</span>\n      {buyer}\n'
            f"      <span>{fy} {_e(r.fiscal_year or '-')}</span>\n"
            f"      {method}\n      {status}\n    </div>\n"
            f'    <div class="result-money">\n      <span>{budget} <b class="num">{_e(baht(r.budget, 0))}</b></span>\n'
            f"      {value}\n      {won}\n"
            f"    </div>\n    {flags}\n  </li>\n"
        )
    if len(parts) == 1:
        parts.append(f'  <li class="empty">{_e(_("No projects found."))}</li>\n')
    parts.append("</ol>")
    return mark_safe("".join(parts))  # every value above went through _e


def _number_localiser() -> Callable[[Any], Any]:
    """`localize` with the active language's number formats looked up once, not per value: what
    `{{ f.value }}` shows, without a thread-local language and three format lookups per flag."""
    language = get_language()
    decimal_sep, grouping, thousand_sep = (
        get_format(name, language, use_l10n=True)
        for name in ("DECIMAL_SEPARATOR", "NUMBER_GROUPING", "THOUSAND_SEPARATOR")
    )

    def local(value: Any) -> Any:
        if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
            return numberformat.format(value, decimal_sep, None, grouping, thousand_sep, use_l10n=True)
        return localize(value)

    return local


@register.simple_tag
def flag_cards(flags: Iterable[tuple[Any, Any, list[tuple[str, str]]]], disclaimer: str) -> SafeString:
    """Flag cards with their evidence: `_flag.html` for each (flag, title, items), in Python.

    A company page shows up to 200 flags; including the template per flag was a large share of
    its time. The markup is byte for byte the template's (a test renders both).
    """
    fired, value_label, note = _e(_("Values that fired it")), _e(_("value")), _e(disclaimer)
    local = _number_localiser()
    parts = []
    for f, label, items in flags:
        code = _e(f.indicator)
        evidence = ""
        if items:
            rows = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in items)
            if f.value is not None:
                rows += f"<dt>{value_label}</dt><dd>{_e(local(f.value))}</dd>"
            evidence = f'<details class="evidence" open><summary>{fired}</summary>\n    <dl>{rows}</dl>\n  </details>'
        parts.append(
            f'\n<article class="flag-card" id="flag-{code}">\n'
            f'  <h3><span class="flag">⚑</span> {_e(label)} <small class="muted">{code}</small></h3>\n'
            f"  {evidence}\n"
            f'  <p class="disclaimer" lang="th">{note}</p>\n</article>\n'
        )
    return mark_safe("".join(parts))  # every value above went through _e
