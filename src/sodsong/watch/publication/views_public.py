"""The public case site: the list with filters, a page per published case, statistics, feeds,
open data and the published photos. Every page also answers as JSON (`?format=json` or `.json`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sodsong.thai import PROVINCES, province_name
from sodsong.watch.models import Category, CloseReason, Status
from sodsong.watch.publication import metrics
from sodsong.watch.publication.feeds import FEED_SIZE, atom_feed
from sodsong.watch.publication.photos import read_blurred
from sodsong.watch.publication.public import (
    LICENCE,
    PUBLIC_STATUSES,
    CaseFilters,
    case_record,
    linked_projects,
    public_case,
    public_cases,
    public_photos,
    public_timeline,
    referral_outcomes,
)
from sodsong.web.charts import Bar, bar_chart, column_chart
from sodsong.web.maps import province_choropleth
from sodsong.web.templatetags.thai import thai_date

__all__ = ["case_detail", "case_list", "case_photo", "feed", "open_data", "stats"]

PAGE_SIZE = 20
OPEN_DATA_FIELDS = [
    "code", "url", "title", "agency", "what_happened", "category", "province_code", "status", "close_reason",
    "amount", "amount_band", "reported_month", "published_at", "closed_at", "is_example", "redacted_version",
]  # fmt: skip


def _language() -> str:
    return "en" if (translation.get_language() or "th").startswith("en") else "th"


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _json(body: dict[str, Any], status: int = 200) -> JsonResponse:
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    response["Link"] = f'<{LICENCE["url"]}>; rel="license"'
    return response


def _wants_json(request: HttpRequest, fmt: str | None) -> bool:
    return fmt == "json" or request.GET.get("format") == "json"


def _choices() -> dict[str, Any]:
    language = _language()
    return {
        "categories": Category.choices,
        "statuses": [(s, Status(s).label) for s in PUBLIC_STATUSES],
        "provinces": sorted(
            ((code, province_name(code, language)) for code, _th, _en in PROVINCES), key=lambda p: p[1]
        ),
    }


@require_GET
def case_list(request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    filters = CaseFilters.from_query(request.GET)
    rows = filters.apply(public_cases())
    paginator = Paginator(rows, PAGE_SIZE)
    page = paginator.get_page(filters.page)
    if _wants_json(request, fmt):
        base = _base(request)
        return _json(
            {
                "licence": LICENCE,
                "count": paginator.count,
                "page": page.number,
                "pages": paginator.num_pages,
                "errors": [{"field": f, "expected": e} for f, e in filters.errors],
                "next": f"{base}{reverse('watch:cases:list_json')}?{filters.query(page=page.number + 1)}"
                if page.has_next()
                else None,
                "cases": [case_record(r, base_url=base) for r in page.object_list],
            }
        )
    context = {
        "filters": filters,
        "page": page,
        "count": paginator.count,
        "prev_query": filters.query(page=page.number - 1) if page.has_previous() else None,
        "next_query": filters.query(page=page.number + 1) if page.has_next() else None,
        "json_query": filters.query(page=page.number),
        "feed_query": filters.query(page=None),
        **_choices(),
    }
    return render(request, "watch/publication/list.html", context)


@require_GET
def case_detail(request: HttpRequest, code: str, fmt: str | None = None) -> HttpResponse:
    report = public_case(code)
    if report is None:
        if _wants_json(request, fmt):
            return _json({"error": "not_found", "detail": "no published case with this code"}, status=404)
        return render(request, "watch/publication/not_found.html", {"code": code[:20]}, status=404)
    timeline = public_timeline(report)
    if _wants_json(request, fmt):
        record = case_record(report, base_url=_base(request))
        record["timeline"] = [
            {"at": e["at"].isoformat(), "kind": e["kind"], "status": e["status"], "note": e["note"]}
            for e in timeline
        ]
        record["photos"] = [
            _base(request) + reverse("watch:cases:photo", args=[report.code, p.pk])
            for p in public_photos(report)
        ]
        return _json({"licence": LICENCE, "case": record})
    context = {
        "report": report,
        "publication": report.publication,
        "timeline": timeline,
        "photos": public_photos(report),
        "projects": linked_projects(report),
        "referrals": referral_outcomes(report),
        "province": province_name(report.province_code, _language()) if report.province_code else "",
        "close_reason": CloseReason(report.close_reason).label
        if report.close_reason in CloseReason.values
        else "",
    }
    return render(request, "watch/publication/detail.html", context)


@require_GET
def case_photo(request: HttpRequest, code: str, photo_id: int) -> HttpResponse:
    report = public_case(code)
    photo = public_photos(report).filter(pk=photo_id).first() if report is not None else None
    if photo is None:
        raise Http404("no published photo")
    response = HttpResponse(read_blurred(photo), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def stats(request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    cases = public_cases()
    s = metrics.case_stats(cases)
    outcomes = metrics.agency_outcomes(metrics.referral_facts(cases))
    if _wants_json(request, fmt):
        return _json(
            {
                "licence": LICENCE,
                "total": s.total,
                "by_category": dict(s.by_category),
                "by_month": dict(s.by_month),
                "by_status": dict(s.by_status),
                "by_amount_band": dict(s.by_amount),
                "by_province": s.by_province,
                "agencies": [o.__dict__ for o in outcomes],
            }
        )
    language = _language()
    list_url = reverse("watch:cases:list")
    category_labels = dict(Category.choices)
    status_labels = dict(Status.choices)
    context = {
        "stats": s,
        "outcomes": outcomes,
        "by_category": [(category_labels.get(k, k), n) for k, n in s.by_category],
        "by_status": [(status_labels.get(k, k), n) for k, n in s.by_status],
        "category_chart": bar_chart(
            [
                Bar(str(category_labels.get(k, k)), n, href=f"{list_url}?category={k}")
                for k, n in s.by_category
            ],
            title=_("Published cases by category"),
        ),
        "month_chart": column_chart(
            [Bar(_month_label(m), n, href=f"{list_url}?month={m}") for m, n in s.by_month[-24:]],
            title=_("Published cases by month reported"),
        ),
        "status_chart": bar_chart(
            [Bar(str(status_labels.get(k, k)), n, href=f"{list_url}?status={k}") for k, n in s.by_status],
            title=_("Published cases by status"),
        ),
        "amount_chart": bar_chart(
            [Bar(k, n) for k, n in s.by_amount], title=_("Published cases by amount (baht)")
        ),
        "province_map": province_choropleth(
            {k: float(v) for k, v in s.by_province.items()},
            title=_("Published cases by province"),
            href=lambda code: f"{list_url}?province={code}",
            language=language,
        ),
    }
    return render(request, "watch/publication/stats.html", context)


def _month_label(month: str) -> str:
    """`2025-03` as Thai readers write it (`มี.ค. 2568`), or `Mar 2025` in English."""
    year, number = (int(part) for part in month.split("-"))
    day_month_year = thai_date(dt.date(year, number, 1))
    return day_month_year.split(" ", 1)[1]


@require_GET
def feed(request: HttpRequest, scope: str = "all", value: str = "") -> HttpResponse:
    """Atom feed of published cases: all, or one province, agency or category."""
    query = request.GET.copy()
    if scope != "all":
        query = query.__class__(mutable=True)
        query[scope] = value
    filters = CaseFilters.from_query(query)
    if filters.errors:
        field, expected = filters.errors[0]
        return HttpResponse(f"{field}: expected {expected}\n", status=400, content_type="text/plain")
    title = _("Published cases")
    if scope == "province" and filters.province:
        title = f"{title}: {province_name(filters.province, _language())}"
    elif scope == "category" and filters.category:
        title = f"{title}: {Category(filters.category).label}"
    elif scope == "agency" and filters.agency:
        title = f"{title}: {filters.agency}"
    cases = filters.apply(public_cases())[:FEED_SIZE]
    body = atom_feed(
        f"{_('Sodsong')} — {title}",
        _base(request) + reverse("watch:cases:list"),
        request.build_absolute_uri(),
        cases,
        language=_language(),
    )
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


@require_GET
def open_data(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every published case (approved redacted fields only), CC BY 4.0, with stable ids (codes)."""
    base = _base(request)
    records = [case_record(r, base_url=base) for r in public_cases().order_by("published_at", "pk")]
    if fmt == "json":
        response = _json({"licence": LICENCE, "count": len(records), "cases": records})
        response["Content-Disposition"] = 'inline; filename="sodsong-cases.json"'
        return response
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*OPEN_DATA_FIELDS, "licence", "attribution"])
    for record in records:
        writer.writerow(
            [
                *(record[f] if record[f] is not None else "" for f in OPEN_DATA_FIELDS),
                "CC BY 4.0",
                LICENCE["attribution"],
            ]
        )
    download = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    download["Content-Disposition"] = 'attachment; filename="sodsong-cases.csv"'
    download["Link"] = f'<{LICENCE["url"]}>; rel="license"'
    return download
