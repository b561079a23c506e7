"""What the web form and the staff simulator share: a form post turned into inbounds, replies
kept in the session between the post and the page that shows them (post/redirect/get)."""

from __future__ import annotations

import secrets
from typing import Any

from django.http import HttpRequest
from django.utils import translation

from sodsong.watch.conversation.engine import handle
from sodsong.watch.conversation.messages import (
    ConversationKey,
    Inbound,
    InboundKind,
    QuickReply,
    QuickReplyKind,
    Reply,
    Upload,
)
from sodsong.watch.evidence import max_evidence_bytes

__all__ = [
    "MAX_FILES",
    "language_of",
    "post_to_engine",
    "replies_from_session",
    "replies_to_session",
    "session_token",
]

MAX_FILES = 10


def language_of(request: HttpRequest) -> str:
    return "en" if (translation.get_language() or "th").startswith("en") else "th"


def session_token(request: HttpRequest, name: str, *, fresh: bool = False) -> str:
    """A random key kept in the session: the web citizen's anonymous identity for the engine."""
    token = request.session.get(name)
    if fresh or not isinstance(token, str) or len(token) < 20:
        token = secrets.token_urlsafe(24)
        request.session[name] = token
    return token


def inbounds_from_post(request: HttpRequest) -> list[Inbound]:
    """Files first (each an upload), then the pressed button or the typed answer."""
    inbounds: list[Inbound] = []
    for file in request.FILES.getlist("files")[:MAX_FILES]:
        # Read at most one byte over the cap: the engine refuses it by size, memory stays bounded.
        data = file.read(max_evidence_bytes() + 1)
        inbounds.append(
            Inbound(InboundKind.UPLOAD, upload=Upload(data, file.name or "", file.content_type or ""))
        )
    choice = request.POST.get("choice", "").strip()
    text = request.POST.get("text", "")
    date = request.POST.get("date", "").strip()
    if choice:
        inbounds.append(Inbound(InboundKind.POSTBACK, data=choice[:200]))
    elif date:
        inbounds.append(Inbound(InboundKind.POSTBACK, data="when:pick", params={"date": date[:20]}))
    elif text.strip():
        inbounds.append(Inbound(InboundKind.TEXT, text=text[:20_000]))
    return inbounds


def post_to_engine(
    request: HttpRequest, key: ConversationKey, extra: list[Inbound] | None = None
) -> list[Reply]:
    replies: list[Reply] = []
    for inbound in [*(extra or []), *inbounds_from_post(request)]:
        replies.extend(handle(key, inbound))
    return replies


def _quick(reply: QuickReply) -> dict[str, str]:
    return {"label": reply.label, "value": reply.value, "kind": str(reply.kind)}


def replies_to_session(request: HttpRequest, name: str, replies: list[Reply]) -> None:
    request.session[name] = [
        {"text": r.text, "quick_replies": [_quick(q) for q in r.quick_replies], "case_code": r.case_code}
        for r in replies
    ]


def replies_from_session(request: HttpRequest, name: str) -> list[Reply]:
    stored: Any = request.session.pop(name, None)
    if not isinstance(stored, list):
        return []
    return [
        Reply(
            str(item.get("text", "")),
            tuple(
                QuickReply(q["label"], q["value"], QuickReplyKind(q["kind"]))
                for q in item.get("quick_replies", [])
            ),
            str(item.get("case_code", "")),
        )
        for item in stored
        if isinstance(item, dict)
    ]


def choice_buttons(replies: list[Reply]) -> list[QuickReply]:
    """The buttons a web page can show: choices only (camera, location and date have their own inputs)."""
    last = next((reply for reply in reversed(replies) if reply.quick_replies), None)
    if last is None:
        return []
    return [button for button in last.quick_replies if button.kind == QuickReplyKind.CHOICE]
