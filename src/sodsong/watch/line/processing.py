"""Stored LINE events processed exactly once, after LINE got its 200.

An event is claimed by an UPDATE from `pending` inside the same transaction as everything its
processing writes (the engine's changes, the outbox row): two workers cannot both claim it (the
row lock on PostgreSQL, the database write lock on SQLite), and a crash rolls the claim back with
the work, so the event is still `pending` when the server comes back. Events of one user are
taken in order: an event waits while an earlier one of the same user is pending.

Network work happens outside that transaction: content is fetched before (a fetch can be
repeated), messages are sent after (the outbox keeps them until LINE took them).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sodsong.watch.conversation.messages import ConversationKey, Inbound, InboundKind, Reply, Upload
from sodsong.watch.evidence import max_evidence_bytes
from sodsong.watch.line import api
from sodsong.watch.line.translate import Plan, inbound, plan_event, replies_to_json
from sodsong.watch.models import (
    Channel,
    InboxStatus,
    LineInboxEvent,
    LineOutbox,
    LineRecipient,
    Reporter,
)

__all__ = ["Engine", "Worker", "ensure_worker", "process_event", "process_pending", "set_engine", "wake"]

log = logging.getLogger(__name__)
Engine = Callable[[ConversationKey, Inbound], list[Reply]]
MAX_ATTEMPTS = 5
_engine_override: Engine | None = None


def set_engine(engine: Engine | None) -> None:
    """Tests only: talk to a stand-in instead of the conversation engine."""
    global _engine_override
    _engine_override = engine


def _engine() -> Engine:
    if _engine_override is not None:
        return _engine_override
    from sodsong.watch.conversation.engine import handle

    return handle


def _claim(row: LineInboxEvent, status: str) -> bool:
    """Take the event from `pending` to `status`; False when another worker already did, or is
    doing it right now (PostgreSQL: its row lock is skipped instead of waited for; SQLite has a
    single writer, so there is nothing to skip)."""
    mine = (
        LineInboxEvent.objects.select_for_update(skip_locked=True)
        .filter(pk=row.pk, status=InboxStatus.PENDING)
        .values_list("pk", flat=True)
    )
    if not list(mine):
        return False
    return bool(
        LineInboxEvent.objects.filter(pk=row.pk, status=InboxStatus.PENDING).update(
            status=status, processed_at=timezone.now(), attempts=F("attempts") + 1, error=""
        )
    )


def _earlier_pending(row: LineInboxEvent) -> bool:
    return bool(row.user_key) and (
        LineInboxEvent.objects.filter(
            user_key=row.user_key, status=InboxStatus.PENDING, pk__lt=row.pk
        ).exists()
    )


def _rate_limited(row: LineInboxEvent) -> tuple[bool, bool]:
    """(limited, first of this flood): too many events from this user within the window."""
    start = row.received_at - timedelta(seconds=settings.LINE_RATE_WINDOW_SECONDS)
    recent = LineInboxEvent.objects.filter(
        user_key=row.user_key, received_at__gte=start, pk__lt=row.pk
    ).exclude(status=InboxStatus.IGNORED)
    if recent.count() < settings.LINE_RATE_LIMIT:
        return False, False
    first = not recent.filter(status=InboxStatus.RATE_LIMITED).exists()
    return True, first


def _language(user_key: str) -> str:
    reporter = Reporter.objects.filter(line_user_hash=user_key).only("language").first()
    return reporter.language if reporter else "th"


def _profile_language(user_id: str) -> str | None:
    try:
        with api.messaging_api() as messaging:
            language = messaging.get_profile(user_id, _request_timeout=(3, 5)).language
    except Exception as exc:  # the greeting goes out in Thai if the profile is unavailable
        log.warning("LINE profile not available: %s", type(exc).__name__)
        return None
    return language if language in ("th", "en") else None


def _notice(code: str) -> str:
    messages = {
        "too_large": _(
            "Sorry, this file is larger than %(mb)d MB, so we could not keep it. "
            "Please send a smaller file or several parts."
        )
        % {"mb": max_evidence_bytes() // (1024 * 1024)},
        "unavailable": _("Sorry, we could not download this file from LINE. Please send it again."),
        "flood": _(
            "You are sending messages very quickly. We have kept everything you sent; "
            "please wait a minute before sending more."
        ),
    }
    return messages[code]


def _fetch(plan: Plan) -> tuple[Upload | None, str]:
    """The upload's bytes, or the notice to send instead (too large, gone from LINE)."""
    if not plan.content_id:
        return None, "unavailable"
    if plan.declared_size is not None and plan.declared_size > max_evidence_bytes():
        return None, "too_large"
    try:
        data = api.fetch_content(plan.content_id, max_evidence_bytes())
    except api.ContentTooLarge:
        return None, "too_large"
    except Exception as exc:
        status = getattr(exc, "status", None)
        if isinstance(status, int) and 400 <= status < 500:
            return None, "unavailable"
        raise  # LINE or the network failed: the event stays pending and is retried
    name = plan.filename or f"line-{plan.inbound.get('message_id', '')}"
    return Upload(data=data, filename=name, declared_type=plan.declared_type), ""


