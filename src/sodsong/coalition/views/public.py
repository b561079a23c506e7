"""Public pages: partners, public activities and outcomes, published reports.

Only records marked public appear, and never people or contact data.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from sodsong.coalition.access import Viewer, viewer_for
from sodsong.coalition.models import Activity, Outcome, Participation, PublishedReport, Sector
from sodsong.coalition.views.common import page_of


def _public_viewer(request: HttpRequest) -> Viewer:
    """Public pages show the public view to everyone, signed in or not (no accidental leaks)."""
    return viewer_for(AnonymousUser())


def index(request: HttpRequest) -> HttpResponse:
    v = _public_viewer(request)
    return render(
        request,
        "coalition/public/index.html",
        {
            "partner_count": v.organisations().filter(is_programme_team=False).count(),
            "activity_count": v.activities().count(),
            "outcome_count": v.outcomes().count(),
            "recent": v.activities().select_related("strategy")[:6],
            "reports": PublishedReport.objects.defer("html", "pdf")[:5],
        },
    )


def partners(request: HttpRequest) -> HttpResponse:
    v = _public_viewer(request)
    sector = request.GET.get("sector", "")
    qs = v.organisations().filter(is_programme_team=False)
    if sector in Sector.values:
        qs = qs.filter(sector=sector)
    grouped = []
    for value, label in Sector.choices:
        members = [o for o in qs if o.sector == value]
        if members:
            grouped.append((value, label, members))
    return render(
        request,
        "coalition/public/partners.html",
        {"grouped": grouped, "sectors": Sector.choices, "sector": sector},
    )


def partner(request: HttpRequest, pk: int) -> HttpResponse:
    v = _public_viewer(request)
    organisation = get_object_or_404(v.organisations(), pk=pk)
    activities = (
        v.activities()
        .filter(
            Q(id__in=Activity.objects.filter(organisation_links__organisation=organisation).values("id"))
            | Q(id__in=Participation.objects.filter(organisation=organisation).values("activity_id"))
        )
        .select_related("strategy")
    )
    return render(
        request,
        "coalition/public/partner.html",
        {
            "organisation": organisation,
            "activities": activities,
            "outcomes": v.outcomes().filter(partners=organisation),
        },
    )


def activities(request: HttpRequest) -> HttpResponse:
    v = _public_viewer(request)
    qs = v.activities().select_related("strategy")
    return render(request, "coalition/public/activities.html", {"page": page_of(request, qs)})


def activity(request: HttpRequest, pk: int) -> HttpResponse:
    v = _public_viewer(request)
    item = get_object_or_404(v.activities().annotate(participant_count=Count("participations")), pk=pk)
    return render(
        request,
        "coalition/public/activity.html",
        {
            "activity": item,
            "organisations": item.organisations.filter(is_public=True),
            "links": item.links.all(),
        },
    )


def outcomes(request: HttpRequest) -> HttpResponse:
    v = _public_viewer(request)
    return render(
        request,
        "coalition/public/outcomes.html",
        {"page": page_of(request, v.outcomes().select_related("strategy"))},
    )


def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    v = _public_viewer(request)
    item: Outcome = get_object_or_404(v.outcomes(), pk=pk)
    return render(
        request,
        "coalition/public/outcome.html",
        {
            "outcome": item,
            "partners": item.partners.filter(is_public=True),
            "activities": item.activities.filter(is_public=True),
        },
    )


def reports(request: HttpRequest) -> HttpResponse:
    return render(
        request, "coalition/public/reports.html", {"reports": PublishedReport.objects.defer("html", "pdf")}
    )


def report(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(PublishedReport.objects.defer("pdf"), pk=pk)
    return render(request, "coalition/public/report.html", {"published": item})


def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(PublishedReport, pk=pk)
    if not item.pdf:
        raise Http404
    response = HttpResponse(bytes(item.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="coalition-report-{item.period}.pdf"'
    return response
