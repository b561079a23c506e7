"""The intake conversation: one channel-agnostic state machine (see `messages` for the contract).

Channels (LINE webhook, web form, staff simulator) translate what the citizen sent into an
`Inbound`, call `handle(key, inbound)`, and render the returned `Reply` list in their own way.
"""

from sodsong.watch.conversation.messages import (
    ConversationKey,
    Inbound,
    InboundKind,
    QuickReply,
    QuickReplyKind,
    Reply,
    Upload,
)

__all__ = [
    "ConversationKey",
    "Inbound",
    "InboundKind",
    "QuickReply",
    "QuickReplyKind",
    "Reply",
    "Upload",
]
