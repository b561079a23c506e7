"""The programme's fixed frame: four strategies and six issue areas (seeded, editable by staff)."""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def current_language_is_thai() -> bool:
    """Thai unless English was chosen: the site's default."""
    return (translation.get_language() or "th").startswith("th")


class BilingualName(models.Model):
    """A Thai name (always) and an English name (shown to English readers when present)."""

    name_th = models.CharField(_("name (Thai)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if not current_language_is_thai() and self.name_en:
            return self.name_en
        return self.name_th


class Strategy(BilingualName):
    """One of the programme's four strategies (กลยุทธ์)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def description(self) -> str:
        if not current_language_is_thai() and self.description_en:
            return self.description_en
        return self.description_th


class IssueArea(BilingualName):
    """A governance issue the partners work on (ประเด็น), e.g. public procurement and open data."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("issue area")
        verbose_name_plural = _("issue areas")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"
