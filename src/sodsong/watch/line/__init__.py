"""The LINE channel: webhook, durable inbox, processing, replies and pushes, rich menu.

Importing the package (the watch app does, when Django starts) registers the LINE sender for
`notify_reporter`, the inbox worker that `sodsong serve` starts (a process by default, or a thread
in each gunicorn worker), and the clean-up of a
reporter's encrypted LINE id when the reporter is deleted.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete

from sodsong.cli.server import COMPANIONS, WORKER_START_HOOKS
from sodsong.watch.models import LineRecipient, Reporter
from sodsong.watch.notify import register_sender

__all__ = ["forget"]


def forget(user_key: str) -> int:
    """Delete what the LINE channel keeps about `user_key`: the encrypted LINE user id, the
    stored events already processed (encrypted raw bodies) and the messages already sent."""
    from sodsong.watch.models import InboxStatus, LineInboxEvent, LineOutbox, OutboxStatus

    LineOutbox.objects.filter(user_key=user_key).exclude(
        status__in=[OutboxStatus.PENDING, OutboxStatus.WAITING_QUOTA]
    ).delete()
    LineInboxEvent.objects.filter(user_key=user_key).exclude(status=InboxStatus.PENDING).delete()
    deleted, _ = LineRecipient.objects.filter(user_key=user_key).delete()
    return deleted


def _reporter_deleted(sender: Any, instance: Reporter, **kwargs: Any) -> None:
    if instance.line_user_hash:
        forget(instance.line_user_hash)


def _start_worker() -> None:
    from sodsong.watch.line.processing import ensure_worker

    ensure_worker()


def _worker_process() -> list[str] | None:
    """`sodsong serve` runs the inbox worker as its own process (SODSONG_LINE_WORKER=process), at
    a lower priority than the server: it never holds the acknowledgements' interpreter lock, and
    under load the acknowledgements come first while the inbox keeps what is not processed yet."""
    from django.conf import settings

    if settings.LINE_WORKER != "process":
        return None
    return ["line", "work", "--nice", "10"]


def _send(*args: Any) -> Any:
    from sodsong.watch.line.sender import send_to_reporter

    return send_to_reporter(*args)


register_sender("line", _send)
post_delete.connect(_reporter_deleted, sender=Reporter, dispatch_uid="watch-line-forget")
if _start_worker not in WORKER_START_HOOKS:
    WORKER_START_HOOKS.append(_start_worker)
if _worker_process not in COMPANIONS:
    COMPANIONS.append(_worker_process)
