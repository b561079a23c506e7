"""KPI tables: each indicator's baseline and target for a period next to its computed actual."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sodsong.coalition.metrics import Scope, get_metric
from sodsong.coalition.models import Indicator, IndicatorTarget, Strategy
from sodsong.coalition.periods import Period

__all__ = ["IndicatorRow", "indicator_row", "indicator_rows", "scope_of"]


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    period: Period
    baseline: Decimal | None
    target: Decimal | None
    actual: Decimal | int | None
    computed: bool
    note: str

    @property
    def progress(self) -> float | None:
        """Actual as a share of target (1.0 = met); None when either is missing."""
        if self.actual is None or not self.target:
            return None
        return float(Decimal(self.actual) / self.target)

    @property
    def scope(self) -> Scope:
        return scope_of(self.indicator, self.period)


def scope_of(indicator: Indicator, period: Period) -> Scope:
    return Scope(period, indicator.strategy, indicator.issue_area, indicator.sector)


def indicator_row(
    indicator: Indicator, period: Period, target: IndicatorTarget | None = None
) -> IndicatorRow:
    """The KPI for `period`: the actual comes from the records unless the indicator is manual."""
    if target is None:
        target = IndicatorTarget.objects.filter(indicator=indicator, period=period.code).first()
    actual: Decimal | int | None
    if indicator.is_manual:
        actual = target.manual_actual if target else None
    else:
        actual = get_metric(indicator.metric).value(scope_of(indicator, period))
    return IndicatorRow(
        indicator=indicator,
        period=period,
        baseline=target.baseline if target else None,
        target=target.target if target else None,
        actual=actual,
        computed=not indicator.is_manual,
        note=target.note if target else "",
    )


def indicator_rows(
    period: Period, *, headline: bool | None = None, strategy: Strategy | None = None
) -> list[IndicatorRow]:
    indicators = Indicator.objects.select_related("strategy", "issue_area")
    if headline is not None:
        indicators = indicators.filter(headline=headline)
    if strategy is not None:
        indicators = indicators.filter(strategy=strategy)
    targets = {t.indicator_id: t for t in IndicatorTarget.objects.filter(period=period.code)}
    return [indicator_row(indicator, period, targets.get(indicator.pk)) for indicator in indicators]