def _reporter(plan: Plan, user_key: str, language: str | None) -> Reporter:
    reporter, created = Reporter.objects.get_or_create(
        line_user_hash=user_key, defaults={"channel": Channel.LINE, "language": language or "th"}
    )
    changes: dict[str, Any] = {}
    if plan.kind in (InboundKind.FOLLOW, InboundKind.UNFOLLOW):
        changes["following"] = plan.kind == InboundKind.FOLLOW
    if language and language != reporter.language and not created:
        changes["language"] = language
    if changes:
        Reporter.objects.filter(pk=reporter.pk).update(**changes)
        for name, value in changes.items():
            setattr(reporter, name, value)
    if not LineRecipient.objects.filter(user_key=user_key).exists():
        LineRecipient.objects.create(user_key=user_key, line_user_id=plan.user_id)
    return reporter


def _outbox(row: LineInboxEvent, token: str, replies: list[Reply]) -> LineOutbox | None:
    items = replies_to_json(replies)
    if not items:
        return None
    return LineOutbox.objects.create(
        event=row,
        user_key=row.user_key,
        reply_token=token,
        event_time=row.event_time,
        messages=json.dumps(items, ensure_ascii=False),
        message_count=len(items),
    )


def process_event(pk: int) -> str | None:
    """Process one stored event if it is still pending; returns its new status or None."""
    row = LineInboxEvent.objects.filter(pk=pk, status=InboxStatus.PENDING).first()
    if row is None or (row.not_before and row.not_before > timezone.now()) or _earlier_pending(row):
        return None
    try:
        return _process(row)
    except Exception as exc:
        attempts = row.attempts + 1
        LineInboxEvent.objects.filter(pk=row.pk, status=InboxStatus.PENDING).update(
            attempts=attempts,
            error=type(exc).__name__[:200],
            not_before=timezone.now() + timedelta(seconds=5 * 2**attempts),
            status=InboxStatus.FAILED if attempts >= MAX_ATTEMPTS else InboxStatus.PENDING,
        )
        log.warning("LINE event %s failed (attempt %s): %s", row.pk, attempts, type(exc).__name__)
        return InboxStatus.FAILED if attempts >= MAX_ATTEMPTS else None


def _process(row: LineInboxEvent) -> str | None:
    from sodsong.watch.line.sender import deliver

    plan = plan_event(json.loads(row.raw))
    if plan is None:
        with transaction.atomic():
            return InboxStatus.IGNORED if _claim(row, InboxStatus.IGNORED) else None
    language = _language(row.user_key)
    outbox: LineOutbox | None = None
    if plan.kind not in (InboundKind.FOLLOW, InboundKind.UNFOLLOW, InboundKind.UNSEND):
        limited, first = _rate_limited(row)
        if limited:
            with transaction.atomic():
                if not _claim(row, InboxStatus.RATE_LIMITED):
                    return None
                if first:
                    with translation.override(language):
                        outbox = _outbox(row, plan.reply_token, [Reply(_notice("flood"))])
            if outbox:
                deliver(outbox)
            return InboxStatus.RATE_LIMITED
    profile_language = _profile_language(plan.user_id) if plan.kind == InboundKind.FOLLOW else None
    upload, notice = _fetch(plan) if plan.kind == InboundKind.UPLOAD else (None, "")
    language = profile_language or language
    with transaction.atomic():
        if not _claim(row, InboxStatus.DONE):
            return None
        _reporter(plan, row.user_key, profile_language)
        if notice:
            with translation.override(language):
                replies = [Reply(_notice(notice))]
        else:
            alert_answer = _alert_replies(plan, language)
            if alert_answer is not None:
                replies = alert_answer
            else:
                key = ConversationKey(channel=Channel.LINE, user_key=row.user_key, language=language)
                replies = _engine()(key, inbound(plan, upload))
        if plan.kind != InboundKind.UNFOLLOW:
            outbox = _outbox(row, plan.reply_token, replies)
    if outbox:
        deliver(outbox)
    return InboxStatus.DONE


