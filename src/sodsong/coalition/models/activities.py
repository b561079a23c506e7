"""Activities: what the programme and its partners did, when, where, with whom, and what came out."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sodsong.coalition.models.organisations import Organisation
from sodsong.coalition.models.people import Person
from sodsong.coalition.models.reference import IssueArea, Strategy


class ActivityType(models.TextChoices):
    """The kinds of activity the seed article reports on."""

    MEETING = "meeting", _("Meeting")
    WORKSHOP = "workshop", _("Workshop or training")
    TALK = "talk", _("Talk as speaker")
    HACKATHON = "hackathon", _("Hackathon")
    MEDIA = "media", _("Media interview, radio or TV")
    PUBLICATION = "publication", _("Publication or infographic")
    YOUTH_CAMP = "youth_camp", _("Youth design camp")
    FUNDRAISING = "fundraising", _("Fundraising campaign")
    OTHER = "other", _("Other")


class OrganisationRole(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    CO_ORGANISER = "co_organiser", _("Co-organiser")
    PARTNER = "partner", _("Partner")
    MEDIA = "media", _("Media partner")
    FUNDER = "funder", _("Funder or platform")
    PARTICIPANT = "participant", _("Participant")


class ParticipantRole(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    SPEAKER = "speaker", _("Speaker")
    ORGANISER = "organiser", _("Organiser")
    FACILITATOR = "facilitator", _("Facilitator")
    MENTOR = "mentor", _("Mentor or judge")
    INTERVIEWEE = "interviewee", _("Interviewee")
    GUEST = "guest", _("Guest")


class ActivityQuerySet(models.QuerySet["Activity"]):
    def overlapping(self, start: datetime.date, end: datetime.date) -> ActivityQuerySet:
        """Activities that took place (at least partly) between `start` and `end`, inclusive."""
        return self.filter(start_date__lte=end).filter(
            models.Q(end_date__isnull=True, start_date__gte=start) | models.Q(end_date__gte=start)
        )


class Activity(models.Model):
    """One activity. Quick logging needs a title, type and date; the rest can follow later."""

    title = models.CharField(_("activity title"), max_length=300)
    activity_type = models.CharField(_("type"), max_length=20, choices=ActivityType.choices)
    start_date = models.DateField(_("date"))
    end_date = models.DateField(
        _("until"), null=True, blank=True, help_text=_("For activities over several days.")
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    strategy = models.ForeignKey(
        Strategy,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("strategy"),
    )
    issue_areas = models.ManyToManyField(
        IssueArea, blank=True, related_name="activities", verbose_name=_("issue areas")
    )
    organisations = models.ManyToManyField(
        Organisation, through="ActivityOrganisation", blank=True, related_name="activities"
    )
    participants = models.ManyToManyField(
        Person, through="Participation", blank=True, related_name="activities"
    )
    description = models.TextField(_("description"), blank=True)
    outputs = models.TextField(
        _("outputs"), blank=True, help_text=_("What came out: papers, media, decisions.")
    )
    reach = models.PositiveIntegerField(
        _("reported reach"),
        null=True,
        blank=True,
        help_text=_("Audience, views or listeners as reported by the channel (not participants)."),
    )
    is_public = models.BooleanField(_("public"), default=False, help_text=_("Shown on the public pages."))
    highlight = models.BooleanField(
        _("highlight in reports"), default=False, help_text=_("Named in the half-year report.")
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_activities",
        verbose_name=_("logged by partner"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="coalition_activity_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["start_date", "end_date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def last_date(self) -> datetime.date:
        return self.end_date or self.start_date

    @property
    def needs_details(self) -> bool:
        """Logged quickly and not yet completed: no strategy or no partner organisation."""
        return self.strategy_id is None or not self.organisations.exists()


class ActivityOrganisation(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="organisation_links")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="activity_links")
    role = models.CharField(
        _("role"), max_length=20, choices=OrganisationRole.choices, default=OrganisationRole.PARTNER
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "organisation"], name="coalition_activity_org_once")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} @ {self.activity_id}"


class Participation(models.Model):
    """A person at an activity, in a role, for an organisation (the one they came from then)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participations")
    role = models.CharField(
        _("role"), max_length=20, choices=ParticipantRole.choices, default=ParticipantRole.PARTICIPANT
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="participations"
    )
    source = models.CharField(
        max_length=200, blank=True, help_text="where the record came from, e.g. import 3 row 17"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="coalition_participation_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.activity_id}"


class ActivityLink(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("link"), max_length=500)
    title = models.CharField(_("title"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title or self.url
