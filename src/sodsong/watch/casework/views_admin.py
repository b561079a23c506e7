"""Admin and custodian screens: the agency directory, the audit log, data-subject requests."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sodsong.watch.casework.access import refused
from sodsong.watch.casework.forms import AgencyForm, AuditFilterForm
from sodsong.watch.casework.subject_requests import export_data, handle_request
from sodsong.watch.casework.workflow import Refused
from sodsong.watch.codes import normalise_case_code
from sodsong.watch.models import Agency, AuditEntry, DataRequest, PartnerAccount
from sodsong.web.staff import Role, has_role, staff_required


@staff_required(Role.ADMIN)
def agency_list(request: HttpRequest) -> HttpResponse:
    return render(request, "watch/casework/agencies.html", {"agencies": Agency.objects.all()})


@staff_required(Role.ADMIN)
def agency_edit(request: HttpRequest, agency_id: int | None = None) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=agency_id) if agency_id is not None else None
    form = AgencyForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Agency saved."))
        return HttpResponseRedirect(reverse("watch:staff-agency", args=[saved.pk]))
    partners = PartnerAccount.objects.filter(agency=agency).select_related("user") if agency else []
    return render(
        request,
        "watch/casework/agency_edit.html",
        {"form": form, "agency": agency, "partners": partners},
        status=400 if form.errors else 200,
    )


@require_POST
@staff_required(Role.ADMIN)
def agency_partner(request: HttpRequest, agency_id: int) -> HttpResponse:
    """Link a partner login to this agency (the account needs the partner role)."""
    agency = get_object_or_404(Agency, pk=agency_id)
    user = get_user_model().objects.filter(username=request.POST.get("username", "").strip()).first()
    if user is None or not user.groups.filter(name=Role.PARTNER.value).exists():
        return refused(request, _("No partner account with this username."), status=400)
    PartnerAccount.objects.update_or_create(user=user, defaults={"agency": agency})
    return HttpResponseRedirect(reverse("watch:staff-agency", args=[agency.pk]))


@staff_required(Role.ADMIN)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.select_related("actor")
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            entries = entries.filter(action__startswith=data["action"].strip())
        if data["actor"]:
            entries = entries.filter(actor__username=data["actor"].strip())
        if data["case"]:
            entries = entries.filter(
                case_code=normalise_case_code(data["case"]) or data["case"].strip().upper()
            )
        if data["refused"]:
            entries = entries.filter(refused=True)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
    return render(
        request,
        "watch/casework/audit.html",
        {"form": form, "page": page, "actions": list(actions), "query": request.GET.urlencode()},
    )


@staff_required(Role.CUSTODIAN)
def request_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "watch/casework/requests.html",
        {"requests": DataRequest.objects.select_related("report")[:200]},
    )


@staff_required(Role.CUSTODIAN)
def request_export(request: HttpRequest, request_id: int) -> HttpResponse:
    found = get_object_or_404(DataRequest, pk=request_id)
    if found.report is None or not has_role(request.user, Role.CUSTODIAN):
        return refused(request, _("The case of this request no longer exists."), status=404)
    data = export_data(found.report, user=request.user)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sodsong-{found.case_code}.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@staff_required(Role.CUSTODIAN)
def request_handle(request: HttpRequest, request_id: int) -> HttpResponse:
    found = get_object_or_404(DataRequest, pk=request_id)
    try:
        handle_request(
            found,
            user=request.user,
            done=request.POST.get("done") == "1",
            note=request.POST.get("note", "")[:2000],
        )
    except Refused as exc:
        return refused(request, str(exc), status=400)
    messages.success(request, _("Request handled."))
    return HttpResponseRedirect(reverse("watch:staff-requests"))
