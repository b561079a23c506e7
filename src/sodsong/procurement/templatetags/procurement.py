"""Template filters of the explorer pages: indicator titles, province names, differences, counts."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeString, mark_safe
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


@register.simple_tag
def project_list(rows: Iterable[ProjectRow]) -> SafeString:
    """A list of projects (search results, an agency's or a company's projects), as HTML.

    Rendered here rather than by a template included per list: the template's per-row `{% url %}`
    and `{% translate %}` tags were most of an agency or company page's time.
    """
    project, agency, company = (_linker(f"procurement:{k}") for k in ("project", "agency", "company"))
    no, fy, budget, contract, winner = _("No."), _("FY"), _("Budget"), _("Contract"), _("Winner")
    parts = ['<ol class="results">\n']
    for r in rows:
        buyer = (
            format_html('<span><a href="{}">{}</a></span>', agency(r.buyer_id), r.buyer_name or "")
            if r.buyer_id
            else ""
        )
        won = ""
        if r.winner_name:
            who = (
                format_html('<a href="{}">{}</a>', company(r.winner_id), r.winner_name)
                if r.winner_id
                else escape(r.winner_name)
            )
            won = format_html("<span>{}: {}</span>", winner, who)
        flags = ""
        if r.flags:
            flags = format_html(
                '<div class="result-flags">{}</div>',
                format_html_join(
                    "", '<span class="flag">⚑ {}</span> ', ((indicator_title(c),) for c in r.indicator_codes)
                ),
            )
        parts.append(
            format_html(
                '  <li class="result">\n    <a class="result-title" href="{}">{}</a>\n'
                '    <div class="result-meta">\n      <span>{} {}</span>\n      {}\n      <span>{} {}</span>\n'
                "      {}\n      {}\n    </div>\n"
                '    <div class="result-money">\n      <span>{} <b class="num">{}</b></span>\n      {}\n      {}\n'
                "    </div>\n    {}\n  </li>\n",
                project(r.process_id),
                r.title or r.process_id,
                no,
                r.project_no or "-",
                buyer,
                fy,
                r.fiscal_year or "-",
                format_html("<span>{}</span>", r.method_details) if r.method_details else "",
                format_html("<span>{}</span>", r.status) if r.status else "",
                budget,
                baht(r.budget, 0),
                format_html('<span>{} <b class="num">{}</b></span>', contract, baht(r.contract_value, 0))
                if r.contract_value
                else "",
                won,
                flags,
            )
        )
    if len(parts) == 1:
        parts.append(format_html('  <li class="empty">{}</li>\n', _("No projects found.")))
    parts.append("</ol>")
    return mark_safe("".join(parts))  # every part above was escaped by format_html
