"""The KPI dashboard, the records behind each number, and the half-year report."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sodsong.coalition.access import staff_only
from sodsong.coalition.charts import Bar, BarChart, LineChart, Series
from sodsong.coalition.kpis import indicator_rows
from sodsong.coalition.metrics import Metric, Scope, get_metric
from sodsong.coalition.models import IssueArea, PublishedReport, Sector, Strategy
from sodsong.coalition.periods import PeriodError, half_years, parse_period
from sodsong.coalition.report.data import build_report, highlighted_but_private
from sodsong.coalition.report.html import render_report_html
from sodsong.coalition.views.common import acting_user, filters, scope_from

GRID_METRICS = ("activities", "partner_organisations", "people", "meetings", "media_appearances", "outcomes")
SECTOR_METRICS = ("partner_organisations", "people", "activities")
TREND_METRICS = ("partner_organisations", "people", "activities", "meetings")


@dataclass(frozen=True)
class Cell:
    metric: Metric
    value: int | None
    scope: Scope


def _cells(scope: Scope, codes: tuple[str, ...]) -> list[Cell]:
    return [Cell(get_metric(code), get_metric(code).value(scope), scope) for code in codes]


def _narrow(base: Scope, **changes: Any) -> Scope:
    return dataclasses.replace(base, **changes)


@staff_only
def dashboard(request: HttpRequest) -> HttpResponse:
    form = filters(request)
    scope = scope_from(request, form)
    previous = scope.with_period(scope.period.previous())
    overview = _cells(scope, GRID_METRICS)
    before = {cell.metric.code: cell.value for cell in _cells(previous, GRID_METRICS)}
    by_strategy = [(s, _cells(_narrow(scope, strategy=s), GRID_METRICS)) for s in Strategy.objects.all()]
    by_issue = [(i, _cells(_narrow(scope, issue_area=i), GRID_METRICS)) for i in IssueArea.objects.all()]
    by_sector = [
        (value, label, _cells(_narrow(scope, sector=value), SECTOR_METRICS))
        for value, label in Sector.choices
    ]
    periods = half_years(scope.period, 6)
    trend_rows = [
        (code, [get_metric(code).value(scope.with_period(p)) for p in periods]) for code in TREND_METRICS
    ]
    explain = "coalition:explain"
    strategy_chart = BarChart(
        _("Activities by strategy"),
        [
            Bar(
                f"{s.number}. {s.name}",
                cells[0].value,
                f"{_url(explain, 'activities')}?{cells[0].scope.query()}",
            )
            for s, cells in by_strategy
        ],
    )
    sector_chart = BarChart(
        _("Partner organisations by sector"),
        [
            Bar(
                str(label),
                cells[0].value,
                f"{_url(explain, 'partner_organisations')}?{cells[0].scope.query()}",
            )
            for _value, label, cells in by_sector
        ],
    )
    trend_chart = LineChart(
        _("Trend over half-years"),
        [p.code for p in periods],
        [Series(str(get_metric(code).label), values) for code, values in trend_rows],  # type: ignore[arg-type]
    )
    return render(
        request,
        "coalition/dashboard/dashboard.html",
        {
            "form": form,
            "scope": scope,
            "overview": [(cell, before.get(cell.metric.code)) for cell in overview],
            "previous": previous.period,
            "by_strategy": by_strategy,
            "by_issue": by_issue,
            "by_sector": by_sector,
            "grid_metrics": [get_metric(code) for code in GRID_METRICS],
            "sector_metrics": [get_metric(code) for code in SECTOR_METRICS],
            "periods": periods,
            "trend_rows": [(get_metric(code), values) for code, values in trend_rows],
            "charts": [strategy_chart, sector_chart, trend_chart],
            "indicators": indicator_rows(scope.period),
            "hidden_highlights": highlighted_but_private(scope.period),
            "published": PublishedReport.objects.filter(period=scope.period.code).first(),
        },
    )


def _url(name: str, code: str) -> str:
    return reverse(name, args=[code])


@staff_only
def explain(request: HttpRequest, code: str) -> HttpResponseBase:
    """The records behind one number (and a CSV of them)."""
    try:
        metric = get_metric(code)
    except KeyError:
        raise Http404 from None
    scope = scope_from(request)
    records = metric.records(scope)
    value = metric.value(scope)
    if request.GET.get("format") in ("csv", "xlsx") and records is not None:
        from sodsong.coalition.exports import export_response, records_table

        table = records_table(metric.subject, records, contacts=False)
        return export_response(table, f"{metric.code}-{scope.period.code}", request.GET["format"])
    return render(
        request,
        "coalition/dashboard/explain.html",
        {
            "metric": metric,
            "scope": scope,
            "value": value,
            "records": records[:1000] if records is not None else None,
            "truncated": records is not None and value is not None and value > 1000,
        },
    )


def _period_or_404(code: str):  # type: ignore[no-untyped-def]
    try:
        return parse_period(code)
    except PeriodError:
        raise Http404 from None


def report_language(request: HttpRequest) -> str:
    language = request.GET.get("language") or "th"
    return language if language in ("th", "en") else "th"


@staff_only
def report_html(request: HttpRequest, period: str) -> HttpResponse:
    p = _period_or_404(period)
    with translation.override(report_language(request)):
        report = build_report(p)
        body = render_report_html(report, standalone=False, links=True)
    return render(request, "coalition/dashboard/report.html", {"body": body, "report": report})


@staff_only
def report_pdf(request: HttpRequest, period: str) -> HttpResponse:
    from sodsong.coalition.report.pdf import render_report_pdf

    p = _period_or_404(period)
    with translation.override(report_language(request)):
        pdf = render_report_pdf(build_report(p))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="coalition-report-{p.code}.pdf"'
    return response


@staff_only
@require_POST
def report_publish(request: HttpRequest, period: str) -> HttpResponse:
    """Freeze the report as it is now (HTML and PDF) and show it on the public pages."""
    from sodsong.coalition.report.pdf import render_report_pdf

    p = _period_or_404(period)
    with translation.override("th"):
        report = build_report(p)
        html = render_report_html(report, standalone=False, links=False)
        pdf = render_report_pdf(report)
        with transaction.atomic():
            PublishedReport.objects.create(
                period=p.code,
                language="th",
                title=f"{report.title} · {report.period_label}",
                html=html,
                pdf=pdf,
                figures={
                    f.metric + (f"@s{f.scope.strategy.number}" if f.scope.strategy else ""): f.value
                    for f in report.all_figures()
                },
                published_by=acting_user(request),
            )
    messages.success(request, _("The report for %(period)s is published.") % {"period": p.code})
    return redirect(f"{_url_dashboard()}?period={p.code}")


def _url_dashboard() -> str:
    return reverse("coalition:dashboard")
