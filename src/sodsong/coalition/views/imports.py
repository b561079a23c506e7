"""Spreadsheet import screens: upload → preview and column mapping → row errors → commit."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sodsong.coalition.access import staff_or_partner
from sodsong.coalition.forms import ImportUploadForm
from sodsong.coalition.imports.jobs import ImportRefused, check_job, commit_job, field_choices, start_job
from sodsong.coalition.imports.reader import FileProblem
from sodsong.coalition.models import ImportKind, ImportStatus, Sector
from sodsong.coalition.views.common import viewer


@staff_or_partner
def import_list(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    editable = v.activities() if v.is_staff else v.activities().filter(owner_organisation=v.organisation)
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, activities=editable.order_by("-start_date")
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = start_job(
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                activity=form.cleaned_data["activity"],
                user=request.user,
                owner_organisation_id=v.organisation.pk if v.is_partner and v.organisation else None,
            )
        except FileProblem as exc:
            form.add_error("file", str(exc))
        else:
            try:
                check_job(job)
            except FileProblem as exc:
                messages.error(request, str(exc))
            return redirect("coalition:import", pk=job.pk)
    return render(
        request,
        "coalition/staff/import_list.html",
        {"form": form, "jobs": v.imports().select_related("activity")[:20]},
    )


@staff_or_partner
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview: mapping (suggested, changeable), options, counts and every row error."""
    job = get_object_or_404(viewer(request).imports(), pk=pk)
    if request.method == "POST" and job.status != ImportStatus.COMMITTED:
        mapping = {}
        for name, _label, _required in field_choices(job.kind):
            value = request.POST.get(f"map_{name}", "")
            if value.isdecimal() and int(value) < len(job.headers):
                mapping[name] = int(value)
        job.mapping = mapping
        sector = request.POST.get("create_organisations_sector", "")
        job.options = {
            "skip_duplicates": request.POST.get("skip_duplicates") == "1",
            "create_organisations_sector": sector if sector in Sector.values else "",
        }
        job.save()
        try:
            check_job(job)
        except FileProblem as exc:
            messages.error(request, str(exc))
        return redirect("coalition:import", pk=job.pk)
    fields = [
        {"name": name, "label": label, "required": required, "column": job.mapping.get(name)}
        for name, label, required in field_choices(job.kind)
    ]
    report = job.report or {}
    can_commit = (
        job.status == ImportStatus.CHECKED
        and not report.get("missing")
        and not report.get("error_count")
        and not report.get("file_problem")
        and report.get("records", 0) > 0
        and (not report.get("duplicate_count") or (job.options or {}).get("skip_duplicates"))
    )
    return render(
        request,
        "coalition/staff/import_detail.html",
        {
            "job": job,
            "fields": fields,
            "headers": list(enumerate(job.headers)),
            "report": report,
            "can_commit": can_commit,
            "sectors": Sector.choices,
            "kind_label": ImportKind(job.kind).label,
        },
    )


@staff_or_partner
@require_POST
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(viewer(request).imports(), pk=pk)
    try:
        written = commit_job(job)
    except (ImportRefused, FileProblem) as exc:
        messages.error(request, str(exc))
        return redirect("coalition:import", pk=job.pk)
    if job.kind == "participants":
        messages.success(
            request,
            _("Imported %(rows)s participations: %(new)s new people, %(known)s already recorded.")
            % {
                "rows": written["participations"],
                "new": written["new_people"],
                "known": written["existing_people"],
            },
        )
        if job.activity_id:
            return redirect("coalition:activity", pk=job.activity_id)
    else:
        messages.success(request, _("Imported %(rows)s activities.") % {"rows": written["activities"]})
    return redirect("coalition:import", pk=job.pk)
