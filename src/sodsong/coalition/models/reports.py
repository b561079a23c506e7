"""Published half-year reports: a frozen copy of what was published, so it never changes later."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedReport(models.Model):
    period = models.CharField(_("period"), max_length=8)
    language = models.CharField(max_length=5, default="th")
    title = models.CharField(_("title"), max_length=300)
    html = models.TextField()
    pdf = models.BinaryField()
    figures = models.JSONField(default=dict, help_text="the numbers as published, by metric code")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period", "-published_at"]
        verbose_name = _("published report")
        verbose_name_plural = _("published reports")

    def __str__(self) -> str:
        return self.title
