"""Send a message to a case's reporter through the channel they reported on.

Case work ("we need more information", "did anything change?") calls `notify_reporter`; each
channel registers how it delivers (`register_sender`): LINE replies or pushes, the web channel
shows the message on the reporter's track page. The message is always recorded on the case
first, so it is never lost even when delivery fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sodsong.watch.conversation.messages import QuickReply
from sodsong.watch.models import CaseEvent, EventKind, Report

__all__ = ["Delivery", "Sender", "notify_reporter", "register_sender"]


@dataclass(frozen=True)
class Delivery:
    delivered: bool
    how: str  # e.g. "line-reply", "line-push", "track-page", "quota-exhausted"


Sender = Callable[[Report, str, tuple[QuickReply, ...]], Delivery]
_SENDERS: dict[str, Sender] = {}


def register_sender(channel: str, sender: Sender) -> None:
    _SENDERS[channel] = sender


def notify_reporter(
    report: Report, text: str, *, actor: object = None, quick_replies: tuple[QuickReply, ...] = ()
) -> tuple[CaseEvent, Delivery]:
    """Record `text` as a message to the reporter on the case, then deliver it on their channel.

    Without a registered sender (web reports, or a channel not configured) the message waits on
    the track page, where the reporter sees it with their case code.
    """
    event = report.record(EventKind.MESSAGE_OUT, actor=actor, note=text, public=False)
    sender = _SENDERS.get(report.channel)
    delivery = sender(report, text, quick_replies) if sender else Delivery(False, "track-page")
    return event, delivery
