"""KPIs: what is counted (a metric over the records, narrowed by strategy, issue area or sector),
with a baseline and a target per period. The actual value is never stored: it is computed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from sodsong.coalition.models.organisations import Sector
from sodsong.coalition.models.reference import BilingualName, IssueArea, Strategy

MANUAL = "manual"


def metric_choices() -> list[tuple[str, str]]:
    """The metrics of `sodsong.coalition.metrics`, plus `manual` for KPIs no record can count."""
    from sodsong.coalition.metrics import METRICS

    return [(code, str(metric.label)) for code, metric in METRICS.items()] + [
        (MANUAL, str(_("Typed in (no records exist for it)")))
    ]


class Indicator(BilingualName):
    """A KPI such as "partner organisations active, strategy 1"."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    metric = models.CharField(_("counts"), max_length=40, choices=metric_choices)
    strategy = models.ForeignKey(
        Strategy,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("strategy"),
    )
    issue_area = models.ForeignKey(
        IssueArea,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("issue area"),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    headline = models.BooleanField(
        _("overview figure"), default=False, help_text=_("Shown first in the report.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    @property
    def is_manual(self) -> bool:
        return self.metric == MANUAL


class IndicatorTarget(models.Model):
    """Baseline and target of one indicator for one period; an actual only when nothing can count it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.CharField(_("period"), max_length=8, help_text=_("e.g. 2566H1 or 2566"))
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    manual_actual = models.DecimalField(
        _("actual (typed in)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Only for indicators that no record can count."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["indicator", "period"]
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="coalition_target_once")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}"

    def clean(self) -> None:
        from sodsong.coalition.periods import PeriodError, parse_period

        try:
            self.period = parse_period(self.period).code
        except PeriodError as exc:
            raise ValidationError({"period": str(exc)}) from None
        if self.manual_actual is not None and not self.indicator.is_manual:
            raise ValidationError(
                {
                    "manual_actual": _(
                        "This indicator is computed from the records; its actual cannot be typed in."
                    )
                }
            )
