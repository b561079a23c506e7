"""Who may open a staff page: signed in, second factor verified, holding one of the roles."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from sodsong.web.staff.roles import Role, user_roles

__all__ = ["access_denied", "has_role", "is_verified_staff", "staff_required"]

logger = logging.getLogger("sodsong.staff")

#: Sent when a signed-in, verified user opens a staff page their roles do not allow
#: (arguments: request, user, roles). The audit log listens to it.
access_denied = Signal()

View = TypeVar("View", bound=Callable[..., HttpResponse])


def has_role(user: Any, *roles: Role) -> bool:
    """True when `user` holds one of `roles` (any role when none are named); admins always do."""
    held = user_roles(user)
    if not held:
        return False
    if Role.ADMIN in held or not roles:
        return True
    return bool(held.intersection(roles))


def is_verified_staff(request: HttpRequest) -> bool:
    """Signed in with password and a one-time code in this session, and holding a role."""
    user = request.user
    verified = getattr(user, "is_verified", None)
    return bool(user.is_authenticated and callable(verified) and verified() and user_roles(user))


def _redirect(name: str, request: HttpRequest) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


def staff_required(*roles: Role) -> Callable[[View], View]:
    """Guard a staff view. Without roles any staff role will do; admins pass every guard.

    Not signed in: to the login page. Signed in without a verified second factor: to the
    one-time-code page (or its first-time setup). Wrong role: 403, logged and signalled.
    """

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user: Any = request.user
            if not user.is_authenticated:
                return _redirect("staff:login", request)
            if not user_roles(user):
                return render(request, "web/staff/forbidden.html", status=403)
            if not user.is_verified():
                from sodsong.web.staff.devices import confirmed_device

                name = "staff:otp" if confirmed_device(user) else "staff:otp-setup"
                return _redirect(name, request)
            if not has_role(user, *roles):
                logger.warning("staff access denied: user=%s path=%s", user.pk, request.path)
                access_denied.send(sender=staff_required, request=request, user=user, roles=roles)
                return render(request, "web/staff/forbidden.html", status=403)
            return view(request, *args, **kwargs)

        wrapped.staff_roles = roles  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator
