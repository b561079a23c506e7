"""`POST /line/webhook`: check, store, answer 200; the processing happens after.

Order matters: the size is checked before the body is read (413), the signature over the raw
bytes before anything is decoded (400 without it, 401 when it is wrong: nothing stored), then the
body is decoded and parsed (400 for invalid UTF-8 or JSON), then every event is stored in one
transaction, and only then does LINE get its 200. An empty `events` list is LINE's console
"verify" call: 200, nothing stored.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from sodsong.watch.line.inbox import BadWebhook, parse_body, store_events, verify_signature
from sodsong.watch.line.processing import ensure_worker, wake

__all__ = ["webhook"]

log = logging.getLogger(__name__)


def _answer(status: int, message: str) -> JsonResponse:
    return JsonResponse({"message": message}, status=status)


def _read_capped(request: HttpRequest, limit: int) -> bytes | None:
    """The body, or None when it is larger than `limit` (never reading more than limit + 1 bytes)."""
    declared = request.META.get("CONTENT_LENGTH") or ""
    if declared.isdecimal() and int(declared) > limit:
        return None
    body = request.read(limit + 1)
    return None if len(body) > limit else body


@csrf_exempt
@require_POST
def webhook(request: HttpRequest) -> HttpResponse:
    limit = int(settings.LINE_MAX_BODY_BYTES)
    body = _read_capped(request, limit)
    if body is None:
        return _answer(413, f"body larger than {limit} bytes")
    signature = request.headers.get("X-Line-Signature")
    if not signature:
        return _answer(400, "X-Line-Signature header missing")
    if not verify_signature(body, signature):
        log.warning("LINE webhook with a bad signature refused")
        return _answer(401, "signature does not match")
    try:
        stored = store_events(parse_body(body))
    except BadWebhook as exc:
        return _answer(exc.status, str(exc))
    if stored.received:
        ensure_worker()
        wake()
    return JsonResponse({"received": stored.received})
