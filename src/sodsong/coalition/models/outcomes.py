"""Outcomes harvested the Outcome Harvesting way: what changed, for whom, and how we contributed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sodsong.coalition.models.activities import Activity
from sodsong.coalition.models.organisations import Organisation
from sodsong.coalition.models.reference import IssueArea, Strategy


class Significance(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Outcome(models.Model):
    """A change in a social actor's behaviour, relations, policies or practice."""

    title = models.CharField(_("what changed (short)"), max_length=300)
    description = models.TextField(_("what changed"), blank=True)
    social_actor = models.CharField(
        _("for whom"), max_length=300, help_text=_("Who changed: an agency, a group, a partner.")
    )
    changed_on = models.DateField(_("when"))
    contribution = models.TextField(_("how the programme contributed"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    significance = models.TextField(_("why it matters"), blank=True)
    significance_level = models.CharField(
        _("significance"), max_length=10, choices=Significance.choices, default=Significance.MEDIUM
    )
    strategy = models.ForeignKey(
        Strategy,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outcomes",
        verbose_name=_("strategy"),
    )
    issue_areas = models.ManyToManyField(
        IssueArea, blank=True, related_name="outcomes", verbose_name=_("issue areas")
    )
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="outcomes", verbose_name=_("partners")
    )
    activities = models.ManyToManyField(
        Activity, blank=True, related_name="outcomes", verbose_name=_("activities")
    )
    watch_case_code = models.CharField(
        _("watch case"),
        max_length=64,
        blank=True,
        help_text=_("The citizen report's case code, if this outcome is about one."),
    )
    procurement_flag_ref = models.CharField(
        _("procurement flag"),
        max_length=120,
        blank=True,
        help_text=_("Project number and indicator code, e.g. 66019012345/ACT-SINGLE-BIDDER."),
    )
    is_public = models.BooleanField(_("public"), default=False)
    owner_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_outcomes"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-changed_on", "-id"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.title


def evidence_path(instance: EvidenceFile, filename: str) -> str:
    """Evidence files live under the data directory, grouped by what they document."""
    owner = f"activity-{instance.activity_id}" if instance.activity_id else f"outcome-{instance.outcome_id}"
    return f"coalition/evidence/{owner}/{filename}"


class EvidenceFile(models.Model):
    """A file that shows an activity happened or an outcome is real (photos, minutes, clippings)."""

    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence_files"
    )
    outcome = models.ForeignKey(
        Outcome, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence_files"
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=500)
    title = models.CharField(_("title"), max_length=300, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(activity__isnull=False, outcome__isnull=True))
                | (models.Q(activity__isnull=True, outcome__isnull=False)),
                name="coalition_evidence_has_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.title or str(self.file.name)
