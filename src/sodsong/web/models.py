"""Records the site shell keeps: login attempts, for throttling staff logins."""

from __future__ import annotations

from django.db import models


class LoginAttempt(models.Model):
    """One staff login attempt (password or one-time code). Kept to throttle guessing.

    The database, not a per-process cache, holds them: gunicorn runs several workers and each
    must see the same count.
    """

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    stage = models.CharField(max_length=16, default="password")
    succeeded = models.BooleanField(default=False)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["username", "at"]), models.Index(fields=["ip_address", "at"])]

    def __str__(self) -> str:
        return f"{self.username} {self.stage} {'ok' if self.succeeded else 'failed'} {self.at:%Y-%m-%d %H:%M}"
