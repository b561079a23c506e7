"""Spreadsheet imports in progress: the uploaded file, its column mapping and the check results."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sodsong.coalition.models.activities import Activity
from sodsong.coalition.models.organisations import Organisation


class ImportKind(models.TextChoices):
    PARTICIPANTS = "participants", _("Participants")
    ACTIVITIES = "activities", _("Activities")


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    CHECKED = "checked", _("Checked")
    COMMITTED = "committed", _("Imported")


class ImportJob(models.Model):
    """One upload. Nothing reaches the records until `commit`, and then all rows or none."""

    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    original_name = models.CharField(max_length=300)
    stored_name = models.CharField(max_length=300)
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="imports"
    )
    owner_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    headers = models.JSONField(default=list)
    header_row = models.PositiveIntegerField(default=1)
    mapping = models.JSONField(default=dict)
    options = models.JSONField(default=dict)
    status = models.CharField(max_length=12, choices=ImportStatus.choices, default=ImportStatus.UPLOADED)
    row_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} import {self.pk}: {self.original_name}"
