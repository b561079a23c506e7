"""People: search, participation history, duplicates to review."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sodsong.coalition.access import staff_only, staff_or_partner
from sodsong.coalition.dedupe import compute_suggestions, decide
from sodsong.coalition.forms import PersonForm
from sodsong.coalition.models import MergeStatus, MergeSuggestion, Person
from sodsong.coalition.views.common import (
    acting_user,
    filters,
    page_of,
    query_without_page,
    text_search,
    viewer,
)

REASONS = {
    "same_email": _("same email"),
    "same_phone": _("same phone"),
    "same_name": _("same name"),
    "same_name_without_title_or_spaces": _("same name apart from title or spaces"),
    "similar_spelling": _("similar spelling"),
    "similar_sound_thai_english": _("Thai and English names sound alike"),
    "same_organisation": _("same organisation"),
}


@staff_only
def person_list(request: HttpRequest) -> HttpResponse:
    form = filters(request)
    qs = viewer(request).people().filter(merged_into__isnull=True)
    qs = text_search(qs, request.GET.get("q"), "name_th", "name_en", "name_key", "aliases__key").distinct()
    qs = qs.annotate(activity_count=Count("participations", distinct=True)).order_by("name_key")
    return render(
        request,
        "coalition/staff/person_list.html",
        {
            "form": form,
            "page": page_of(request, qs),
            "query": query_without_page(request),
            "pending": MergeSuggestion.objects.filter(status=MergeStatus.PENDING).count(),
        },
    )


@staff_or_partner
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    person = v.person(pk)
    if person.merged_into_id:
        return redirect("coalition:person", pk=person.merged_into_id)
    participations = (
        v.participations()
        .filter(person=person)
        .select_related("activity", "activity__strategy", "organisation")
        .order_by("-activity__start_date")
    )
    return render(
        request,
        "coalition/staff/person_detail.html",
        {
            "person": person,
            "participations": participations,
            "affiliations": person.affiliations.select_related("organisation") if v.is_staff else [],
            "aliases": person.aliases.all() if v.is_staff else [],
            "sees_contacts": v.sees_contacts,
            "is_staff": v.is_staff,
        },
    )


@staff_only
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = viewer(request).person(pk)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Person saved."))
        return redirect("coalition:person", pk=person.pk)
    return render(request, "coalition/staff/person_edit.html", {"form": form, "person": person})


@staff_only
def merge_list(request: HttpRequest) -> HttpResponse:
    suggestions = (
        MergeSuggestion.objects.filter(status=MergeStatus.PENDING)
        .select_related("person_a", "person_b")
        .order_by("-score", "id")
    )
    page = page_of(request, suggestions, 20)
    rows = []
    for suggestion in page:
        rows.append(
            {
                "suggestion": suggestion,
                "reasons": [REASONS.get(code, code) for code in suggestion.reasons],
                "people": [
                    (p, p.participations.select_related("activity").order_by("-activity__start_date")[:5])
                    for p in (suggestion.person_a, suggestion.person_b)
                ],
            }
        )
    return render(request, "coalition/staff/merge_list.html", {"page": page, "rows": rows})


@staff_only
@require_POST
def merge_compute(request: HttpRequest) -> HttpResponse:
    added = compute_suggestions()
    messages.success(request, _("%(count)s new suggestions.") % {"count": added})
    return redirect("coalition:merges")


@staff_only
@require_POST
def merge_decide(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = get_object_or_404(MergeSuggestion, pk=pk)
    decision = request.POST.get("decision")
    keep = None
    if decision == "merge":
        keep_pk = request.POST.get("keep")
        if keep_pk and keep_pk.isdecimal():
            keep = Person.objects.filter(pk=int(keep_pk)).first()
    try:
        decide(suggestion, confirm=decision == "merge", keep=keep, user=acting_user(request))
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Merged.") if decision == "merge" else _("Marked as different people."))
    return redirect("coalition:merges")
