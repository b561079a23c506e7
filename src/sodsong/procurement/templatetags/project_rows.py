"""The project page's lists and tables, rendered in Python.

Half the explorer's traffic is project pages, and most of a project page's CPU went into the
template's `{% for %}` loops: indicators checked, bidders (with a loop over stages per bidder),
bids per item, awards and contracts, a value or two with a filter per cell. Each tag gives, byte
for byte, what the loop it replaces gave (`tests/procurement/explorer/test_project_rows.py`
renders both, in Thai and English). As in `explorer_rows`, every value goes through `_v` (what
`{{ value }}` does) or `_e` after its filter; translated constants are put in unescaped, as
`{% translate "..." %}` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from sodsong.procurement.templatetags.explorer_rows import _get, _v
from sodsong.procurement.templatetags.procurement import _cached_linker, _e, diff, stage_label
from sodsong.web.templatetags.thai import baht, thai_date

register = template.Library()

_WINNER_ROW = ' class="outcome-winner"'
_STEP = (
    '<span class="step" aria-hidden="true">●</span>',
    '<span class="step on" aria-hidden="true">●</span>',
)


@register.simple_tag
def not_computable_items(rows: Iterable[tuple[Any, Any, Any]]) -> SafeString:
    """`<li>` per indicator that could not be computed, with why."""
    no_bids, missing = _("no bid list"), _("missing")
    parts = []
    for code, label, why in rows:
        reason = no_bids if why == "bids" else f"{missing}: {_v(why)}"
        parts.append(f'<li>{_v(label)} <small class="muted">{_v(code)} · {reason}</small></li>')
    return mark_safe("".join(parts))  # every value above went through _v


@register.simple_tag
def checked_items(rows: Iterable[tuple[Any, Any]]) -> SafeString:
    """`<li>` per indicator checked that did not fire."""
    return mark_safe(  # every value went through _v
        "".join(f'<li>{_v(label)} <small class="muted">{_v(code)}</small></li>' for code, label in rows)
    )


@register.simple_tag
def funnel_items(funnel: Iterable[tuple[Any, Any]]) -> SafeString:
    """`<li>` per bid stage with how many firms reached it."""
    return mark_safe("".join(f"<li><b>{_v(n)}</b> {_v(label)}</li>" for label, n in funnel))


@register.simple_tag
def bidder_rows(bidders: Iterable[Any]) -> SafeString:
    """The bidders' table: furthest stage as dots, outcome, lowest price."""
    link = _cached_linker("company")
    won, next_round, out = _("Winner"), _("Next round"), _("Out")
    disqualified = f' <small class="muted">({_("disqualified")})</small>'
    parts = []
    for b in bidders:
        outcome = _get(b, "outcome")
        result = f"<b>{won}</b>" if outcome == "winner" else next_round if outcome == "next_round" else out
        if _get(b, "status") == "disqualified":
            result += disqualified
        steps = "".join(_STEP[1] if reached else _STEP[0] for reached in _get(b, "stages_reached"))
        parts.append(
            f'<tr class="outcome-{_v(outcome)}">\n'
            f'    <td><a href="{_e(link(_get(b, "org_id")))}">{_v(_get(b, "name"))}</a></td>\n'
            f"    <td>{steps} {_e(stage_label(_get(b, 'stage')))}</td>\n"
            f"    <td>{result}</td>\n"
            f'    <td class="num">{_e(baht(_get(b, "amount")))}</td></tr>'
        )
    return mark_safe("".join(parts))  # every value above went through _e or _v


@register.simple_tag
def item_bid_groups(groups: Iterable[Mapping[str, Any]]) -> SafeString:
    """Bids per item: a heading and a table for each item."""
    link = _cached_linker("company")
    item, reference, winner = _("Item"), _("Reference price"), _("Winner")
    head = (
        f'<div class="table-scroll"><table><thead><tr><th>{_("Firm")}</th><th class="num">{_("Bid")}</th>'
        f'<th class="num">{_("vs winner")}</th><th class="num">{_("vs reference price")}</th></tr></thead>\n'
    )
    parts = []
    for group in groups:
        number = _get(group, "item_no")
        label = f"{item} {_v(number)}: " if number else ""
        rows = []
        for b in _get(group, "bids"):
            won = _get(b, "winner")
            rows.append(
                f"<tr{_WINNER_ROW if won else ''}>"
                f'<td><a href="{_e(link(_get(b, "org_id")))}">{_v(_get(b, "name"))}</a>'
                f"{f' <b>({winner})</b>' if won else ''}</td>"
                f'<td class="num">{_e(baht(_get(b, "amount")))}</td>'
                f'<td class="num">{_e(diff(_get(b, "vs_winner")))}</td>'
                f'<td class="num">{_e(diff(_get(b, "vs_reference")))}</td></tr>'
            )
        parts.append(
            f'\n<h3>{label}{_v(_get(group, "description") or "")} <small class="muted">{reference} '
            f"{_e(baht(_get(group, 'reference_price')))}</small></h3>\n{head}"
            f"<tbody>{''.join(rows)}</tbody></table></div>\n"
        )
    return mark_safe("".join(parts))  # every value above went through _e or _v


