"""App-database records of the procurement part: staff decisions on company name matches.

Decisions live in the app database, not in a warehouse snapshot, so they survive re-imports and
rebuilt warehouses; every import reapplies them (`sources.runs.load_decisions`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["NameMatchDecision"]


class NameMatchDecision(models.Model):
    """A person's verdict on one `name_match` suggestion (a supplier known by name = a company)."""

    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    DECISIONS = [(CONFIRMED, _("Same company")), (REJECTED, _("Different"))]

    match_id = models.CharField(max_length=64, unique=True)
    subject_id = models.CharField(max_length=200)
    candidate_id = models.CharField(max_length=200)
    decision = models.CharField(max_length=16, choices=DECISIONS)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("name match decision")

    def __str__(self) -> str:
        return f"{self.subject_id} → {self.candidate_id}: {self.decision}"
