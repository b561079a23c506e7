"""`POST /line/webhook`: check, store, answer 200; the processing happens after.

Order matters: the size is checked before the body is read (413), the signature over the raw
bytes before anything is decoded (400 without it, 401 when it is wrong: nothing stored), then the
body is decoded and parsed (400 for invalid UTF-8 or JSON), then every event is stored in one
transaction, and only then does LINE get its 200. An empty `events` list is LINE's console
"verify" call: 200, nothing stored.

`answer` is that whole decision, shared by the Django view below and by the server's direct
WSGI route (`sodsong.watch.line.fast`), which skips the site's middleware for this one URL.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from sodsong.watch.line.inbox import BadWebhook, parse_body, store_events, verify_signature
from sodsong.watch.line.processing import ensure_worker, wake

__all__ = ["answer", "webhook"]

log = logging.getLogger(__name__)


def answer(declared_length: str, read: Any, signature: str | None) -> tuple[int, dict[str, Any]]:
    """(HTTP status, JSON body) for a webhook request; `read(n)` reads at most n body bytes."""
    limit = int(settings.LINE_MAX_BODY_BYTES)
    if declared_length.isdecimal() and int(declared_length) > limit:
        return 413, {"message": f"body larger than {limit} bytes"}
    body = read(limit + 1)
    if len(body) > limit:
        return 413, {"message": f"body larger than {limit} bytes"}
    if not signature:
        return 400, {"message": "X-Line-Signature header missing"}
    if not verify_signature(body, signature):
        log.warning("LINE webhook with a bad signature refused")
        return 401, {"message": "signature does not match"}
    try:
        stored = store_events(parse_body(body))
    except BadWebhook as exc:
        return exc.status, {"message": str(exc)}
    if stored.received:
        ensure_worker()
        wake()
    return 200, {"received": stored.received}


@csrf_exempt
@require_POST
def webhook(request: HttpRequest) -> HttpResponse:
    status, payload = answer(
        request.META.get("CONTENT_LENGTH") or "", request.read, request.headers.get("X-Line-Signature")
    )
    return JsonResponse(payload, status=status)
