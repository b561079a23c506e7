"""Staff sign-in (password, then TOTP), first-time authenticator setup, sign-out, staff home."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from sodsong.web.staff.access import staff_required
from sodsong.web.staff.devices import confirmed_device, pending_device, qr_data_uri, secret_base32
from sodsong.web.staff.forms import PasswordForm, TokenForm
from sodsong.web.staff.links import staff_links_for
from sodsong.web.staff.roles import user_roles
from sodsong.web.staff.throttle import client_ip, is_locked_out, record_attempt


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("staff:home")


def _locked(request: HttpRequest, form: object) -> HttpResponse:
    message = _("Too many failed attempts. Wait 15 minutes, then try again.")
    return render(request, "web/staff/login.html", {"form": form, "error": message}, status=429)


@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    """Step one: username and password (throttled per username and per address)."""
    form = PasswordForm(request.POST or None)
    context: dict[str, object] = {"form": form, "next": _next_url(request)}
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        ip = client_ip(request)
        if is_locked_out(username, ip):
            return _locked(request, form)
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if user is None or not user_roles(user):
            record_attempt(username, ip, stage="password", succeeded=False)
            context["error"] = _("Wrong username or password.")
            return render(request, "web/staff/login.html", context, status=401)
        record_attempt(username, ip, stage="password", succeeded=True)
        login(request, user)
        step = "staff:otp" if confirmed_device(user) else "staff:otp-setup"
        return HttpResponseRedirect(f"{reverse(step)}?{urlencode({'next': context['next']})}")
    return render(request, "web/staff/login.html", context)


@never_cache
def otp_view(request: HttpRequest) -> HttpResponse:
    """Step two: the six-digit code from the account's authenticator."""
    user = request.user
    if not user.is_authenticated:
        return redirect("staff:login")
    device = confirmed_device(user)
    if device is None:
        return redirect("staff:otp-setup")
    form = TokenForm(request.POST or None)
    context: dict[str, object] = {"form": form, "next": _next_url(request)}
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        username = user.get_username()
        if is_locked_out(username, ip):
            return _locked(request, form)
        if device.verify_token(form.cleaned_data["token"]):
            record_attempt(username, ip, stage="otp", succeeded=True)
            otp_login(request, device)
            request.session.cycle_key()
            return HttpResponseRedirect(str(context["next"]))
        record_attempt(username, ip, stage="otp", succeeded=False)
        context["error"] = _("That code is not right. Codes change every 30 seconds.")
        return render(request, "web/staff/otp.html", context, status=401)
    return render(request, "web/staff/otp.html", context)


@never_cache
def otp_setup_view(request: HttpRequest) -> HttpResponse:
    """First sign-in: scan the QR code into an authenticator app and confirm one code."""
    user = request.user
    if not user.is_authenticated:
        return redirect("staff:login")
    if confirmed_device(user) is not None:
        return redirect("staff:otp")
    device = pending_device(user)
    form = TokenForm(request.POST or None)
    context: dict[str, object] = {
        "form": form,
        "next": _next_url(request),
        "qr": qr_data_uri(device),
        "secret": secret_base32(device),
    }
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        if is_locked_out(user.get_username(), ip):
            return _locked(request, form)
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            record_attempt(user.get_username(), ip, stage="otp-setup", succeeded=True)
            otp_login(request, device)
            request.session.cycle_key()
            return HttpResponseRedirect(str(context["next"]))
        record_attempt(user.get_username(), ip, stage="otp-setup", succeeded=False)
        context["error"] = _("That code is not right. Check the time on your phone and try again.")
        return render(request, "web/staff/otp_setup.html", context, status=401)
    return render(request, "web/staff/otp_setup.html", context)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("web:home")


@staff_required()
def home_view(request: HttpRequest) -> HttpResponse:
    """The staff home: the screens this person's roles open."""
    return render(
        request,
        "web/staff/home.html",
        {"links": staff_links_for(request.user), "roles": sorted(user_roles(request.user))},
    )
