"""Site-wide pages: the home page and a health check."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

import sodsong


def home(request: HttpRequest) -> HttpResponse:
    """The home page: what the three parts are and where to start."""
    return render(request, "web/home.html")


def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and `sodsong serve` checks: the app database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok", "version": sodsong.__version__})
