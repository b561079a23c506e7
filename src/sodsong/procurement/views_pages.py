"""The project, agency and company pages (each also answers as `.json`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import duckdb
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from sodsong.procurement import page_json
from sodsong.procurement.etag import snapshot_etag
from sodsong.procurement.search.engine import Index, open_index
from sodsong.procurement.search.labels import (
    BID_STAGE_LABELS,
    CATEGORY_LABELS,
    DISCLAIMER_TH,
    METHOD_LABELS,
    indicator_title,
)
from sodsong.procurement.search.lazy_details import lazy_details
from sodsong.procurement.search.org_pages import agency_page, company_page
from sodsong.procurement.search.pages import project_page
from sodsong.procurement.search.store import NoIndexError
from sodsong.procurement.templatetags.procurement import _linker
from sodsong.procurement.views import _language, _money, not_loaded
from sodsong.procurement.views_svg import bid_histogram, cobidder_network, location_map
from sodsong.thai import province_name
from sodsong.web.charts import Bar, column_chart, line_chart
from sodsong.web.maps import province_choropleth

__all__ = ["agency", "company", "project"]

EGP_SEARCH = "https://process3.gprocurement.go.th/egp2procmainWeb/jsp/procsearch.sch?projectId={}"
CHECK_LABELS = {
    "director_holds_position": "กรรมการเป็นหรือเคยเป็นนักการเมือง/เจ้าหน้าที่ของรัฐ",
    "director_relative": "กรรมการเป็นญาติของนักการเมือง/เจ้าหน้าที่ของรัฐ",
    "same_address": "ที่อยู่เดียวกับบริษัทหรือบุคคลอื่นที่เกี่ยวข้อง",
    "donated_to_party": "บริษัทบริจาคเงินให้พรรคการเมือง",
    "blacklisted": "บริษัทมีประวัติทิ้งงาน",
    "new_company": "บริษัทจดทะเบียนไม่ถึง 1 ปีก่อนได้งาน",
    "concentration": "ได้งานเป็นสัดส่วนสูงของการใช้จ่ายของหน่วยงาน",
}


def _not_found(request: HttpRequest, what: str, key: str, fmt: str | None) -> HttpResponse:
    if fmt == "json":
        return JsonResponse({"error": "not_found", "detail": f"no {what} {key}"}, status=404)
    label = {"project": _("project"), "agency": _("agency"), "company": _("company")}[what]
    return render(request, "procurement/not_found.html", {"what": label, "key": key}, status=404)


def _open(request: HttpRequest) -> tuple[Index, duckdb.DuckDBPyConnection]:
    """The index and its details file; the details cursor is only made if a query needs it.

    The index is the one the page's ETag was made from (`etag.snapshot_etag`): one lookup of the
    current snapshot per request, and the tag always names the index the page was read from.
    """
    idx = open_index(located=getattr(request, "index_location", None))
    return idx, lazy_details(idx.location.path)


def _split(value: str, fmt: str | None) -> tuple[str, str | None]:
    if fmt is None and value.endswith(".json"):
        return value.removesuffix(".json"), "json"
    return value, fmt


@snapshot_etag
def project(request: HttpRequest, process_id: str, fmt: str | None = None) -> HttpResponse:
    process_id, fmt = _split(process_id, fmt)
    if len(process_id) > 200:
        return _not_found(request, "project", process_id[:200], fmt)
    try:
        idx, con = _open(request)
    except NoIndexError:
        return not_loaded(request)
    try:
        if process_id.isdigit():  # an e-GP project number: go to its page
            row = idx.con.execute(
                "SELECT process_id FROM project WHERE project_no = ? LIMIT 1", [process_id]
            ).fetchone()
            if row:
                return HttpResponseRedirect(reverse("procurement:project", args=[row[0]]))
        page = project_page(con, idx, process_id)
        if page is None:
            return _not_found(request, "project", process_id, fmt)
        if fmt == "json":
            return JsonResponse(page_json.project(page), json_dumps_params={"ensure_ascii": False})
        p = page.process
        language = _language()
        context = {
            "page": page,
            "p": p,
            "row": page.summary,
            "province": province_name(p["province_code"], language)
            if p.get("province_code")
            else p.get("province"),
            "map": location_map(
                p.get("province_code"), p.get("latitude"), p.get("longitude"), title=_("Project location")
            ),
            "method_label": METHOD_LABELS.get(p.get("procurement_method") or ""),
            "category_label": CATEGORY_LABELS.get(p.get("main_procurement_category") or ""),
            "verify_url": p.get("source_url")
            or (EGP_SEARCH.format(p["project_no"]) if p.get("project_no") else None),
            "stage_labels": [BID_STAGE_LABELS[s] for s, _n in page.funnel],
            "funnel": [(BID_STAGE_LABELS[s], n) for s, n in page.funnel],
            "flags": [
                (f, indicator_title(f.indicator, language), _detail_items(f.details)) for f in page.flags
            ],
            "not_computable": [
                (code, indicator_title(code, language), why) for code, why in page.not_computable
            ],
            "checked": [(code, indicator_title(code, language)) for code in page.checked],
            "disclaimer": DISCLAIMER_TH,
        }
        return render(request, "procurement/project.html", context)
    finally:
        con.close()
        idx.close()


def _detail_items(details: dict[str, Any]) -> list[tuple[str, str]]:
    """A flag's details as readable (name, value) pairs; lists of purchases become lines."""
    items = []
    for key, value in details.items():
        if isinstance(value, list):
            parts = []
            for v in value:
                if isinstance(v, dict):
                    parts.append(", ".join(f"{k}: {_fmt(x)}" for k, x in v.items()))
                else:
                    parts.append(_fmt(v))
            items.append((key, "; ".join(parts)))
        else:
            items.append((key, _fmt(value)))
    return items


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


