"""What the public may see of a case: an editor-approved redacted version, blurred photos, alerts.

Nothing of a report is public by itself. An editor redacts the publishable fields (a title they
write, the agency, what happened), approves, and only that approved snapshot is ever shown on
/cases/, in feeds and in open data. Redactions are stored as (kind, start, end) in the original
text, never the personal data itself.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sodsong.privacy.crypto import EncryptedTextField
from sodsong.watch.models.reports import Evidence, Report

__all__ = [
    "PUBLIC_FIELDS",
    "AlertScope",
    "AlertSubscription",
    "PendingAlert",
    "Publication",
    "PublicationPhoto",
    "PublishRefused",
]

#: The fields of a case that can be published, each redacted on its own.
PUBLIC_FIELDS: tuple[str, ...] = ("title", "agency", "what_happened")


class PublishRefused(ValueError):
    """Publishing was refused; `code` names the rule, the message is safe to show to staff."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class Publication(models.Model):
    """The editor's workspace for one case (draft) and the approved redacted version.

    `sources` holds the original text of each field as the editor saw it (the title is written by
    the editor; agency and what happened start as the reporter wrote them); `draft` the redactions
    being worked on. Approving copies both into the `approved_*` fields: those alone are public.
    """

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="publication")
    sources = models.JSONField(default=dict, blank=True)
    draft = models.JSONField(default=dict, blank=True)
    name_official = models.BooleanField(default=False)
    name_official_reason = models.TextField(blank=True)

    approved_title = models.CharField(max_length=300, blank=True)
    approved_agency = models.CharField(max_length=500, blank=True)
    approved_text = models.TextField(blank=True)
    approved_redactions = models.JSONField(default=dict, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"publication of {self.report_id} v{self.version}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    def approved_fields(self) -> dict[str, str]:
        return {
            "title": self.approved_title,
            "agency": self.approved_agency,
            "what_happened": self.approved_text,
        }


class PublicationPhoto(models.Model):
    """A photo an editor prepared for publication: hand-marked boxes blurred into a new copy.

    The copy is stored encrypted like evidence; only an approved copy of a published case is
    served to the public, never the evidence file itself.
    """

    evidence = models.OneToOneField(Evidence, on_delete=models.CASCADE, related_name="publication_photo")
    boxes = models.JSONField(default=list, blank=True, help_text="[{x, y, w, h}] in percent of the photo")
    storage_name = models.CharField(
        max_length=255, blank=True, help_text="blurred copy under the data directory"
    )
    sha256 = models.CharField(max_length=64, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    caption = models.CharField(max_length=300, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"photo {self.evidence_id} ({len(self.boxes)} boxes)"


class AlertScope(models.TextChoices):
    PROVINCE = "province", _("Province")
    AGENCY = "agency", _("Agency")
    CATEGORY = "category", _("Category")
    ALL = "all", _("All published cases")


class AlertSubscription(models.Model):
    """A LINE user who asked to hear about newly published cases of a province, agency or category.

    Matched by a keyed hash of their LINE id; the id itself is kept encrypted, only to push to it.
    """

    user_hash = models.CharField(max_length=64, db_index=True)
    line_user_id = EncryptedTextField()
    scope = models.CharField(max_length=16, choices=AlertScope.choices)
    value = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=8, default="th")
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user_hash", "scope", "value"],
                condition=models.Q(cancelled_at__isnull=True),
                name="watch_alert_subscription_unique_live",
            )
        ]

    def __str__(self) -> str:
        return f"alert {self.scope}={self.value} for {self.user_hash[:8]}"


class PendingAlert(models.Model):
    """One alert to push: recorded when a case is published, delivered when a sender exists."""

    subscription = models.ForeignKey(AlertSubscription, on_delete=models.CASCADE, related_name="alerts")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "report"], name="watch_alert_once_per_case")
        ]

    def __str__(self) -> str:
        return f"alert {self.subscription_id} case {self.report_id} sent={self.sent_at is not None}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "report": self.report_id,
            "subscription": self.subscription_id,
            "sent": self.sent_at is not None,
        }
