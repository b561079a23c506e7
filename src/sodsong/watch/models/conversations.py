"""Where each citizen is in the intake conversation, kept in the database.

State lives here rather than in memory so a conversation survives server restarts and works
across worker processes; `data` holds the answers of steps not yet written to the report.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from sodsong.watch.models.reports import Channel, Report

__all__ = ["Conversation"]


class Conversation(models.Model):
    channel = models.CharField(max_length=16, choices=Channel.choices)
    user_key = models.CharField(
        max_length=128, help_text="keyed hash of the LINE user id, web session token, or staff simulator key"
    )
    state = models.CharField(max_length=64, default="idle")
    data = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=8, default="th")
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["channel", "user_key"], name="watch_conversation_unique_user")
        ]

    def __str__(self) -> str:
        return f"{self.channel}:{self.user_key[:8]} {self.state}"
