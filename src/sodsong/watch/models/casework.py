"""Case work records: agencies, referrals, labels, assignment, procurement links, data requests.

The case itself (`Report`) and its timeline (`CaseEvent`) live in `reports.py`; what staff add
while working a case hangs off it here, so the intake records stay small and the case work can
grow without touching them.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sodsong.watch.models.reports import Report

__all__ = [
    "Agency",
    "AgencyKind",
    "CaseFile",
    "CaseProjectLink",
    "DataRequest",
    "DataRequestKind",
    "DataRequestStatus",
    "FollowUpAnswer",
    "InternalStep",
    "Label",
    "OneTimeCode",
    "PartnerAccount",
    "Referral",
    "ReferralChannel",
    "ReferralOutcome",
]


class AgencyKind(models.TextChoices):
    ANTI_CORRUPTION = "anti_corruption", _("Anti-corruption agency")
    AUDIT = "audit", _("Audit office")
    OMBUDSMAN = "ombudsman", _("Ombudsman")
    COMPLAINT_CENTRE = "complaint_centre", _("Complaint centre")
    MINISTRY_CENTRE = "ministry_centre", _("Ministry anti-corruption centre")
    MEDIA = "media", _("Media partner")
    OTHER = "other", _("Other")


class Agency(models.Model):
    """Where a case can be referred: the directory is seeded and admins edit it."""

    name_th = models.CharField(_("Name (Thai)"), max_length=300)
    name_en = models.CharField(_("Name (English)"), max_length=300, blank=True)
    short_name = models.CharField(_("Short name"), max_length=40, blank=True)
    kind = models.CharField(_("Kind"), max_length=32, choices=AgencyKind.choices, default=AgencyKind.OTHER)
    hotline = models.CharField(_("Hotline"), max_length=40, blank=True)
    website = models.URLField(_("Website"), blank=True)
    address = models.TextField(_("Address for letters"), blank=True)
    response_days = models.PositiveIntegerField(
        _("Days to answer"), default=60, help_text=_("the response deadline set on new referrals")
    )
    active = models.BooleanField(_("Active"), default=True)

    class Meta:
        ordering = ["name_th"]

    def __str__(self) -> str:
        return f"{self.short_name} {self.name_th}".strip() if self.short_name else self.name_th


class PartnerAccount(models.Model):
    """A partner login belongs to one agency and sees only the cases referred to it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watch_partner"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="partner_accounts")

    def __str__(self) -> str:
        return f"{self.user} → {self.agency}"


class Label(models.Model):
    name = models.CharField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InternalStep(models.TextChoices):
    """Steps inside a public status; never shown to the public."""

    NEW = "", _("Not started")
    TRIAGE = "triage", _("Triage")
    CHECKING_FACTS = "checking_facts", _("Checking facts")
    CHECKING_PROCUREMENT = "checking_procurement", _("Checking procurement data")
    LEGAL_REVIEW = "legal_review", _("Legal review")
    READY_TO_REFER = "ready_to_refer", _("Ready to refer")
    WAITING_FOR_AGENCY = "waiting_for_agency", _("Waiting for the agency")
    WAITING_FOR_REPORTER = "waiting_for_reporter", _("Waiting for the reporter")


