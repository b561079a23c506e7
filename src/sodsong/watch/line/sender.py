"""Messages to LINE users: a reply while the token is fresh, else a metered push.

Replies are free but their token works only briefly (`SODSONG_LINE_REPLY_MAX_AGE_SECONDS` after
the event); later answers and case workers' questions are pushed with the outbox row's
`X-Line-Retry-Key`, so a retry after a timeout or a crash cannot deliver twice (LINE answers 409
for a key it already accepted). Pushes are counted per month against `SODSONG_LINE_PUSH_QUOTA`;
when it is used up the message waits in the outbox (status `waiting_quota`) and goes out when the
quota allows (next month, or a raised setting).
"""

from __future__ import annotations

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from linebot.v3.messaging import PushMessageRequest, ReplyMessageRequest

from sodsong.watch.conversation.messages import QuickReply
from sodsong.watch.line import api
from sodsong.watch.line.translate import line_messages
from sodsong.watch.models import (
    LineOutbox,
    LinePushMonth,
    LineRecipient,
    OutboxStatus,
    Report,
    Reporter,
)
from sodsong.watch.notify import Delivery

__all__ = ["deliver", "push_used", "retry_outbox", "send_to_reporter"]

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


def _month() -> str:
    return timezone.localtime().strftime("%Y-%m")


def push_used(month: str | None = None) -> int:
    row = LinePushMonth.objects.filter(month=month or _month()).first()
    return row.used if row else 0


def _meter(outbox: LineOutbox) -> bool:
    """Count the push against this month's quota; False (nothing counted) when it would exceed it."""
    if outbox.quota_counted:
        return True
    with transaction.atomic():
        month, _created = LinePushMonth.objects.get_or_create(month=_month())
        counted = LinePushMonth.objects.filter(
            pk=month.pk, used__lte=settings.LINE_PUSH_QUOTA - outbox.message_count
        ).update(used=F("used") + outbox.message_count)
        if counted:
            LineOutbox.objects.filter(pk=outbox.pk).update(quota_counted=True)
            outbox.quota_counted = True
    return bool(counted)


def _fresh(outbox: LineOutbox) -> bool:
    if not outbox.reply_token or outbox.reply_refused or outbox.event_time is None:
        return False
    age = timezone.now() - outbox.event_time
    return age <= timedelta(seconds=settings.LINE_REPLY_MAX_AGE_SECONDS)


def _finish(outbox: LineOutbox, status: str, how: str = "") -> None:
    outbox.status, outbox.how = status, how or outbox.how
    outbox.sent_at = timezone.now() if status == OutboxStatus.SENT else None
    LineOutbox.objects.filter(pk=outbox.pk).update(status=status, how=outbox.how, sent_at=outbox.sent_at)


def deliver(outbox: LineOutbox) -> Delivery:
    """Send one outbox row; on a network or server error it stays pending and is retried."""
    if outbox.status == OutboxStatus.SENT:
        return Delivery(True, f"line-{outbox.how}")
    messages = line_messages(json.loads(outbox.messages))
    LineOutbox.objects.filter(pk=outbox.pk).update(attempts=F("attempts") + 1)
    outbox.attempts += 1
    try:
        if _fresh(outbox):
            try:
                with api.messaging_api() as messaging:
                    messaging.reply_message(
                        ReplyMessageRequest(replyToken=outbox.reply_token, messages=messages),
                        _request_timeout=(3, 10),
                    )
                _finish(outbox, OutboxStatus.SENT, "reply")
                return Delivery(True, "line-reply")
            except Exception as exc:
                status = getattr(exc, "status", None)
                if not (isinstance(status, int) and 400 <= status < 500):
                    raise
                # The token expired or was used: push instead (metered, idempotent).
                outbox.reply_refused = True
                LineOutbox.objects.filter(pk=outbox.pk).update(reply_refused=True)
        return _push(outbox, messages)
    except Exception as exc:
        log.warning("LINE delivery of outbox %s failed: %s", outbox.pk, type(exc).__name__)
        if outbox.attempts >= MAX_ATTEMPTS:
            _finish(outbox, OutboxStatus.FAILED)
        return Delivery(False, "line-error")


def _push(outbox: LineOutbox, messages: list[object]) -> Delivery:
    recipient = LineRecipient.objects.filter(user_key=outbox.user_key).first()
    reporter = Reporter.objects.filter(line_user_hash=outbox.user_key).only("following").first()
    if recipient is None or (reporter is not None and not reporter.following):
        _finish(outbox, OutboxStatus.UNDELIVERABLE)
        return Delivery(False, "line-unfollowed" if recipient else "line-unknown-user")
    if not _meter(outbox):
        _finish(outbox, OutboxStatus.WAITING_QUOTA)
        return Delivery(False, "quota-exhausted")
    try:
        with api.messaging_api() as messaging:
            messaging.push_message(
                PushMessageRequest(to=recipient.line_user_id, messages=messages),
                x_line_retry_key=str(outbox.retry_key),
                _request_timeout=(3, 10),
            )
    except Exception as exc:
        if getattr(exc, "status", None) != 409:  # 409: LINE already accepted this retry key
            raise
    _finish(outbox, OutboxStatus.SENT, "push")
    return Delivery(True, "line-push")


def retry_outbox(limit: int = 100) -> int:
    """Resend what a crash or an outage left behind, and what waited for the quota."""
    stale = timezone.now() - timedelta(seconds=30)
    waiting = Q(status=OutboxStatus.WAITING_QUOTA)
    if push_used() >= settings.LINE_PUSH_QUOTA:
        waiting = Q(pk__in=[])
    rows = list(
        LineOutbox.objects.filter(Q(status=OutboxStatus.PENDING, created_at__lt=stale) | waiting).order_by(
            "pk"
        )[:limit]
    )
    for row in rows:
        if row.status == OutboxStatus.WAITING_QUOTA:
            row.status = OutboxStatus.PENDING
        deliver(row)
    return len(rows)


def send_to_reporter(report: Report, text: str, quick_replies: tuple[QuickReply, ...]) -> Delivery:
    """The `notify` sender of the LINE channel: case workers' messages pushed to the reporter."""
    reporter = report.reporter
    if reporter is None or not reporter.line_user_hash:
        return Delivery(False, "line-unknown-user")
    items = [
        {
            "text": text,
            "quick_replies": [
                {"label": q.label, "value": q.value, "kind": str(q.kind)} for q in quick_replies
            ],
        }
    ]
    outbox = LineOutbox.objects.create(
        report=report, user_key=reporter.line_user_hash, messages=json.dumps(items, ensure_ascii=False)
    )
    return deliver(outbox)