@snapshot_etag
def agency(request: HttpRequest, org_id: str, fmt: str | None = None) -> HttpResponse:
    org_id, fmt = _split(org_id, fmt)
    try:
        idx, con = _open(request)
    except NoIndexError:
        return not_loaded(request)
    try:
        org = idx.org(org_id[:200])
        if org is None:
            return _not_found(request, "agency", org_id[:200], fmt)
        if not org.is_agency:
            return HttpResponseRedirect(reverse("procurement:company", args=[org.org_id]))
        page = agency_page(con, idx, org)
        if fmt == "json":
            return JsonResponse(
                page_json.agency(org, page),
                json_dumps_params={"ensure_ascii": False},
            )
        language = _language()
        years = page.by_year
        context = {
            "org": org,
            "page": page,
            "record": page.record,
            "chart": line_chart(
                {
                    _("Budget"): [(str(y["fiscal_year"]), y["budget"] or 0.0) for y in years],
                    _("Contract value"): [(str(y["fiscal_year"]), y["contract_value"] or 0.0) for y in years],
                },
                title=_("Budget and contract value by fiscal year"),
                format_value=_money,
            )
            if years
            else None,
            "projects_chart": column_chart(
                [Bar(str(y["fiscal_year"]), y["projects"]) for y in years], title=_("Projects by fiscal year")
            )
            if years
            else None,
            "province_map": province_choropleth(
                {k: float(v) for k, v in page.provinces.items()},
                title=_("Projects by province"),
                language=language,
                href=f"{reverse('procurement:search')}?agency={org.org_id}&province=".__add__,
            )
            if page.provinces
            else None,
            "search_url": reverse("procurement:search") + f"?agency={org.org_id}",
            "flagged_url": reverse("procurement:search") + f"?agency={org.org_id}&flagged=1",
            "title": indicator_title,
        }
        return render(request, "procurement/agency.html", context)
    finally:
        con.close()
        idx.close()


@snapshot_etag
def company(request: HttpRequest, org_id: str, fmt: str | None = None) -> HttpResponse:
    org_id, fmt = _split(org_id, fmt)
    try:
        idx, con = _open(request)
    except NoIndexError:
        return not_loaded(request)
    try:
        org = idx.org(org_id[:200])
        if org is None:
            return _not_found(request, "company", org_id[:200], fmt)
        if org.is_agency:
            return HttpResponseRedirect(reverse("procurement:agency", args=[org.org_id]))
        page = company_page(con, idx, org)
        if fmt == "json":
            return JsonResponse(
                page_json.company(org, page),
                json_dumps_params={"ensure_ascii": False},
            )
        language = _language()
        context = {
            "org": org,
            "page": page,
            "record": page.record,
            "checks": [(CHECK_LABELS.get(c.code, c.code), c) for c in page.checks],
            "flags": [
                (f, indicator_title(f.indicator, language), _detail_items(f.details)) for f in page.flags
            ],
            "won_chart": column_chart(
                [Bar(str(y["fiscal_year"]), y["contract_value"] or 0.0) for y in page.by_year],
                title=_("Contract value won by fiscal year"),
                format_value=_money,
            )
            if page.by_year
            else None,
            "histogram": bid_histogram(page.bid_hist, title=_("Bids as a share of the reference price"))
            if page.bid_hist
            else None,
            "network": cobidder_network(
                (org.org_id, org.name),
                page.cobidders,
                page.cobid_edges,
                title=_("Co-bidder network"),
                href=_linker("procurement:company"),
            )
            if page.cobidders
            else None,
            "province_map": province_choropleth(
                {k: float(v) for k, v in page.provinces.items()},
                title=_("Projects won by province"),
                language=language,
            )
            if page.provinces
            else None,
            "pending_matches": [m for m in page.name_matches if m["status"] == "suggested"],
            "disclaimer": DISCLAIMER_TH,
            "search_url": reverse("procurement:search") + "?" + urlencode({"q": org.juristic_id or org.name}),
        }
        return render(request, "procurement/company.html", context)
    finally:
        con.close()
        idx.close()
