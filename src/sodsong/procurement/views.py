"""The procurement home and search pages, and their CSV/JSON twins (Datasette's convention)."""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sodsong.procurement.search import engine, exports
from sodsong.procurement.search.engine import Count, Index, ProjectRow, open_index
from sodsong.procurement.search.labels import CATEGORY_LABELS, DISCLAIMER_TH, METHOD_LABELS, indicator_title
from sodsong.procurement.search.query import SORTS, SearchRequest, parse_request
from sodsong.procurement.search.store import NoIndexError
from sodsong.thai import PROVINCES, fiscal_year, province_name
from sodsong.web.charts import Bar, bar_chart, column_chart
from sodsong.web.maps import province_choropleth

__all__ = ["index", "search"]


def _language() -> str:
    return "th" if (get_language() or "th").startswith("th") else "en"


def not_loaded(request: HttpRequest) -> HttpResponse:
    """The friendly page shown before any data (or index) exists."""
    return render(request, "procurement/not_loaded.html", status=200)


def _money(value: float) -> str:
    if value >= 1e9:
        return f"{value / 1e9:,.1f} " + _("billion")
    if value >= 1e6:
        return f"{value / 1e6:,.1f} " + _("million")
    return f"{value:,.0f}"


def _provinces() -> list[tuple[str, str]]:
    language = _language()
    return sorted(((code, province_name(code, language)) for code, _th, _en in PROVINCES), key=lambda p: p[1])


def index(request: HttpRequest) -> HttpResponse:
    """The procurement home: scope, this month's notable items, flagged examples, how to read a flag."""
    try:
        idx = open_index()
    except NoIndexError:
        return not_loaded(request)
    with idx:
        meta = idx.meta
        notable, month = _notable(idx)
        examples, example_year = _flagged_examples(idx)
        context = {
            "meta": meta,
            "projects": int(meta.get("projects", 0)),
            "budget": float(meta.get("budget", 0)),
            "contract_value": float(meta.get("contract_value", 0)),
            "flagged": int(meta.get("flagged", 0)),
            "agencies": int(meta.get("agencies", 0)),
            "contractors": int(meta.get("contractors", 0)),
            "notable": notable,
            "month": month,
            "examples": examples,
            "example_year": example_year,
            "disclaimer": DISCLAIMER_TH,
            "stale": not idx.location.current,
            "title": indicator_title,
        }
        return render(request, "procurement/home.html", context)


def _notable(idx: Index) -> tuple[list[ProjectRow], dt.date | None]:
    """The biggest flagged projects published in the latest month the data reaches."""
    last = idx.meta.get("last_date") or ""
    if not last:
        return [], None
    month = dt.date.fromisoformat(last).replace(day=1)
    rows = idx.project_rows(
        "p.rowid IN (SELECT rowid FROM project ORDER BY rowid LIMIT 20000) AND p.date_published >= ? AND p.flags > 0",
        [month.isoformat()],
        "p.amount DESC NULLS LAST, p.rowid",
        5,
    )
    return rows, month


def _flagged_examples(idx: Index) -> tuple[list[ProjectRow], int | None]:
    """Three random flagged projects of the current fiscal year (or the latest the data has)."""
    year = fiscal_year(dt.date.today())
    span = idx.con.execute(
        "SELECT min(rowid), max(rowid) FROM project WHERE fiscal_year = ?", [year]
    ).fetchone()
    if not span or span[0] is None:
        last = idx.meta.get("last_year")
        if not last:
            return [], None
        year = int(last)
        span = idx.con.execute(
            "SELECT min(rowid), max(rowid) FROM project WHERE fiscal_year = ?", [year]
        ).fetchone()
        if not span or span[0] is None:
            return [], year
    low, high = int(span[0]), int(span[1])
    chosen: dict[str, ProjectRow] = {}
    for _attempt in range(6):
        start = random.randint(low, high)
        for row in idx.project_rows(
            "p.rowid >= ? AND p.fiscal_year = ? AND p.flags > 0", [start, year], "p.rowid", 1
        ):
            chosen[row.process_id] = row
        if len(chosen) >= 3:
            break
    if len(chosen) < 3:
        for row in idx.project_rows("p.fiscal_year = ? AND p.flags > 0", [year], "p.rowid", 3):
            chosen.setdefault(row.process_id, row)
    return list(chosen.values())[:3], year


def search(request: HttpRequest, fmt: str | None = None) -> HttpResponse | StreamingHttpResponse:
    """One box, three tabs, filters, summary; `.csv` streams every match, `.json` one page."""
    req = parse_request(request.GET)
    try:
        idx = open_index()
    except NoIndexError:
        if fmt == "json":
            return JsonResponse(
                {"error": "not_loaded", "detail": "no procurement data has been indexed yet"}, status=503
            )
        return not_loaded(request)
    if fmt == "csv":
        idx.close()
        return _csv_download(req)
    with idx:
        too_short = len(req.query.text.replace(" ", "").replace('"', "")) == 1
        if too_short:
            req = SearchRequest(filters=req.filters, kind=req.kind, sort=req.sort, errors=req.errors)
        if fmt == "json":
            return JsonResponse(
                exports.search_json(idx, req, request.build_absolute_uri(request.path)),
                json_dumps_params={"ensure_ascii": False},
            )
        context = _search_context(idx, req)
        context["too_short"] = too_short
        return render(request, "procurement/search.html", context)


