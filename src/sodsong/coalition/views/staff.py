"""The staff and partner home: log an activity, what needs finishing, what to review."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sodsong.coalition.access import staff_or_partner
from sodsong.coalition.models import MergeStatus, MergeSuggestion
from sodsong.coalition.views.common import viewer


@staff_or_partner
def home(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    activities = v.activities()
    if v.is_partner:
        activities = activities.filter(owner_organisation=v.organisation)
    recent = activities.select_related("strategy").annotate(participant_count=Count("participations"))[:10]
    return render(
        request,
        "coalition/staff/home.html",
        {
            "recent": recent,
            "needs_details": activities.filter(strategy__isnull=True).count(),
            "pending_merges": (
                MergeSuggestion.objects.filter(status=MergeStatus.PENDING).count() if v.is_staff else 0
            ),
            "viewer": v,
        },
    )
