"""Login throttling: too many failures for a username or from an address locks both out a while."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from sodsong.web.models import LoginAttempt

__all__ = ["client_ip", "is_locked_out", "record_attempt"]


def _limits() -> tuple[int, datetime.timedelta]:
    return (
        int(getattr(settings, "STAFF_LOGIN_MAX_FAILURES", 5)),
        datetime.timedelta(seconds=int(getattr(settings, "STAFF_LOGIN_LOCKOUT_SECONDS", 900))),
    )


def client_ip(request: HttpRequest) -> str | None:
    """The peer address (behind a proxy, configure the proxy to set REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR") or None


def is_locked_out(username: str, ip: str | None) -> bool:
    """True when the username or the address has too many recent failures."""
    max_failures, window = _limits()
    since = timezone.now() - window
    recent = LoginAttempt.objects.filter(succeeded=False, at__gte=since)
    if recent.filter(username=username.lower()).count() >= max_failures:
        return True
    return ip is not None and recent.filter(ip_address=ip).count() >= max_failures * 4


def record_attempt(username: str, ip: str | None, *, stage: str, succeeded: bool) -> None:
    LoginAttempt.objects.create(username=username.lower(), ip_address=ip, stage=stage, succeeded=succeeded)