def _alert_replies(plan: Plan, language: str) -> list[Reply] | None:
    """`แจ้งเตือน จังหวัด …` / `เลิกแจ้งเตือน` manage alerts of newly published cases; they need the
    LINE user id itself (alerts are pushed), which only this channel has, so they are answered here
    before the intake conversation sees the message."""
    if plan.kind != InboundKind.TEXT:
        return None
    from sodsong.watch.publication.alerts import alert_command

    answer = alert_command(plan.user_id, str(plan.inbound.get("text", "")), language=language)
    return None if answer is None else [Reply(answer)]


def process_pending(limit: int = 200) -> int:
    """Move spooled events into the inbox, then process up to `limit` pending events, oldest
    first; returns how many were processed."""
    from sodsong.watch.line import spool

    if spool.enabled():
        spool.drain()
    now = timezone.now()
    ids = list(
        LineInboxEvent.objects.filter(status=InboxStatus.PENDING)
        .exclude(not_before__gt=now)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in ids if process_event(pk) is not None)


class Worker:
    """A thread that processes the inbox and retries the outbox, woken by each webhook (in the
    same process) or looking every `poll_seconds`. With `parent_pid` it stops once that process
    is gone (the `sodsong serve` that started it)."""

    def __init__(self, poll_seconds: float = 1.0, parent_pid: int | None = None) -> None:
        self.poll_seconds = poll_seconds
        self.parent_pid = parent_pid
        self.done = self.moved = 0
        self.wakeup = threading.Event()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, name="line-inbox", daemon=True)
        self.pid = os.getpid()

    def start(self) -> Worker:
        self.thread.start()
        return self

    def stop(self, timeout: float = 10) -> None:
        self.stopping.set()
        self.wakeup.set()
        self.thread.join(timeout)

    def run_once(self) -> int:
        from sodsong.watch.line import spool
        from sodsong.watch.line.sender import retry_outbox

        self.moved = spool.drain() if spool.enabled() else 0
        done = process_pending()
        retry_outbox()
        return done

    @property
    def busy(self) -> bool:
        """Whether the last round found work (then the next one starts at once)."""
        return bool(self.done or self.moved)

    def orphaned(self) -> bool:
        return self.parent_pid is not None and os.getppid() != self.parent_pid

    def run(self) -> None:
        while not self.stopping.is_set() and not self.orphaned():
            try:
                self.done = self.run_once()
            except Exception:
                log.exception("LINE inbox worker")
                self.done = self.moved = 0
            finally:
                close_old_connections()  # this thread's own connection, never the caller's
            if not self.busy:
                self.wakeup.wait(self.poll_seconds)
                self.wakeup.clear()
        connections.close_all()  # this thread's connections


_worker: Worker | None = None
_worker_lock = threading.Lock()


def ensure_worker() -> None:
    """Start this process's inbox thread (SODSONG_LINE_WORKER=thread); it first processes whatever
    was stored but not processed before a restart. (With `process`, the default, `sodsong serve`
    starts one `sodsong line work` process instead: processing then never competes with the
    acknowledgements for this process's interpreter lock.)"""
    global _worker
    if settings.LINE_WORKER != "thread":
        return
    with _worker_lock:
        if _worker is None or _worker.pid != os.getpid() or not _worker.thread.is_alive():
            _worker = Worker().start()


def wake() -> None:
    if _worker is not None and _worker.pid == os.getpid():
        _worker.wakeup.set()
