"""What channels and the conversation engine say to each other: plain, channel-free values.

The engine never sees a LINE event or an HTTP request, and channels never decide what to ask
next: that split is what lets the LINE bot, the web form and the staff simulator behave alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = ["ConversationKey", "Inbound", "InboundKind", "QuickReply", "QuickReplyKind", "Reply", "Upload"]


@dataclass(frozen=True)
class ConversationKey:
    """Whose conversation: `channel` is a `Channel` value; `user_key` is already anonymised
    (keyed hash of the LINE user id, a random web session token, a simulator key)."""

    channel: str
    user_key: str
    language: str = "th"


class InboundKind(StrEnum):
    TEXT = "text"
    POSTBACK = "postback"  # a quick-reply or menu choice; `data` holds its value
    UPLOAD = "upload"  # a photo, file, video or audio already fetched
    LOCATION = "location"
    STICKER = "sticker"
    FOLLOW = "follow"  # LINE: added the account; web: opened the form
    UNFOLLOW = "unfollow"
    UNSEND = "unsend"  # the citizen took back an earlier message (`message_id`)


@dataclass(frozen=True)
class Upload:
    data: bytes
    filename: str = ""
    declared_type: str = ""  # what the channel claimed; the engine decides by content


@dataclass(frozen=True)
class Inbound:
    kind: InboundKind
    text: str = ""
    data: str = ""  # postback value
    params: Mapping[str, str] = field(default_factory=dict)  # e.g. LINE date picker {"date": "2024-03-10"}
    upload: Upload | None = None
    latitude: float | None = None
    longitude: float | None = None
    address: str = ""
    message_id: str = ""  # the channel's id of this message, so an unsend can find it


class QuickReplyKind(StrEnum):
    CHOICE = "choice"  # sends `value` back as a postback
    DATE = "date"  # a date picker; the answer comes back as a postback with params["date"]
    CAMERA = "camera"
    PHOTO_LIBRARY = "photo_library"
    LOCATION = "location"


@dataclass(frozen=True)
class QuickReply:
    label: str  # shown on the button (LINE: at most 20 characters)
    value: str = ""
    kind: QuickReplyKind = QuickReplyKind.CHOICE


@dataclass(frozen=True)
class Reply:
    """One message to the citizen. Channels send at most 5 per answer (LINE's limit)."""

    text: str
    quick_replies: tuple[QuickReply, ...] = ()
    case_code: str = ""  # set on the message that announces a new case code
