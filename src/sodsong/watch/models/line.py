"""The LINE channel's records: the durable inbox, the outbox, the push meter, push recipients.

Every webhook event is stored (encrypted) before LINE gets its 200, so nothing acknowledged is
lost; `webhook_event_id` is unique, so a redelivery or a concurrent duplicate is stored once and
processed once. The raw LINE user id is kept only encrypted: inside the stored event and in
`LineRecipient` (needed to push); everywhere else the user is a keyed hash (`user_key`).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

from sodsong.privacy.crypto import EncryptedTextField

__all__ = ["InboxStatus", "LineInboxEvent", "LineOutbox", "LinePushMonth", "LineRecipient", "OutboxStatus"]


class InboxStatus(models.TextChoices):
    PENDING = "pending", "pending"
    DONE = "done", "processed"
    IGNORED = "ignored", "ignored (type or source not handled)"
    RATE_LIMITED = "rate_limited", "rate-limited (stored, not processed)"
    FAILED = "failed", "failed (gave up after retries)"


class LineInboxEvent(models.Model):
    webhook_event_id = models.CharField(max_length=80, unique=True)
    event_type = models.CharField(max_length=40)
    user_key = models.CharField(max_length=64, blank=True, db_index=True, help_text="keyed hash of userId")
    event_time = models.DateTimeField(help_text="the event's own timestamp (LINE's clock)")
    is_redelivery = models.BooleanField(default=False)
    raw = EncryptedTextField(help_text="the event's JSON, encrypted (exact coordinates removed)")
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(max_length=16, choices=InboxStatus.choices, default=InboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    not_before = models.DateTimeField(null=True, blank=True, help_text="retry not before this time")
    error = models.CharField(max_length=200, blank=True, help_text="exception class only, never content")
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "id"], name="watch_linein_status_idx")]

    def __str__(self) -> str:
        return f"{self.event_type} {self.webhook_event_id} {self.status}"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "pending"
    SENT = "sent", "sent"
    WAITING_QUOTA = "waiting_quota", "waiting: monthly push quota used up"
    UNDELIVERABLE = "undeliverable", "undeliverable (unfollowed or unknown user)"
    FAILED = "failed", "failed after retries"


class LineOutbox(models.Model):
    """Messages to one LINE user, written in the same transaction as the event that caused them."""

    event = models.OneToOneField(
        LineInboxEvent, null=True, blank=True, on_delete=models.CASCADE, related_name="outbox"
    )
    report = models.ForeignKey("watch.Report", null=True, blank=True, on_delete=models.SET_NULL)
    user_key = models.CharField(max_length=64, db_index=True)
    reply_token = models.CharField(max_length=100, blank=True)
    event_time = models.DateTimeField(null=True, blank=True)
    messages = EncryptedTextField(help_text="JSON list of {text, quick_replies}")
    message_count = models.PositiveSmallIntegerField(default=1)
    retry_key = models.UUIDField(default=uuid.uuid4, help_text="X-Line-Retry-Key: retries are idempotent")
    status = models.CharField(max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    how = models.CharField(max_length=16, blank=True, help_text="reply or push")
    reply_refused = models.BooleanField(default=False)
    quota_counted = models.BooleanField(default=False)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "id"], name="watch_lineout_status_idx")]

    def __str__(self) -> str:
        return f"outbox {self.pk} {self.status}"


class LinePushMonth(models.Model):
    """Push messages counted per calendar month (Asia/Bangkok), against SODSONG_LINE_PUSH_QUOTA."""

    month = models.CharField(max_length=7, unique=True)  # "2026-11"
    used = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.month}: {self.used}"


class LineRecipient(models.Model):
    """The raw LINE user id, encrypted, so case workers' questions can be pushed to the reporter.
    Deleted with the reporter (see `sodsong.watch.line.forget`)."""

    user_key = models.CharField(max_length=64, unique=True)
    line_user_id = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"recipient {self.user_key[:8]}"