@register.simple_tag
def award_rows(awards: Iterable[Mapping[str, Any]]) -> SafeString:
    """Winners with the agreed price and their juristic id (or why it is unusable)."""
    link = _cached_linker("company")
    unusable = _("unusable in the source")
    parts = []
    for a in awards:
        resolved = _get(a, "resolved_id")
        who = (
            f'<a href="{_e(link(resolved))}">{_v(_get(a, "supplier_name"))}</a>'
            if resolved
            else _v(_get(a, "winner_name") or "-")
        )
        winner_id = _get(a, "winner_id")
        if winner_id:
            ident = _v(winner_id)
        elif _get(a, "winner_id_status") == "excel_mangled":
            ident = f'<span class="muted">{unusable} ({_v(_get(a, "winner_id_raw"))})</span>'
        else:
            ident = "-"
        parts.append(
            f'<tr><td>{who}</td><td class="num">{_e(baht(_get(a, "value_amount")))}</td><td>{ident}</td></tr>'
        )
    return mark_safe("".join(parts))  # every value above went through _e or _v


@register.simple_tag
def contract_rows(contracts: Iterable[Mapping[str, Any]]) -> SafeString:
    """Contracts: number, signed, ends, value, status."""
    parts = []
    for c in contracts:
        status = _get(c, "status_details") or _get(c, "status") or "-"
        parts.append(
            f"<tr><td>{_v(_get(c, 'contract_no') or '-')}</td><td>{_e(thai_date(_get(c, 'date_signed')))}</td>"
            f"<td>{_e(thai_date(_get(c, 'period_end')))}</td>"
            f'<td class="num">{_e(baht(_get(c, "value_amount")))}</td><td>{_v(status)}</td></tr>'
        )
    return mark_safe("".join(parts))  # every value above went through _e or _v


def _when(row: Mapping[str, Any], key: str) -> Any:
    """`row.key` as `{% if %}` sees it: a missing key is None (`{{ }}` shows it as "")."""
    return row.get(key)


@register.simple_tag
def project_facts(p: Mapping[str, Any], province: Any, method_label: Any, category_label: Any) -> SafeString:
    """The project's facts list (number, status, agency, method, type, year, dates, location)."""
    agency = _cached_linker("agency")
    buyer_id = _when(p, "buyer_id")
    if buyer_id:
        buyer = f'<a href="{_e(agency(_get(p, "buyer_id")))}">{_v(_get(p, "buyer_name"))}</a>'
    else:
        buyer = _v(_get(p, "buyer_name") or "-")
    entity_id = _when(p, "procuring_entity_id")
    entity = (
        f'<br><a href="{_e(agency(_get(p, "procuring_entity_id")))}">{_v(_get(p, "procuring_entity_name"))}</a>'
        if entity_id and entity_id != buyer_id
        else ""
    )
    method = _v(_get(p, "method_details") or "-")
    if method_label:
        method += f' <span class="badge">{_v(method_label)}</span>'
    category = _v(_get(p, "category_raw") or "-")
    if category_label:
        category += f' <span class="badge">{_v(category_label)}</span>'
    due = (
        f"<dt>{_('Bids due')}</dt><dd>{_e(thai_date(_get(p, 'tender_period_end')))}</dd>"
        if _when(p, "tender_period_end")
        else ""
    )
    place = _v(province or "-")
    if _when(p, "district"):
        place += f" · {_v(_get(p, 'district'))}"
    if _when(p, "subdistrict"):
        place += f" · {_v(_get(p, 'subdistrict'))}"
    place += "\n      "
    if _when(p, "latitude") is not None:
        place += f'<br><span class="muted">{_v(_get(p, "latitude"))}, {_v(_get(p, "longitude"))}</span>'
    status = _get(p, "status_details") or _get(p, "tender_status") or "-"
    return mark_safe(  # every value went through _e or _v
        f"<dt>{_('Project number')}</dt><dd>{_v(_get(p, 'project_no') or '-')}</dd>\n"
        f"    <dt>{_('Status')}</dt><dd>{_v(status)}</dd>\n"
        f"    <dt>{_('Agency')}</dt><dd>{buyer}\n      {entity}</dd>\n"
        f"    <dt>{_('Method')}</dt><dd>{method}</dd>\n"
        f"    <dt>{_('Type')}</dt><dd>{category}</dd>\n"
        f"    <dt>{_('Fiscal year')}</dt><dd>{_v(_get(p, 'fiscal_year') or '-')}</dd>\n"
        f"    <dt>{_('Announced')}</dt><dd>{_e(thai_date(_get(p, 'date_published')))}</dd>\n"
        f"    {due}\n"
        f"    <dt>{_('Location')}</dt><dd>{place}</dd>"
    )
