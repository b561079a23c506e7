"""The watch part's records (one module per concept, all importable from here)."""

from sodsong.watch.models.audit import AuditEntry, AuditLogIsAppendOnly
from sodsong.watch.models.conversations import Conversation
from sodsong.watch.models.line import (
    InboxStatus,
    LineInboxEvent,
    LineOutbox,
    LinePushMonth,
    LineRecipient,
    OutboxStatus,
)
from sodsong.watch.models.publication import (
    PUBLIC_FIELDS,
    AlertScope,
    AlertSubscription,
    PendingAlert,
    Publication,
    PublicationPhoto,
    PublishRefused,
)
from sodsong.watch.models.reports import (
    CaseEvent,
    Category,
    Channel,
    CloseReason,
    EditConflict,
    EventKind,
    Evidence,
    Report,
    Reporter,
    Status,
)

__all__ = [
    "PUBLIC_FIELDS",
    "AlertScope",
    "AlertSubscription",
    "AuditEntry",
    "AuditLogIsAppendOnly",
    "CaseEvent",
    "Category",
    "Channel",
    "CloseReason",
    "Conversation",
    "EditConflict",
    "EventKind",
    "Evidence",
    "InboxStatus",
    "LineInboxEvent",
    "LineOutbox",
    "LinePushMonth",
    "LineRecipient",
    "OutboxStatus",
    "PendingAlert",
    "Publication",
    "PublicationPhoto",
    "PublishRefused",
    "Report",
    "Reporter",
    "Status",
]