class CaseFile(models.Model):
    """Staff-side state of a case: who works on it, its labels, its step, what it was merged into."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="casefile")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    labels = models.ManyToManyField(Label, blank=True, related_name="cases")
    step = models.CharField(max_length=32, choices=InternalStep.choices, blank=True)
    merged_into = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_cases"
    )
    identity_purged_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"casefile {self.report_id}"


class ReferralChannel(models.TextChoices):
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("E-mail")
    ONLINE = "online", _("Online form")
    HOTLINE = "hotline", _("Hotline")
    IN_PERSON = "in_person", _("In person")
    PARTNER = "partner", _("Partner account")


class ReferralOutcome(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    INVESTIGATING = "investigating", _("Investigating")
    ACTION_TAKEN = "action_taken", _("Action taken")
    RESOLVED = "resolved", _("Agency says resolved")
    NO_ACTION = "no_action", _("No action")
    FORWARDED = "forwarded", _("Forwarded elsewhere")
    REJECTED = "rejected", _("Rejected")


class FollowUpAnswer(models.TextChoices):
    YES = "yes", _("Yes, something changed")
    NO = "no", _("No")
    NOT_YET = "not_yet", _("Not yet")


class Referral(models.Model):
    """One sending of a case to one agency, with its answer.

    The reporter's identity goes with it only when they consented to forwarding it to THIS
    agency (`identity_consent`) and a custodian chose to include it (`include_identity`).
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="referrals")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="referrals")
    channel = models.CharField(max_length=16, choices=ReferralChannel.choices, default=ReferralChannel.LETTER)
    sent_on = models.DateField(default=datetime.date.today)
    reference_number = models.CharField(max_length=100, blank=True)
    response_due = models.DateField(null=True, blank=True)
    response = models.TextField(blank=True)
    response_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(
        max_length=16, choices=ReferralOutcome.choices, default=ReferralOutcome.PENDING
    )
    identity_consent = models.BooleanField(default=False)
    consent_note = models.CharField(max_length=300, blank=True)
    include_identity = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    followup_asked_at = models.DateTimeField(null=True, blank=True)
    followup_answer = models.CharField(max_length=16, choices=FollowUpAnswer.choices, blank=True)
    followup_answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_on", "pk"]

    def __str__(self) -> str:
        return f"{self.report_id} → {self.agency_id} {self.sent_on}"

    @property
    def is_overdue(self) -> bool:
        return bool(self.response_due and not self.response_on and self.response_due < timezone.localdate())


class CaseProjectLink(models.Model):
    """A case linked to an e-GP project, suggested from its text and confirmed by staff.

    The project's facts are copied when the link is made, so the case page and the referral
    letter read the same even when the warehouse is rebuilt or offline.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="project_links")
    process_id = models.CharField(max_length=32, db_index=True)
    title = models.TextField(blank=True)
    agency_name = models.CharField(max_length=500, blank=True)
    budget = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    contract_value = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    winner_name = models.CharField(max_length=500, blank=True)
    flags = models.JSONField(default=list, blank=True, help_text="indicator codes that fired")
    matched_on = models.CharField(max_length=200, blank=True, help_text="the text that suggested it")
    confirmed = models.BooleanField(default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "process_id"], name="watch_caseprojectlink_unique")
        ]
        ordering = ["-confirmed", "process_id"]

    def __str__(self) -> str:
        return f"{self.report_id} ↔ {self.process_id}"

    @property
    def flag_titles(self) -> list[str]:
        """The flags' titles in the reader's language (Thai by default)."""
        from sodsong.procurement.search.labels import indicator_title

        return [indicator_title(code) for code in self.flags]


class DataRequestKind(models.TextChoices):
    EXPORT = "export", _("A copy of my data")
    DELETE = "delete", _("Delete my data")


class DataRequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    REFUSED = "refused", _("Refused")


class DataRequest(models.Model):
    """A reporter asked for a copy or the deletion of their data (PDPA); staff handle it."""

    report = models.ForeignKey(Report, null=True, on_delete=models.SET_NULL, related_name="data_requests")
    case_code = models.CharField(max_length=12)
    kind = models.CharField(max_length=16, choices=DataRequestKind.choices)
    verified_by = models.CharField(max_length=32, help_text="line, contact or one-time code")
    status = models.CharField(
        max_length=16, choices=DataRequestStatus.choices, default=DataRequestStatus.OPEN
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.case_code} {self.status}"


class OneTimeCode(models.Model):
    """A code shown on the web track page that proves a data request comes from the reporter."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"one-time code for {self.report_id}"
