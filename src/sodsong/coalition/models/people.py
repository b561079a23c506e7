"""People who took part, de-duplicated across activities (merges are suggested, staff confirm)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sodsong.coalition.models.organisations import Organisation
from sodsong.coalition.names import person_key, split_title


class PersonQuerySet(models.QuerySet["Person"]):
    def active(self) -> PersonQuerySet:
        """People that were not merged into someone else."""
        return self.filter(merged_into__isnull=True)


class Person(models.Model):
    """A participant. A merged person stays as a tombstone pointing at the one it was merged into."""

    title = models.CharField(_("title"), max_length=60, blank=True, help_text=_("e.g. นาย, ดร., Dr."))
    name_th = models.CharField(_("name (Thai)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    name_key = models.CharField(max_length=300, db_index=True, editable=False)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_people"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name_key", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name_th="", name_en=""), name="coalition_person_has_a_name"
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_key = person_key(self.name_th or self.name_en)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def name(self) -> str:
        """The name to show, without title: Thai first."""
        return self.name_th or self.name_en

    @property
    def full_name(self) -> str:
        """Title and name as a Thai reader writes them (`นายสมชาย ใจดี`, `ดร. ...`)."""
        if not self.title:
            return self.name
        joiner = " " if self.title.endswith(".") or self.title.isascii() else ""
        return f"{self.title}{joiner}{self.name}"

    @classmethod
    def from_written_name(cls, written: str, **fields: object) -> Person:
        """A new (unsaved) person from a name as written, title split off, Thai or Latin."""
        title, name = split_title(written)
        is_latin = name.isascii()
        return cls(
            title=title,
            name_th="" if is_latin else name,
            name_en=name if is_latin else "",
            **fields,
        )


class PersonAlias(models.Model):
    """Every spelling under which a person was recorded (kept after merges, used for matching)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    key = models.CharField(max_length=300, db_index=True)
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="coalition_alias_once")]

    def __str__(self) -> str:
        return self.name


class Affiliation(models.Model):
    """A person's organisation over a span of time (people move between partners)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="affiliations")
    position = models.CharField(_("position"), max_length=200, blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "position"], name="coalition_affiliation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.organisation}"


class MergeStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONFIRMED = "confirmed", _("Merged")
    REJECTED = "rejected", _("Not the same person")


class MergeSuggestion(models.Model):
    """Two records that may be one person; a member of staff decides (a rejection is remembered)."""

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    status = models.CharField(max_length=12, choices=MergeStatus.choices, default=MergeStatus.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="coalition_suggestion_once"),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")), name="coalition_suggestion_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id}~{self.person_b_id} ({self.score:.2f})"


class PersonMerge(models.Model):
    """The record of a confirmed merge: who, when, and which names went where."""

    kept = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_absorbed")
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    merged_at = models.DateTimeField(auto_now_add=True)
    moved = models.JSONField(default=dict)

    class Meta:
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.kept_id}"
