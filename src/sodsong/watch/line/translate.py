"""LINE events to the engine's `Inbound`, and the engine's `Reply` to LINE messages.

Only one-to-one chats are conversations: events from groups and rooms, and event types the bot
does not use (beacon, join, member changes, edits, types LINE adds later), are stored and marked
ignored. Text is cleaned of zero-width and control characters and cut at LINE's own 5,000.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from linebot.v3.messaging import (
    CameraAction,
    CameraRollAction,
    DatetimePickerAction,
    LocationAction,
    PostbackAction,
    QuickReplyItem,
    TextMessage,
)
from linebot.v3.messaging import (
    QuickReply as LineQuickReply,
)

from sodsong.watch.conversation.messages import Inbound, InboundKind, QuickReply, QuickReplyKind, Reply
from sodsong.watch.conversation.parsing import CONTROL_RE

__all__ = ["MAX_MESSAGES", "Plan", "clean_text", "line_messages", "plan_event", "replies_to_json"]

MAX_MESSAGES = 5  # per reply or push call
MAX_QUICK_REPLIES = 13
MAX_TEXT = 5000
MAX_LABEL = 20
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069]")
_UPLOADS = {"image": "image/jpeg", "video": "video/mp4", "audio": "audio/m4a", "file": ""}


def clean_text(text: str, limit: int = MAX_TEXT) -> str:
    """Text safe to keep: no zero-width or control characters, at most `limit` characters."""
    return CONTROL_RE.sub("", _INVISIBLE.sub("", text)).strip()[:limit]


@dataclass(frozen=True)
class Plan:
    """What to do with one stored event."""

    kind: InboundKind
    user_id: str
    reply_token: str = ""
    inbound: dict[str, Any] = field(default_factory=dict)
    content_id: str = ""  # fetch this message's content first
    filename: str = ""
    declared_type: str = ""
    declared_size: int | None = None


def _text(value: Any, limit: int = MAX_TEXT) -> str:
    return clean_text(value, limit) if isinstance(value, str) else ""


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def plan_event(event: dict[str, Any]) -> Plan | None:
    """The engine input for `event`, or None when the event is not part of a conversation."""
    source = event.get("source")
    if not isinstance(source, dict) or source.get("type") != "user":
        return None
    user_id = source.get("userId")
    if not isinstance(user_id, str) or not user_id:
        return None
    kind = event.get("type")
    token = _text(event.get("replyToken"), 100)
    if kind == "follow":
        return Plan(InboundKind.FOLLOW, user_id, token)
    if kind == "unfollow":
        return Plan(InboundKind.UNFOLLOW, user_id)
    if kind == "unsend":
        unsend = _dict(event.get("unsend"))
        return Plan(InboundKind.UNSEND, user_id, inbound={"message_id": _text(unsend.get("messageId"), 64)})
    if kind == "postback":
        postback = _dict(event.get("postback"))
        params = _dict(postback.get("params"))
        return Plan(
            InboundKind.POSTBACK,
            user_id,
            token,
            inbound={
                "data": _text(postback.get("data"), 300),
                "params": {str(k): _text(v, 100) for k, v in params.items() if isinstance(v, str)},
            },
        )
    if kind != "message":
        return None
    message = _dict(event.get("message"))
    message_id = _text(message.get("id"), 64)
    mtype = message.get("type")
    if mtype == "text":
        return Plan(
            InboundKind.TEXT,
            user_id,
            token,
            inbound={"text": _text(message.get("text")), "message_id": message_id},
        )
    if mtype == "sticker":
        return Plan(InboundKind.STICKER, user_id, token, inbound={"message_id": message_id})
    if mtype == "location":
        # Already coarsened when stored: only district and province are passed on.
        return Plan(
            InboundKind.LOCATION,
            user_id,
            token,
            inbound={"address": _text(message.get("address"), 300), "message_id": message_id},
        )
    if mtype in _UPLOADS:
        provider = _dict(message.get("contentProvider"))
        size = message.get("fileSize")
        return Plan(
            InboundKind.UPLOAD,
            user_id,
            token,
            inbound={"message_id": message_id},
            content_id=message_id if provider.get("type", "line") == "line" else "",
            filename=_text(message.get("fileName"), 255),
            declared_type=_UPLOADS[mtype],
            declared_size=size if isinstance(size, int) else None,
        )
    return None


def replies_to_json(replies: list[Reply]) -> list[dict[str, Any]]:
    """At most 5 messages (LINE's limit per call): extra texts are joined into the fifth."""
    items: list[dict[str, Any]] = [
        {
            "text": reply.text,
            "quick_replies": [
                {"label": q.label, "value": q.value, "kind": str(q.kind)} for q in reply.quick_replies
            ],
        }
        for reply in replies
        if reply.text
    ]
    if len(items) > MAX_MESSAGES:
        head, tail = items[: MAX_MESSAGES - 1], items[MAX_MESSAGES - 1 :]
        items = [
            *head,
            {"text": "\n\n".join(i["text"] for i in tail), "quick_replies": tail[-1]["quick_replies"]},
        ]
    return items


def _action(quick: QuickReply) -> Any:
    label = quick.label[:MAX_LABEL]
    if quick.kind == QuickReplyKind.DATE:
        return DatetimePickerAction(label=label, data=quick.value or "date", mode="date")
    if quick.kind == QuickReplyKind.CAMERA:
        return CameraAction(label=label)
    if quick.kind == QuickReplyKind.PHOTO_LIBRARY:
        return CameraRollAction(label=label)
    if quick.kind == QuickReplyKind.LOCATION:
        return LocationAction(label=label)
    return PostbackAction(label=label, data=quick.value or label, displayText=quick.label[:300])


def line_messages(items: list[dict[str, Any]]) -> list[TextMessage]:
    """SDK message objects for stored outbox items."""
    messages = []
    for item in items[:MAX_MESSAGES]:
        quick = [
            QuickReply(label=q["label"], value=q["value"], kind=QuickReplyKind(q["kind"]))
            for q in item.get("quick_replies", [])
        ][:MAX_QUICK_REPLIES]
        messages.append(
            TextMessage(
                text=item["text"][:MAX_TEXT],
                quickReply=LineQuickReply(items=[QuickReplyItem(action=_action(q)) for q in quick])
                if quick
                else None,
            )
        )
    return messages


def inbound(plan: Plan, upload: Any = None) -> Inbound:
    return Inbound(kind=plan.kind, upload=upload, **plan.inbound)
