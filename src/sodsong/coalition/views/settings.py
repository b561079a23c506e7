"""The programme's frame, edited by staff: strategies, issue areas, indicators and targets,
and which login belongs to which partner organisation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sodsong.coalition.access import PARTNER, staff_only
from sodsong.coalition.forms import (
    IndicatorForm,
    IndicatorTargetForm,
    IssueAreaForm,
    PartnerAccountForm,
    StrategyForm,
)
from sodsong.coalition.kpis import indicator_row
from sodsong.coalition.models import Indicator, IndicatorTarget, IssueArea, PartnerAccount, Strategy
from sodsong.coalition.views.common import default_period, scope_from
from sodsong.web.staff import ensure_role_groups


@staff_only
def frame(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "coalition/staff/frame.html",
        {"strategies": Strategy.objects.all(), "issue_areas": IssueArea.objects.all()},
    )


@staff_only
def strategy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = get_object_or_404(Strategy, pk=pk)
    form = StrategyForm(request.POST or None, instance=strategy)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("coalition:frame")
    return render(request, "coalition/staff/simple_form.html", {"form": form, "title": strategy.name})


@staff_only
def issue_area_edit(request: HttpRequest, pk: int) -> HttpResponse:
    issue_area = get_object_or_404(IssueArea, pk=pk)
    form = IssueAreaForm(request.POST or None, instance=issue_area)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("coalition:frame")
    return render(request, "coalition/staff/simple_form.html", {"form": form, "title": issue_area.name})


@staff_only
def indicator_list(request: HttpRequest) -> HttpResponse:
    period = scope_from(request).period if request.GET.get("period") else default_period()
    rows = [indicator_row(indicator, period) for indicator in Indicator.objects.select_related("strategy")]
    return render(request, "coalition/staff/indicator_list.html", {"rows": rows, "period": period})


@staff_only
def indicator_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    indicator = get_object_or_404(Indicator, pk=pk) if pk else None
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        indicator = form.save()
        messages.success(request, _("Saved."))
        return redirect("coalition:indicator", pk=indicator.pk)
    targets = indicator.targets.all() if indicator else []
    target_form = IndicatorTargetForm(indicator=indicator) if indicator else None
    return render(
        request,
        "coalition/staff/indicator_edit.html",
        {"form": form, "indicator": indicator, "targets": targets, "target_form": target_form},
    )


@staff_only
@require_POST
def target_save(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator, pk=pk)
    form = IndicatorTargetForm(request.POST, indicator=indicator)
    if form.is_valid():
        existing = IndicatorTarget.objects.filter(
            indicator=indicator, period=form.cleaned_data["period"]
        ).first()
        if existing is not None:
            form = IndicatorTargetForm(request.POST, instance=existing, indicator=indicator)
            form.is_valid()
        form.save()
        messages.success(request, _("Target saved."))
    else:
        messages.error(request, _("The target was not saved: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect("coalition:indicator", pk=indicator.pk)


@staff_only
def account_list(request: HttpRequest) -> HttpResponse:
    form = PartnerAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = get_user_model().objects.filter(username=form.cleaned_data["username"]).first()
        if user is None:
            form.add_error("username", _("No user with this name. Create the login first."))
        else:
            ensure_role_groups()
            PartnerAccount.objects.update_or_create(
                user=user, defaults={"organisation": form.cleaned_data["organisation"]}
            )
            user.groups.add(Group.objects.get(name=PARTNER.value))
            messages.success(
                request,
                _("%(user)s now logs in for %(organisation)s.")
                % {
                    "user": user.get_username(),
                    "organisation": form.cleaned_data["organisation"],
                },
            )
            return redirect("coalition:accounts")
    accounts = PartnerAccount.objects.select_related("user", "organisation").order_by("organisation__name_th")
    return render(request, "coalition/staff/account_list.html", {"form": form, "accounts": accounts})


@staff_only
@require_POST
def account_remove(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(PartnerAccount, pk=pk)
    account.user.groups.remove(*Group.objects.filter(name=PARTNER.value))
    account.delete()
    messages.success(request, _("Partner access removed."))
    return redirect("coalition:accounts")
