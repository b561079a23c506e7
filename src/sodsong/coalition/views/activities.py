"""Logging and completing activities (staff and partners; partners only their own)."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sodsong.coalition.access import staff_or_partner
from sodsong.coalition.forms import (
    ActivityForm,
    ActivityOrganisationForm,
    EvidenceForm,
    LinkForm,
    ParticipantForm,
    QuickActivityForm,
)
from sodsong.coalition.metrics import activities_in
from sodsong.coalition.models import (
    ActivityOrganisation,
    ActivityType,
    OrganisationRole,
    Participation,
)
from sodsong.coalition.people import record_person
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


def _filtered_activities(request: HttpRequest):  # type: ignore[no-untyped-def]
    v = viewer(request)
    form = filters(request)
    qs = v.activities()
    if cleaned(form, "period"):
        scope = scope_from(request, form)
        qs = qs.filter(id__in=activities_in(scope).values("id"))
    else:
        if cleaned(form, "strategy"):
            qs = qs.filter(strategy=cleaned(form, "strategy"))
        if cleaned(form, "issue_area"):
            qs = qs.filter(issue_areas=cleaned(form, "issue_area"))
        if cleaned(form, "sector"):
            qs = qs.filter(organisations__sector=cleaned(form, "sector")).distinct()
    kind = request.GET.get("type")
    if kind in ActivityType.values:
        qs = qs.filter(activity_type=kind)
    if request.GET.get("needs_details"):
        qs = qs.filter(strategy__isnull=True)
    qs = text_search(qs, cleaned(form, "q"), "title", "place", "description")
    qs = qs.select_related("strategy").annotate(participant_count=Count("participations", distinct=True))
    return form, qs.order_by("-start_date", "-id")


@staff_or_partner
def activity_list(request: HttpRequest) -> HttpResponse:
    form, qs = _filtered_activities(request)
    return render(
        request,
        "coalition/staff/activity_list.html",
        {
            "form": form,
            "page": page_of(request, qs),
            "types": ActivityType.choices,
            "query": query_without_page(request),
        },
    )


@staff_or_partner
def activity_new(request: HttpRequest) -> HttpResponse:
    """Quick logging: title, type, date (and strategy if known). Details come later."""
    v = viewer(request)
    form = QuickActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            activity = form.save(commit=False)
            activity.created_by = acting_user(request)
            if v.is_partner:
                activity.owner_organisation = v.organisation
            activity.save()
            if v.is_partner and v.organisation is not None:
                ActivityOrganisation.objects.create(
                    activity=activity, organisation=v.organisation, role=OrganisationRole.ORGANISER
                )
        messages.success(request, _("Activity logged. Add the details when you can."))
        return redirect("coalition:activity", pk=activity.pk)
    return render(request, "coalition/staff/activity_new.html", {"form": form})


@staff_or_partner
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    activity = v.activity(pk)
    can_edit = v.can_edit_activity(activity)
    participations = (
        activity.participations.select_related("person", "organisation").order_by("person__name_key")
        if (v.is_staff or can_edit)
        else Participation.objects.none()
    )
    return render(
        request,
        "coalition/staff/activity_detail.html",
        {
            "activity": activity,
            "can_edit": can_edit,
            "organisation_links": activity.organisation_links.select_related("organisation"),
            "participations": participations,
            "participant_count": activity.participations.count(),
            "participant_form": ParticipantForm(),
            "organisation_form": ActivityOrganisationForm(),
            "evidence_form": EvidenceForm(),
            "link_form": LinkForm(),
            "sees_contacts": v.sees_contacts,
        },
    )


@staff_or_partner
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    activity = v.activity(pk, edit=True)
    form = ActivityForm(request.POST or None, instance=activity, partner=not v.is_staff)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            activity = form.save()
            chosen = set(form.cleaned_data["organisations"])
            current = {
                link.organisation: link for link in activity.organisation_links.select_related("organisation")
            }
            for organisation, link in current.items():
                keep_own = v.is_partner and organisation == v.organisation
                if organisation not in chosen and not keep_own:
                    link.delete()
            for organisation in chosen - set(current):
                ActivityOrganisation.objects.create(activity=activity, organisation=organisation)
        messages.success(request, _("Activity saved."))
        return redirect("coalition:activity", pk=activity.pk)
    return render(request, "coalition/staff/activity_edit.html", {"form": form, "activity": activity})


@staff_or_partner
@require_POST
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    activity = v.activity(pk, edit=True)
    form = ParticipantForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            person, _created = record_person(
                data["name"],
                email=data["email"],
                phone=data["phone"],
                organisation=data["organisation"],
                source=f"activity {activity.pk}",
            )
            _participation, made = Participation.objects.get_or_create(
                activity=activity,
                person=person,
                defaults={"role": data["role"], "organisation": data["organisation"], "source": "form"},
            )
        if made:
            messages.success(request, _("%(name)s added.") % {"name": person.full_name})
        else:
            messages.info(
                request, _("%(name)s is already recorded at this activity.") % {"name": person.full_name}
            )
    else:
        messages.error(
            request, _("The participant was not added: %(errors)s") % {"errors": form.errors.as_text()}
        )
    return redirect(reverse("coalition:activity", args=[activity.pk]) + "#participants")


@staff_or_partner
@require_POST
def participant_remove(request: HttpRequest, pk: int, participation_pk: int) -> HttpResponse:
    activity = viewer(request).activity(pk, edit=True)
    get_object_or_404(Participation, pk=participation_pk, activity=activity).delete()
    messages.success(request, _("Participant removed."))
    return redirect(reverse("coalition:activity", args=[activity.pk]) + "#participants")


@staff_or_partner
@require_POST
def organisation_add(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    activity = v.activity(pk, edit=True)
    form = ActivityOrganisationForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                ActivityOrganisation.objects.create(
                    activity=activity,
                    organisation=form.cleaned_data["organisation"],
                    role=form.cleaned_data["role"],
                )
        except IntegrityError:
            messages.info(request, _("This organisation is already linked to the activity."))
    return redirect(reverse("coalition:activity", args=[activity.pk]) + "#organisations")


@staff_or_partner
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    activity = v.activity(pk, edit=True)
    add_evidence(request, activity=activity)
    return redirect(reverse("coalition:activity", args=[activity.pk]) + "#evidence")


@staff_or_partner
@require_POST
def link_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = viewer(request).activity(pk, edit=True)
    form = LinkForm(request.POST)
    if form.is_valid():
        link = form.save(commit=False)
        link.activity = activity
        link.save()
    else:
        messages.error(request, _("The link was not added: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect(reverse("coalition:activity", args=[activity.pk]) + "#links")


@staff_or_partner
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Evidence is served only to those who may see what it documents, never as a public file."""
    evidence = viewer(request).evidence(pk)
    content_type = (
        evidence.content_type
        or mimetypes.guess_type(str(evidence.file.name))[0]
        or "application/octet-stream"
    )
    response = FileResponse(evidence.file.open("rb"), content_type=content_type, as_attachment=True)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
