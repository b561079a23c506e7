"""Middleware the whole site relies on: a strict CSP and Thai as the default language."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

# No inline script or style anywhere: every asset is a file served by this site.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    """Adds the site's Content-Security-Policy to every response that has none."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


def requested_language(request: HttpRequest) -> str:
    """`?lang=` (shareable links), then the language cookie, then Thai."""
    supported = {code for code, _ in settings.LANGUAGES}
    for candidate in (request.GET.get("lang"), request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)):
        if candidate in supported:
            return str(candidate)
    return str(settings.LANGUAGE_CODE)


class ThaiFirstLocaleMiddleware:
    """Activates the visitor's chosen language; Thai when they chose none.

    Unlike Django's LocaleMiddleware it ignores Accept-Language: an English-language phone
    still gets the Thai site until its owner presses "English".
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = requested_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        vary = response.headers.get("Vary")
        response.headers["Vary"] = f"{vary}, Cookie" if vary and "Cookie" not in vary else (vary or "Cookie")
        return response
