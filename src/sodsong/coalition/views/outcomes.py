"""The outcome log (Outcome Harvesting)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sodsong.coalition.access import staff_or_partner
from sodsong.coalition.forms import EvidenceForm, OutcomeForm
from sodsong.coalition.metrics import outcomes as outcomes_in
from sodsong.coalition.views.common import (
    acting_user,
    add_evidence,
    cleaned,
    filters,
    page_of,
    query_without_page,
    scope_from,
    text_search,
    viewer,
)


@staff_or_partner
def outcome_list(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    form = filters(request)
    qs = v.outcomes()
    if cleaned(form, "period"):
        qs = qs.filter(id__in=outcomes_in(scope_from(request, form)).values("id"))
    else:
        if cleaned(form, "strategy"):
            qs = qs.filter(strategy=cleaned(form, "strategy"))
        if cleaned(form, "issue_area"):
            qs = qs.filter(issue_areas=cleaned(form, "issue_area"))
    qs = text_search(qs, cleaned(form, "q"), "title", "social_actor", "description")
    return render(
        request,
        "coalition/staff/outcome_list.html",
        {
            "form": form,
            "page": page_of(request, qs.select_related("strategy").order_by("-changed_on", "-id")),
            "query": query_without_page(request),
        },
    )


@staff_or_partner
def outcome_detail(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    outcome = v.outcome(pk)
    return render(
        request,
        "coalition/staff/outcome_detail.html",
        {
            "outcome": outcome,
            "can_edit": v.can_edit_outcome(outcome),
            "partners": outcome.partners.all() & v.organisations(),
            "activities": outcome.activities.all() & v.activities(),
            "evidence_form": EvidenceForm(),
        },
    )


@staff_or_partner
def outcome_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    v = viewer(request)
    outcome = v.outcome(pk, edit=True) if pk else None
    form = OutcomeForm(
        request.POST or None,
        instance=outcome,
        partner=not v.is_staff,
        activities=v.activities().order_by("-start_date"),
    )
    form.fields["partners"].queryset = v.organisations()  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        outcome = form.save(commit=False)
        if outcome.pk is None:
            outcome.created_by = acting_user(request)
            if v.is_partner:
                outcome.owner_organisation = v.organisation
        outcome.save()
        form.save_m2m()
        if v.is_partner and v.organisation is not None:
            outcome.partners.add(v.organisation)
        messages.success(request, _("Outcome saved."))
        return redirect("coalition:outcome", pk=outcome.pk)
    return render(request, "coalition/staff/outcome_edit.html", {"form": form, "outcome": outcome})


@staff_or_partner
@require_POST
def outcome_evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    outcome = v.outcome(pk, edit=True)
    add_evidence(request, outcome=outcome)
    return redirect("coalition:outcome", pk=outcome.pk)
