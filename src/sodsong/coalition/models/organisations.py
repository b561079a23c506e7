"""Partner organisations, their contacts and the history of their involvement."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sodsong.coalition.models.reference import BilingualName
from sodsong.thai import company_match_key


class Sector(models.TextChoices):
    """The sectors the seed article names (ภาคสื่อสารมวลชน ภาคการเมือง ภาควิชาการ ...)."""

    MEDIA = "media", _("Media")
    POLITICAL = "political", _("Political")
    ACADEMIC = "academic", _("Academic")
    PRIVATE = "private", _("Private sector")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    GOVERNMENT = "government", _("Government")
    INTERNATIONAL = "international", _("International")


def organisation_key(name: str) -> str:
    """The key two spellings of one organisation share (legal forms, spaces and Latin case folded)."""
    return company_match_key(name)


class Organisation(BilingualName):
    """A partner organisation, or the catalyst team's own organisation (not counted as a partner)."""

    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_public = models.BooleanField(
        _("listed publicly"), default=True, help_text=_("Shown on the public partner pages.")
    )
    is_programme_team = models.BooleanField(
        _("programme team"),
        default=False,
        help_text=_("The catalyst team's own organisation: not counted as a partner."),
    )
    match_key = models.CharField(max_length=300, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def save(self, *args: object, **kwargs: object) -> None:
        self.match_key = organisation_key(self.name_th)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def label(self) -> str:
        """`name (short)` when a short name exists and is not already part of the name."""
        if self.short_name and self.short_name not in self.name:
            return f"{self.name} ({self.short_name})"
        return self.name


class OrganisationContact(models.Model):
    """A person to contact at a partner (staff only: contact data is never published)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name


class InvolvementNote(models.Model):
    """A dated line in a partner's history that is not an activity (an MOU, a first call, a pause)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="notes")
    date = models.DateField(_("date"))
    text = models.TextField(_("note"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("involvement note")
        verbose_name_plural = _("involvement notes")

    def __str__(self) -> str:
        return f"{self.date}: {self.text[:40]}"


class PartnerAccount(models.Model):
    """A login that belongs to a partner organisation: it sees its own and public records only."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coalition_partner"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="accounts")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partner account")
        verbose_name_plural = _("partner accounts")

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"
