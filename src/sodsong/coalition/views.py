"""Pages of the coalition part."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def index(request: HttpRequest) -> HttpResponse:
    """The entry page of the coalition part."""
    return render(request, "web/part_empty.html", {"part": "coalition"})
