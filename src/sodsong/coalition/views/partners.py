"""The partner directory: sectors, contacts, history of involvement."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Max, Min, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sodsong.coalition.access import Viewer, staff_only, staff_or_partner
from sodsong.coalition.forms import ContactForm, NoteForm, OrganisationForm
from sodsong.coalition.metrics import Scope, partner_organisations
from sodsong.coalition.models import Activity, Organisation, Participation, Sector
from sodsong.coalition.views.common import (
    acting_user,
    cleaned,
    filters,
    page_of,
    query_without_page,
    scope_from,
    text_search,
    viewer,
)


def directory(request: HttpRequest, v: Viewer) -> tuple[object, QuerySet[Organisation]]:
    """The organisations this viewer may see, narrowed by the directory filters."""
    form = filters(request)
    qs = v.organisations()
    if cleaned(form, "period"):
        scope = scope_from(request, form)
        qs = qs.filter(id__in=partner_organisations(scope).values("id"))
    else:
        involved = Activity.objects.all()
        narrowed = False
        if cleaned(form, "strategy"):
            involved = involved.filter(strategy=cleaned(form, "strategy"))
            narrowed = True
        if cleaned(form, "issue_area"):
            involved = involved.filter(issue_areas=cleaned(form, "issue_area"))
            narrowed = True
        if narrowed:
            ids = involved.values("id")
            qs = qs.filter(
                Q(id__in=Organisation.objects.filter(activity_links__activity__in=ids).values("id"))
                | Q(id__in=Participation.objects.filter(activity__in=ids).values("organisation_id"))
            )
    if cleaned(form, "sector"):
        qs = qs.filter(sector=cleaned(form, "sector"))
    qs = text_search(qs, cleaned(form, "q"), "name_th", "name_en", "short_name")
    qs = qs.annotate(
        activity_count=Count("activity_links", distinct=True),
        first_activity=Min("activity_links__activity__start_date"),
        last_activity=Max("activity_links__activity__start_date"),
    ).order_by("name_th")
    return form, qs


@staff_or_partner
def partner_list(request: HttpRequest) -> HttpResponse:
    form, qs = directory(request, viewer(request))
    return render(
        request,
        "coalition/staff/partner_list.html",
        {
            "form": form,
            "page": page_of(request, qs),
            "query": query_without_page(request),
            "sectors": Sector.choices,
        },
    )


@staff_or_partner
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    organisation = v.organisation_detail(pk)
    activities = (
        v.activities()
        .filter(
            Q(id__in=Activity.objects.filter(organisation_links__organisation=organisation).values("id"))
            | Q(id__in=Participation.objects.filter(organisation=organisation).values("activity_id"))
        )
        .select_related("strategy")
        .order_by("-start_date")
    )
    history = activities.aggregate(first=Min("start_date"), last=Max("start_date"))
    context = {
        "organisation": organisation,
        "activities": activities[:200],
        "activity_total": activities.count(),
        "outcomes": v.outcomes().filter(partners=organisation),
        "history": history,
        "notes": organisation.notes.all() if v.is_staff else [],
        "contacts": organisation.contacts.all() if v.sees_contacts else [],
        "people": (
            organisation.affiliations.select_related("person").filter(person__merged_into__isnull=True)
            if v.is_staff
            else []
        ),
        "contact_form": ContactForm(),
        "note_form": NoteForm(),
        "is_staff": v.is_staff,
    }
    return render(request, "coalition/staff/partner_detail.html", context)


@staff_only
def partner_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    v = viewer(request)
    organisation = v.organisation_detail(pk) if pk else None
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        messages.success(request, _("Organisation saved."))
        return redirect("coalition:partner", pk=organisation.pk)
    return render(request, "coalition/staff/partner_edit.html", {"form": form, "organisation": organisation})


@staff_only
@require_POST
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = viewer(request).organisation_detail(pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        contact = form.save(commit=False)
        contact.organisation = organisation
        contact.save()
        messages.success(request, _("Contact added."))
    else:
        messages.error(
            request, _("The contact was not added: %(errors)s") % {"errors": form.errors.as_text()}
        )
    return redirect("coalition:partner", pk=organisation.pk)


@staff_only
@require_POST
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = viewer(request).organisation_detail(pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        note = form.save(commit=False)
        note.organisation = organisation
        note.created_by = acting_user(request)
        note.save()
        messages.success(request, _("Note added."))
    else:
        messages.error(request, _("The note was not added: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect("coalition:partner", pk=organisation.pk)


def sector_counts(scope: Scope) -> dict[str, int]:
    rows = partner_organisations(scope).values("sector").annotate(n=Count("id"))
    return {row["sector"]: row["n"] for row in rows}
