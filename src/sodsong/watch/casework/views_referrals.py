"""Referral screens: send a case to an agency, record the answer, consent, and the PDF letter."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sodsong.watch.casework import referrals
from sodsong.watch.casework.access import CASE_STAFF, case_view, is_partner_only, partner_agency, refused
from sodsong.watch.casework.forms import ConsentForm, ReferralForm, ResponseForm
from sodsong.watch.casework.letter import referral_letter
from sodsong.watch.casework.workflow import Refused
from sodsong.watch.models import Referral, Report
from sodsong.web.staff import Role

WORKERS = (Role.SCREENER, Role.EDITOR)


def _referral(request: HttpRequest, report: Report, referral_id: int) -> Referral:
    referral = get_object_or_404(Referral.objects.select_related("agency"), pk=referral_id, report=report)
    return referral


def _partner_may_not(request: HttpRequest, referral: Referral) -> bool:
    return is_partner_only(request.user) and referral.agency != partner_agency(request.user)


@require_POST
@case_view(*WORKERS)
def referral_new(request: HttpRequest, report: Report) -> HttpResponse:
    form = ReferralForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[f].label if f in form.fields else f}: {' '.join(str(x) for x in e)}"
            for f, e in form.errors.items()
        )
        return refused(request, _("The referral was not saved: %(errors)s") % {"errors": errors}, status=400)
    data = form.cleaned_data
    try:
        referral = referrals.create_referral(
            report,
            data["agency"],
            user=request.user,
            channel=data["channel"],
            sent_on=data["sent_on"],
            reference_number=data["reference_number"],
            response_due=data["response_due"],
            include_identity=data["include_identity"],
        )
    except Refused as exc:
        return refused(request, str(exc))
    messages.success(request, _("Referral recorded."))
    return HttpResponseRedirect(reverse("watch:staff-referral", args=[report.code, referral.pk]))


@case_view(*CASE_STAFF, Role.PARTNER)
def referral_detail(request: HttpRequest, report: Report, referral_id: int) -> HttpResponse:
    referral = _referral(request, report, referral_id)
    if _partner_may_not(request, referral):
        return refused(request, _("This referral was sent to another organisation."))
    form = ResponseForm(request.POST or None, instance=referral)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        referral.refresh_from_db()
        referrals.record_response(referral, user=request.user, fields=fields)
        messages.success(request, _("The agency's response was saved."))
        return HttpResponseRedirect(request.path)
    return render(
        request,
        "watch/casework/referral.html",
        {"report": report, "referral": referral, "form": form, "consent_form": ConsentForm()},
        status=400 if form.errors else 200,
    )


@require_POST
@case_view(Role.CUSTODIAN)
def referral_consent(request: HttpRequest, report: Report, referral_id: int) -> HttpResponse:
    referral = _referral(request, report, referral_id)
    form = ConsentForm(request.POST)
    try:
        if not form.is_valid():
            raise Refused(_("Write how the reporter consented."))
        referrals.record_consent(referral, user=request.user, note=form.cleaned_data["consent_note"])
        if request.POST.get("include") == "1":
            referrals.set_include_identity(referral, True, user=request.user)
    except Refused as exc:
        return refused(request, str(exc), status=400)
    return HttpResponseRedirect(reverse("watch:staff-referral", args=[report.code, referral.pk]))


@require_POST
@case_view(*WORKERS, Role.CUSTODIAN)
def referral_identity(request: HttpRequest, report: Report, referral_id: int) -> HttpResponse:
    referral = _referral(request, report, referral_id)
    try:
        referrals.set_include_identity(referral, request.POST.get("include") == "1", user=request.user)
    except Refused as exc:
        return refused(request, str(exc))
    return HttpResponseRedirect(reverse("watch:staff-referral", args=[report.code, referral.pk]))


@case_view(*CASE_STAFF, Role.PARTNER)
def referral_pdf(request: HttpRequest, report: Report, referral_id: int) -> HttpResponse:
    referral = _referral(request, report, referral_id)
    if _partner_may_not(request, referral):
        return refused(request, _("This referral was sent to another organisation."))
    data = referral_letter(referral, user=request.user)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="referral-{report.code}-{referral.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
