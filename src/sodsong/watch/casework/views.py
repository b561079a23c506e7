"""The staff case screens: inbox, case page with timeline, and the actions on a case.

Every action is a POST that redirects back to the case; a refused action shows its reason on a
403 page, an edit race a 409 page telling the second staff member to reload.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sodsong.watch.casework import inbox, workflow
from sodsong.watch.casework.access import (
    CASE_STAFF,
    case_view,
    is_partner_only,
    partner_agency,
    refused,
    visible_cases,
)
from sodsong.watch.casework.followup import agency_says_resolved
from sodsong.watch.casework.forms import AskForm, FilterForm, ReferralForm, StatusForm, StepForm
from sodsong.watch.casework.procurement import confirm_link, suggest_links
from sodsong.watch.casework.referrals import Refused, reveal_identity
from sodsong.watch.codes import normalise_case_code
from sodsong.watch.models import (
    CaseEvent,
    CaseProjectLink,
    CloseReason,
    EditConflict,
    Evidence,
    InternalStep,
    Label,
    Report,
    Status,
)
from sodsong.web.staff import Role, staff_required

WORKERS = (Role.SCREENER, Role.EDITOR)
READERS = (*CASE_STAFF, Role.PARTNER)


def _back(report: Report) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("watch:staff-case", args=[report.code]))


def conflict(request: HttpRequest, report: Report) -> HttpResponse:
    message = _(
        "Someone else changed this case while you were working on it. Nothing was saved. "
        "Reload the case, check what changed, and try again."
    )
    return render(request, "watch/casework/refused.html", {"message": message, "report": report}, status=409)


@staff_required(*READERS)
def inbox_view(request: HttpRequest) -> HttpResponse:
    cases = visible_cases(request.user)
    form = FilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    found = inbox.filter_cases(cases, data)
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    partner = is_partner_only(request.user)
    return render(
        request,
        "watch/casework/inbox.html",
        {
            "form": form,
            "page": page,
            "overdue_cases": [] if partner else inbox.overdue_cases(cases.exclude(status=Status.DRAFT))[:20],
            "overdue_referrals": inbox.overdue_referrals(cases)[:20],
            "partner_agency": partner_agency(request.user) if partner else None,
            "query": request.GET.urlencode(),
        },
    )


def _timeline(report: Report, partner: bool) -> list[CaseEvent]:
    events = CaseEvent.objects.filter(report__in=workflow.case_family(report)).select_related(
        "actor", "report"
    )
    if partner:
        events = events.filter(public=True)
    return list(events.order_by("at", "pk"))


@case_view(*READERS)
def case_view_page(request: HttpRequest, report: Report) -> HttpResponse:
    partner = is_partner_only(request.user)
    family = workflow.case_family(report)
    file = workflow.casefile(report)
    referrals = report.referrals.select_related("agency")
    if partner:
        referrals = referrals.filter(agency=partner_agency(request.user))
    context: dict[str, Any] = {
        "report": report,
        "file": file,
        "partner": partner,
        "timeline": _timeline(report, partner),
        "evidence": Evidence.objects.filter(report__in=family).select_related("report"),
        "merged": family[1:],
        "referrals": list(referrals),
        "links": list(report.project_links.all()),
        "targets": [(s, Status(s).label) for s in workflow.allowed_targets(report, request.user)],
        "close_reasons": CloseReason.choices,
        "steps": InternalStep.choices,
        "staff_users": get_user_model()
        .objects.filter(groups__name__in=[r.value for r in WORKERS])
        .distinct()
        .order_by("username"),
        "referral_form": ReferralForm(),
        "ask_form": AskForm(initial={"version": report.version}),
        "overdue": inbox.is_overdue(report),
        "agency_says_resolved": agency_says_resolved(report),
        "can_work": (not partner and request.user.groups.filter(name__in=[r.value for r in WORKERS]).exists())
        or request.user.groups.filter(name=Role.ADMIN.value).exists(),
    }
    return render(request, "watch/casework/case.html", context)


@require_POST
@case_view(*WORKERS)
def status_view(request: HttpRequest, report: Report) -> HttpResponse:
    form = StatusForm(request.POST)
    if not form.is_valid():
        return refused(
            request, _("The form was incomplete: choose a status and reload the case."), status=400
        )
    data = form.cleaned_data
    try:
        workflow.change_status(
            report,
            data["status"],
            user=request.user,
            note=data["note"],
            public=not data["internal"],
            reason=data["reason"],
            expected_version=data["version"],
        )
    except EditConflict:
        return conflict(request, report)
    except workflow.Refused as exc:
        return refused(request, str(exc))
    messages.success(request, _("Status changed."))
    return _back(report)


@require_POST
@case_view(*WORKERS)
def ask_view(request: HttpRequest, report: Report) -> HttpResponse:
    form = AskForm(request.POST)
    if not form.is_valid():
        return refused(request, _("Write the question for the reporter."), status=400)
    try:
        workflow.ask_for_info(
            report,
            form.cleaned_data["question"],
            user=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except EditConflict:
        return conflict(request, report)
    except workflow.Refused as exc:
        return refused(request, str(exc))
    messages.success(request, _("The question was sent to the reporter."))
    return _back(report)


@require_POST
@case_view(*WORKERS)
def assign_view(request: HttpRequest, report: Report) -> HttpResponse:
    raw = request.POST.get("assignee", "")
    assignee = None
    if raw:
        assignee = (
            get_user_model()
            .objects.filter(
                pk=int(raw) if raw.isdecimal() else -1, groups__name__in=[r.value for r in WORKERS]
            )
            .first()
        )
        if assignee is None:
            return refused(request, _("Choose a screener or an editor."), status=400)
    workflow.assign(report, assignee, user=request.user)
    return _back(report)


@require_POST
@case_view(*WORKERS)
def step_view(request: HttpRequest, report: Report) -> HttpResponse:
    form = StepForm(request.POST)
    if not form.is_valid():
        return refused(request, _("Unknown internal step."), status=400)
    workflow.set_step(report, form.cleaned_data["step"], user=request.user)
    return _back(report)


@require_POST
@case_view(*WORKERS)
def label_view(request: HttpRequest, report: Report) -> HttpResponse:
    remove = request.POST.get("remove", "")
    try:
        if remove:
            label = get_object_or_404(Label, pk=int(remove) if remove.isdecimal() else -1)
            workflow.remove_label(report, label, user=request.user)
        else:
            workflow.add_label(report, request.POST.get("name", ""), user=request.user)
    except workflow.Refused as exc:
        return refused(request, str(exc), status=400)
    return _back(report)


@require_POST
@case_view(*WORKERS)
def merge_view(request: HttpRequest, report: Report) -> HttpResponse:
    code = normalise_case_code(request.POST.get("into", ""))
    kept = Report.objects.filter(code=code).first() if code else None
    if kept is None:
        return refused(request, _("No case with this code to keep."), status=400)
    version = request.POST.get("version", "")
    try:
        workflow.merge(
            report, kept, user=request.user, expected_version=int(version) if version.isdecimal() else None
        )
    except EditConflict:
        return conflict(request, report)
    except workflow.Refused as exc:
        return refused(request, str(exc), status=400)
    messages.success(request, _("Merged. This is the case that was kept."))
    return _back(kept)


@case_view(Role.CUSTODIAN)
def identity_view(request: HttpRequest, report: Report) -> HttpResponse:
    """The reporter's contact, for custodians only; opening the page is the audited act."""
    try:
        contact = reveal_identity(report, user=request.user)
    except Refused as exc:
        return refused(request, str(exc))
    response = render(request, "watch/casework/identity.html", {"report": report, "contact": contact})
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@case_view(*WORKERS)
def suggest_view(request: HttpRequest, report: Report) -> HttpResponse:
    found = suggest_links(report)
    if found:
        messages.info(
            request, _("Possible projects: %(count)d. Confirm the right ones.") % {"count": len(found)}
        )
    else:
        messages.info(request, _("No matching e-GP project was found in the warehouse."))
    return _back(report)


@require_POST
@case_view(*WORKERS)
def link_view(request: HttpRequest, report: Report, link_id: int) -> HttpResponse:
    link = get_object_or_404(CaseProjectLink, pk=link_id, report=report)
    confirm_link(link, user=request.user, confirmed=request.POST.get("confirm") != "0")
    return _back(report)
