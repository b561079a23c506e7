"""The append-only audit log: who viewed an identity, exported, referred, published, changed a status.

Rows are only ever inserted: saving an existing row or deleting one raises, so the log cannot be
edited through the application. Admins read it in the back office.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["AuditEntry", "AuditLogIsAppendOnly"]


class AuditLogIsAppendOnly(Exception):
    pass


class AuditEntry(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    action = models.CharField(max_length=64, db_index=True)  # e.g. "identity.view", "case.publish"
    report = models.ForeignKey("watch.Report", null=True, blank=True, on_delete=models.SET_NULL)
    case_code = models.CharField(max_length=12, blank=True, db_index=True)  # survives retention
    detail = models.JSONField(default=dict, blank=True)
    refused = models.BooleanField(default=False, help_text="an attempt that was refused")

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.case_code}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditLogIsAppendOnly("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("audit entries cannot be deleted")
