"""Webhook bodies checked and stored: signature over the raw bytes, then one transaction.

LINE signs the exact bytes it sends (base64 HMAC-SHA256 with the channel secret), so the check
runs over the raw body before anything is decoded. Only then is the body decoded (strict UTF-8)
and parsed; each event is stored encrypted with its `webhookEventId` unique, all events of a body
in one transaction, before LINE gets its 200: in the spool file when it is in use (`spool`: the
acknowledgement then never waits for the app database), else in the inbox table.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sodsong.privacy.crypto import encrypt_text, keyed_hash
from sodsong.watch.models import LineInboxEvent

__all__ = ["BadWebhook", "StoredBatch", "coarsen_location", "sign", "store_events", "verify_signature"]

USER_HASH_PURPOSE = "line-user"


class BadWebhook(ValueError):
    """A signed body we cannot use; `status` is the HTTP answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def sign(body: bytes, secret: str) -> str:
    """X-Line-Signature for `body`, as LINE computes it."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def verify_signature(body: bytes, signature: str | None, secret: str | None = None) -> bool:
    """True when `signature` matches the exact bytes of `body` (constant-time comparison)."""
    secret = settings.LINE_CHANNEL_SECRET if secret is None else secret
    if not signature or not secret:
        return False
    return hmac.compare_digest(signature.strip().encode("ascii", "replace"), sign(body, secret).encode())


def user_key(user_id: str) -> str:
    return keyed_hash(user_id, USER_HASH_PURPOSE)


def coarsen_location(event: dict[str, Any]) -> dict[str, Any]:
    """A location message without its exact place: coordinates cut to about 10 km, the street
    address reduced to district and province. Exact coordinates are never stored."""
    message = event.get("message")
    if not (isinstance(message, dict) and message.get("type") == "location"):
        return event
    from sodsong.watch.line.places import coarse_address

    message = dict(message)
    for name in ("latitude", "longitude"):
        value = message.get(name)
        message[name] = round(float(value), 1) if isinstance(value, int | float) else None
    message["address"] = coarse_address(str(message.get("address") or ""))
    message.pop("title", None)
    return {**event, "message": message}


def _event_time(event: dict[str, Any]) -> datetime:
    stamp = event.get("timestamp")
    if isinstance(stamp, int) and 0 < stamp < 10**14:
        return datetime.fromtimestamp(stamp / 1000, tz=UTC)
    return timezone.now()


def _event_id(event: dict[str, Any], text: str) -> str:
    given = event.get("webhookEventId")
    if isinstance(given, str) and 0 < len(given) <= 64:
        return given
    # Old bodies without webhookEventId: the event's own bytes identify it.
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:64]


@dataclass(frozen=True)
class StoredBatch:
    received: int  # distinct events in the body (stored now or before)


def parse_body(body: bytes) -> list[dict[str, Any]]:
    """The events of a verified body; `BadWebhook` (400) for anything that is not LINE's shape."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadWebhook(400, "body is not valid UTF-8") from None
    try:
        payload = json.loads(text)
    except ValueError:
        raise BadWebhook(400, "body is not valid JSON") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("events"), list):
        raise BadWebhook(400, "body has no `events` list")
    events = payload["events"]
    if not all(isinstance(event, dict) for event in events):
        raise BadWebhook(400, "every event must be a JSON object")
    return events


def store_events(events: list[dict[str, Any]]) -> StoredBatch:
    """Store every event not stored before, in one transaction: in the spool when it is in use
    (see `spool`), else straight into the inbox table."""
    from sodsong.watch.line import spool

    rows: dict[str, LineInboxEvent] = {}
    now = timezone.now()
    for event in events:
        kept = coarsen_location(event)
        try:
            text = json.dumps(kept, ensure_ascii=False, separators=(",", ":"))
            text.encode("utf-8")
        except (UnicodeEncodeError, ValueError):
            raise BadWebhook(400, "an event holds text that is not valid Unicode") from None
        event_id = _event_id(event, text)
        if event_id in rows:
            continue
        source = event.get("source") if isinstance(event.get("source"), dict) else {}
        user_id = source.get("userId") if isinstance(source, dict) else None
        delivery = event.get("deliveryContext")
        rows[event_id] = LineInboxEvent(
            webhook_event_id=event_id,
            event_type=str(event.get("type") or "")[:40],
            user_key=user_key(user_id) if isinstance(user_id, str) and user_id else "",
            event_time=_event_time(event),
            is_redelivery=bool(isinstance(delivery, dict) and delivery.get("isRedelivery")),
            raw=text,
            received_at=now,
        )
    if not rows:
        return StoredBatch(0)
    if spool.enabled():
        spool.store(
            spool.SpoolRow(
                webhook_event_id=row.webhook_event_id,
                event_type=row.event_type,
                user_key=row.user_key,
                event_time=row.event_time,
                is_redelivery=row.is_redelivery,
                raw_encrypted=encrypt_text(row.raw),
                received_at=row.received_at,
            )
            for row in rows.values()
        )
    else:
        # One INSERT ... ON CONFLICT DO NOTHING: a duplicate (redelivery, concurrent copy) is
        # skipped by the unique webhook_event_id, on SQLite and PostgreSQL alike.
        with transaction.atomic():
            LineInboxEvent.objects.bulk_create(list(rows.values()), ignore_conflicts=True)
    return StoredBatch(len(rows))