def _search_context(idx: Index, req: SearchRequest) -> dict[str, Any]:
    language = _language()
    results = idx.projects(req, summary=req.kind == "projects")
    agencies, agency_count = idx.orgs(req, "agency")
    companies, company_count = idx.orgs(req, "company")
    counts = {"projects": results.count, "agencies": agency_count, "companies": company_count}
    current = counts[req.kind]
    last_page = max(1, min(-(-current.n // req.per_page), 10_000 // req.per_page))
    summary = results.summary
    context: dict[str, Any] = {
        "req": req,
        "count_cap": engine.COUNT_CAP,
        "results": results,
        "rows": results.rows,
        "agencies": agencies,
        "companies": companies,
        "counts": counts,
        "count": current,
        "page": req.page,
        "last_page": last_page,
        "prev_url": req.url(page=req.page - 1) if req.page > 1 else None,
        "next_url": req.url(page=req.page + 1) if req.page < last_page else None,
        "tab_urls": {k: req.url(kind=k, page=None) for k in counts},
        "csv_url": reverse("procurement:search_csv") + req.url(page=None),
        "json_url": reverse("procurement:search_json") + req.url(),
        "sort_options": [(s, _sort_label(s)) for s in SORTS],
        "methods": list(METHOD_LABELS.items()),
        "categories": list(CATEGORY_LABELS.items()),
        "provinces": _provinces(),
        "years": list(
            range(int(idx.meta.get("last_year") or 2568), int(idx.meta.get("first_year") or 2558) - 1, -1)
        ),
        "statuses": [
            r[0]
            for r in idx.con.execute("SELECT DISTINCT status FROM cube WHERE status IS NOT NULL ORDER BY 1")
        ],
        "filter_labels": _filter_labels(idx, req),
        "title": indicator_title,
        "disclaimer": DISCLAIMER_TH,
        "stale": not idx.location.current,
    }
    if req.kind == "projects" and summary.projects.n:
        context["year_chart"] = column_chart(
            [Bar(str(fy), n, href=req.url(fy=fy, page=None)) for fy, n, _v in summary.by_year],
            title=_("Projects by fiscal year"),
        )
        context["province_map"] = province_choropleth(
            {k: float(v) for k, v in summary.by_province.items()},
            title=_("Projects by province"),
            href=lambda code: req.url(province=code, page=None),
            language=language,
        )
        context["agency_chart"] = (
            bar_chart(
                [
                    Bar(name, value, href=reverse("procurement:agency", args=[org_id]))
                    for org_id, name, _n, value in summary.top_agencies
                ],
                title=_("Top agencies by budget"),
                format_value=_money,
            )
            if summary.top_agencies
            else None
        )
        context["contractor_chart"] = (
            bar_chart(
                [
                    Bar(name, value, href=reverse("procurement:company", args=[org_id]))
                    for org_id, name, _n, value in summary.top_contractors
                ],
                title=_("Top contractors by contract value"),
                format_value=_money,
            )
            if summary.top_contractors
            else None
        )
    return context


def _sort_label(sort: str) -> str:
    return {
        "newest": _("Newest first"),
        "oldest": _("Oldest first"),
        "amount_desc": _("Largest amount first"),
        "amount_asc": _("Smallest amount first"),
        "flags": _("Most flags first"),
    }[sort]


def _filter_labels(idx: Index, req: SearchRequest) -> list[tuple[str, str, str]]:
    """Active filters as (label, value, URL without it): chips the visitor can remove."""
    f = req.filters
    chips: list[tuple[str, str, str]] = []

    def chip(label: str, value: object, key: str) -> None:
        chips.append((label, str(value), req.url(**{key: None, "page": None})))

    if f.fiscal_year:
        chip(_("Fiscal year"), f.fiscal_year, "fy")
    for key, org_id, label in (("agency", f.agency, _("Agency")), ("parent", f.parent, _("Parent agency"))):
        if org_id:
            org = idx.org(org_id)
            chip(label, org.name if org else org_id, key)
    if f.province:
        chip(_("Province"), province_name(f.province, _language()), "province")
    if f.method:
        chip(_("Method"), METHOD_LABELS[f.method], "method")
    if f.category:
        chip(_("Type"), CATEGORY_LABELS[f.category], "category")
    if f.status:
        chip(_("Status"), f.status, "status")
    if f.amount_min is not None:
        chip(_("Amount from"), f"{f.amount_min:,}", "min")
    if f.amount_max is not None:
        chip(_("Amount up to"), f"{f.amount_max:,}", "max")
    if f.flagged:
        chip(_("Only flagged"), "✓", "flagged")
    return chips


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_download(req: SearchRequest) -> StreamingHttpResponse:
    """Every match as CSV, streamed row by row from the index (never all in memory)."""
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        with open_index() as idx:
            yield "\ufeff"  # a BOM so spreadsheet programs read the Thai as UTF-8
            if req.kind == "projects":
                yield writer.writerow(exports.PROJECT_CSV_HEADER)
                for row in idx.iter_projects(req):
                    yield writer.writerow(exports.project_csv_row(row))
            else:
                role = "agency" if req.kind == "agencies" else "company"
                yield writer.writerow(exports.ORG_CSV_HEADER)
                full = SearchRequest(query=req.query, filters=req.filters, kind=req.kind, per_page=100_000)
                orgs, _count = idx.orgs(full, role)
                for org in orgs:
                    yield writer.writerow(exports.org_csv_row(org))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sodsong-{req.kind}.csv"'
    response["X-Data-Licence"] = exports.LICENCE_ASCII
    return response


def count_text(count: Count) -> str:
    """`1,234`, or `more than 2,000` when the count stopped early."""
    return f"{count.n:,}" if count.exact else _("more than %(n)s") % {"n": f"{count.n:,}"}
