"""ETags for the project, agency and company pages: a page only changes with the search index.

The pages are drawn from one immutable index file per warehouse snapshot, so (index file,
language, address, CSRF cookie, code version) names the bytes of a response. A browser that
comes back with that tag in `If-None-Match` gets `304 Not Modified` without the page being
read or rendered. Signed-in staff always get the full page (it may carry messages for them).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.translation import get_language

import sodsong
from sodsong.procurement.dbstate import cached_on_db_state
from sodsong.procurement.search.store import NoIndexError, locate

__all__ = ["snapshot_etag"]

View = Callable[..., HttpResponse]


def _linked_cases_version() -> str:
    from sodsong.watch.casework.procurement import linked_cases_version

    return cached_on_db_state("linked_cases_version", linked_cases_version)


def _tag(request: HttpRequest) -> str | None:
    try:
        location = locate()
        stat = location.path.stat()
    except (NoIndexError, OSError):
        return None
    request.index_location = location  # type: ignore[attr-defined]  # the view reads this index
    parts = (
        location.path.name,
        str(stat.st_ino),
        str(stat.st_mtime_ns),
        get_language() or "",
        request.get_full_path(),
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        sodsong.__version__,
        _linked_cases_version(),  # project pages list published citizen cases (watch part)
    )
    return '"' + hashlib.blake2b("\n".join(parts).encode(), digest_size=12).hexdigest() + '"'


def snapshot_etag(view: View) -> View:
    """Answer a matching `If-None-Match` with 304; tag every 200 with the index's ETag."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = getattr(request, "user", None)
        tag = (
            None
            if request.method not in ("GET", "HEAD") or (user and user.is_authenticated)
            else _tag(request)
        )
        if tag is None:
            return view(request, *args, **kwargs)
        sent = {t.strip() for t in request.headers.get("If-None-Match", "").split(",")}
        if tag in sent:
            response: HttpResponse = HttpResponseNotModified()
            response["ETag"] = tag
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            response["ETag"] = tag
            response["Cache-Control"] = "private, no-cache"
        return response

    return wrapped
