"""A citizen's report (a case), its evidence and the events of its life.

A report exists from the citizen's first real answer (status `draft`), so nothing they said is
lost if the conversation stops half-way; it becomes `received` when they finish. Every status
change is a `CaseEvent` (who, when, note, public or internal): the public timeline and the audit
of the case work are both read from events, never reconstructed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from sodsong.privacy.crypto import EncryptedTextField
from sodsong.watch.codes import new_case_code

__all__ = [
    "CaseEvent",
    "Category",
    "Channel",
    "CloseReason",
    "EditConflict",
    "EventKind",
    "Evidence",
    "Report",
    "Reporter",
    "Status",
]


class Channel(models.TextChoices):
    LINE = "line", _("LINE")
    WEB = "web", _("Web form")
    SIMULATOR = "simulator", _("Staff chat simulator")


class Category(models.TextChoices):
    """ALAC practice, as the spec lists them."""

    BRIBERY = "bribery", _("Bribery (giving or taking)")
    EXTORTION = "extortion", _("Demanding money / extortion")
    BID_RIGGING = "bid_rigging", _("Bid rigging / non-transparent procurement")
    EMBEZZLEMENT = "embezzlement", _("Embezzlement of public funds")
    ABUSE_OF_POWER = "abuse_of_power", _("Abuse of authority")
    CONFLICT_OF_INTEREST = "conflict_of_interest", _("Conflict of interest")
    FAVOURITISM = "favouritism", _("Favouritism / nepotism")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    """Public statuses of the spec, plus `draft` (an unfinished intake, never public)."""

    DRAFT = "draft", _("Draft (intake not finished)")
    RECEIVED = "received", _("Received")
    SCREENING = "screening", _("Screening")
    NEED_INFO = "need_info", _("Need more information")
    REFERRED = "referred", _("Referred to an agency")
    AGENCY_RESPONDED = "agency_responded", _("Agency responded")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class CloseReason(models.TextChoices):
    """An honest reason for every closed case."""

    RESOLVED = "resolved", _("Resolved (confirmed by the reporter or evidence)")
    AGENCY_SAYS_RESOLVED = "agency_says_resolved", _("Agency says resolved")
    INSUFFICIENT_EVIDENCE = "insufficient_evidence", _("Insufficient evidence")
    NOT_CORRUPTION = "not_corruption", _("Not corruption")
    DUPLICATE = "duplicate", _("Duplicate")
    WITHDRAWN = "withdrawn", _("Withdrawn by the reporter")
    OUT_OF_SCOPE = "out_of_scope", _("Outside our scope (forwarded)")


class EventKind(models.TextChoices):
    CREATED = "created", _("Report started")
    SUBMITTED = "submitted", _("Report submitted")
    STATUS = "status", _("Status changed")
    NOTE = "note", _("Note")
    MESSAGE_IN = "message_in", _("Message from the reporter")
    MESSAGE_OUT = "message_out", _("Message to the reporter")
    EVIDENCE_ADDED = "evidence_added", _("Evidence added")
    EVIDENCE_REMOVED = "evidence_removed", _("Evidence removed")
    OTHER = "other", _("Other")


class EditConflict(Exception):
    """Someone else changed the case since it was loaded (optimistic locking on `version`)."""


class Reporter(models.Model):
    """Who reported, as little as we need: a keyed hash of their LINE user id, never the id."""

    channel = models.CharField(max_length=16, choices=Channel.choices)
    line_user_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    language = models.CharField(max_length=8, default="th")
    following = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"reporter {self.pk} ({self.channel})"


class Report(models.Model):
    code = models.CharField(max_length=12, unique=True, default=new_case_code, editable=False)
    channel = models.CharField(max_length=16, choices=Channel.choices)
    reporter = models.ForeignKey(
        Reporter, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    language = models.CharField(max_length=8, default="th")
    is_example = models.BooleanField(default=False, help_text="demo data, marked as an example everywhere")

    category = models.CharField(max_length=32, choices=Category.choices, blank=True)
    agency_text = models.CharField(max_length=500, blank=True)
    province_code = models.CharField(max_length=8, blank=True)
    district = models.CharField(max_length=200, blank=True)
    what_happened = models.TextField(blank=True)
    occurred_on = models.DateField(null=True, blank=True)
    occurred_text = models.CharField(max_length=500, blank=True)
    amount = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    egp_project_number = models.CharField(max_length=32, blank=True)
    consent_publish = models.BooleanField(null=True)
    consent_forward = models.BooleanField(null=True)
    contact = EncryptedTextField(blank=True)

    status = models.CharField(max_length=32, choices=Status.choices, default=Status.DRAFT, db_index=True)
    close_reason = models.CharField(max_length=32, choices=CloseReason.choices, blank=True)
    close_note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.code

    @property
    def is_open(self) -> bool:
        return self.status not in (Status.DRAFT, Status.CLOSED)

    def live_evidence(self) -> models.QuerySet[Evidence]:
        return self.evidence.filter(removed_at__isnull=True)

    def record(
        self,
        kind: str,
        *,
        actor: Any = None,
        note: str = "",
        public: bool = False,
        from_status: str = "",
        to_status: str = "",
    ) -> CaseEvent:
        """Append an event to the case's timeline."""
        return CaseEvent.objects.create(
            report=self,
            kind=kind,
            actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
            note=note,
            public=public,
            from_status=from_status,
            to_status=to_status,
        )

    def submit(self) -> None:
        """The citizen finished the intake: the draft becomes a received case."""
        if self.status != Status.DRAFT:
            return
        with transaction.atomic():
            self.status = Status.RECEIVED
            self.submitted_at = timezone.now()
            self.save(update_fields=["status", "submitted_at", "updated_at"])
            self.record(EventKind.SUBMITTED, public=True, to_status=Status.RECEIVED)

    def set_status(
        self,
        new: str,
        *,
        actor: Any = None,
        note: str = "",
        public: bool = True,
        reason: str = "",
        expected_version: int | None = None,
    ) -> CaseEvent:
        """Move the case to `new`, recording who, when and why.

        `expected_version` is the version the caller's form was built from: when another staff
        member saved in between, `EditConflict` is raised and nothing changes.
        """
        if new not in Status.values:
            raise ValueError(f"unknown status {new!r}; expected one of {', '.join(Status.values)}")
        if new == Status.CLOSED and reason not in CloseReason.values:
            raise ValueError("closing a case needs a reason: " + ", ".join(CloseReason.values))
        if new == Status.PUBLISHED:  # only an approved redacted version with consent (publication rules)
            import_string("sodsong.watch.publication.publishing.ensure_publishable")(self, actor)
        with transaction.atomic():
            version = self.version if expected_version is None else expected_version
            updated = Report.objects.filter(pk=self.pk, version=version).update(
                status=new,
                version=F("version") + 1,
                close_reason=reason if new == Status.CLOSED else "",
                closed_at=timezone.now() if new == Status.CLOSED else None,
                published_at=self.published_at or (timezone.now() if new == Status.PUBLISHED else None),
                updated_at=timezone.now(),
            )
            if not updated:
                raise EditConflict(f"case {self.code} was changed by someone else; reload it and try again")
            old = self.status
            self.refresh_from_db()
            return self.record(
                EventKind.STATUS, actor=actor, note=note, public=public, from_status=old, to_status=new
            )


class Evidence(models.Model):
    """A photo or file, stored encrypted under the data directory; the hashes prove integrity."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, help_text="of the bytes as received")
    stored_sha256 = models.CharField(max_length=64, help_text="of the bytes kept (metadata stripped)")
    storage_name = models.CharField(max_length=255, help_text="path under the data directory")
    metadata_stripped = models.BooleanField(default=False)
    source_message_id = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    purged_at = models.DateTimeField(null=True, blank=True, help_text="raw file deleted by retention")

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.original_name or self.content_type} ({self.sha256[:12]})"


class CaseEvent(models.Model):
    """One step of a case's life. Append-only: events are never edited."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    kind = models.CharField(max_length=32, choices=EventKind.choices)
    from_status = models.CharField(max_length=32, blank=True)
    to_status = models.CharField(max_length=32, blank=True)
    note = models.TextField(blank=True)
    public = models.BooleanField(default=False)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind} {self.at:%Y-%m-%d}"
