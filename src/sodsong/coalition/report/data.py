"""Everything the half-year report says, gathered from the records.

The report follows the seed article: overview figures (partner organisations, people, meetings...),
how the catalyst team works, then strategy by strategy the partners by sector, the named activities
with their numbers, the other activities counted by type, the outcomes, and for strategy 3 the watch
figures. Every number is a `Figure` that knows its metric and scope, so it can be traced to records.
Counts include every record; only public organisations, activities and outcomes are *named*.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sodsong.coalition.charts import Bar, BarChart, LineChart, Series
from sodsong.coalition.kpis import IndicatorRow, indicator_rows
from sodsong.coalition.metrics import Scope, activities_in, get_metric, outcomes, partner_organisations
from sodsong.coalition.models import Activity, ActivityType, Organisation, Outcome, Sector, Strategy
from sodsong.coalition.periods import Period, half_years
from sodsong.coalition.report.text import date_range, join_list, number, ordinal
from sodsong.coalition.watch_figures import WatchFigures, watch_figures

__all__ = ["Figure", "ReportData", "build_report"]

OVERVIEW_METRICS = (
    "partner_organisations",
    "people",
    "meetings",
    "activities",
    "media_appearances",
    "outcomes",
)
SECTION_METRICS = ("activities", "partner_organisations", "people", "outcomes")


@dataclass(frozen=True)
class Figure:
    """One number in the report, with what it counts and where it came from."""

    metric: str
    label: str
    unit: str
    value: int | None
    scope: Scope

    @property
    def text(self) -> str:
        return number(self.value)

    @property
    def explain_query(self) -> str:
        return self.scope.query()


def figure(code: str, scope: Scope) -> Figure:
    metric = get_metric(code)
    return Figure(code, str(metric.label), str(metric.unit), metric.value(scope), scope)


@dataclass(frozen=True)
class ActivityItem:
    """A named activity as the report tells it."""

    activity: Activity
    type_label: str
    dates: str
    organisations: list[str]
    participants: int

    @property
    def sentence(self) -> str:
        parts = [f"{self.type_label} “{self.activity.title}” ({self.dates}"]
        if self.activity.place:
            parts.append(f", {self.activity.place}")
        parts.append(")")
        text = "".join(parts)
        if self.organisations:
            text += " " + _("with %(partners)s") % {"partners": join_list(self.organisations)}
        counts = []
        if self.participants:
            counts.append(_("%(count)s participants") % {"count": number(self.participants)})
        if self.activity.reach:
            counts.append(_("reaching %(count)s") % {"count": number(self.activity.reach)})
        if counts:
            text += " — " + join_list(counts)
        return text


@dataclass(frozen=True)
class TypeCount:
    activity_type: str
    label: str
    count: int


@dataclass
class StrategySection:
    strategy: Strategy
    heading: str
    figures: list[Figure]
    sectors_sentence: str
    partner_names: list[str]
    unnamed_partners: int
    highlights: list[ActivityItem]
    other_activities: list[TypeCount]
    outcomes: list[Outcome]
    unnamed_outcomes: int
    watch: WatchFigures | None = None
    watch_figures: list[Figure] = field(default_factory=list)


@dataclass
class ReportData:
    period: Period
    title: str
    programme: str
    period_label: str
    generated_at: datetime.datetime
    overview: list[Figure]
    intro: str
    catalyst: str
    sections: list[StrategySection]
    closing: str
    indicators: list[IndicatorRow]
    charts: list[BarChart | LineChart]

    def all_figures(self) -> list[Figure]:
        """Every number the report states (for tracing and tests)."""
        figures = list(self.overview)
        for section in self.sections:
            figures += section.figures + section.watch_figures
        return figures


def _names(organisations: list[Organisation]) -> tuple[list[str], int]:
    public = [o.label for o in organisations if o.is_public]
    return public, len(organisations) - len(public)


def _activity_item(activity: Activity) -> ActivityItem:
    orgs = [link.organisation for link in activity.organisation_links.all()]
    return ActivityItem(
        activity=activity,
        type_label=str(ActivityType(activity.activity_type).label),
        dates=date_range(activity.start_date, activity.end_date),
        organisations=[o.label for o in orgs if o.is_public and not o.is_programme_team],
        participants=activity.participant_count,  # type: ignore[attr-defined]
    )


def _section(strategy: Strategy, index: int, total: int, period: Period) -> StrategySection:
    scope = Scope(period, strategy)
    partners = list(partner_organisations(scope).order_by("sector", "name_th"))
    names, unnamed = _names(partners)
    sectors = [str(Sector(s).label) for s in Sector.values if any(p.sector == s for p in partners)]
    sectors_sentence = ""
    if partners:
        sectors_sentence = _("The team worked with %(sectors)s: %(count)s organisations.") % {
            "sectors": join_list(sectors),
            "count": number(len(partners)),
        }
    activities = (
        activities_in(scope)
        .annotate(participant_count=Count("participations", distinct=True))
        .prefetch_related("organisation_links__organisation")
        .order_by("start_date", "id")
    )
    highlights = [_activity_item(a) for a in activities if a.highlight and a.is_public]
    highlighted_ids = {item.activity.pk for item in highlights}
    counter = Counter(a.activity_type for a in activities if a.pk not in highlighted_ids)
    other = [
        TypeCount(t, str(ActivityType(t).label), counter[t]) for t in ActivityType.values if counter.get(t)
    ]
    harvested = list(outcomes(scope).order_by("changed_on", "id"))
    public_outcomes = [o for o in harvested if o.is_public]
    section = StrategySection(
        strategy=strategy,
        heading=f"{ordinal(index, total)} {strategy.name}",
        figures=[figure(code, scope) for code in SECTION_METRICS],
        sectors_sentence=sectors_sentence,
        partner_names=names,
        unnamed_partners=unnamed,
        highlights=highlights,
        other_activities=other,
        outcomes=public_outcomes,
        unnamed_outcomes=len(harvested) - len(public_outcomes),
    )
    if strategy.number == 3:
        section.watch = watch_figures(period.end)
        section.watch_figures = [
            figure(code, Scope(period))
            for code in ("watch_line_users", "watch_reports_received", "watch_reports_published")
        ]
    return section


def _intro(period: Period, overview: dict[str, Figure]) -> str:
    return _(
        "In %(period)s, %(partners)s partner organisations took part in the programme's work, "
        "%(people)s people took part, and there were %(meetings)s meetings to build collaboration "
        "among %(activities)s activities in all."
    ) % {
        "period": period.label(),
        "partners": overview["partner_organisations"].text,
        "people": overview["people"].text,
        "meetings": overview["meetings"].text,
        "activities": overview["activities"].text,
    }


def _catalyst() -> str:
    team = Organisation.objects.filter(is_programme_team=True).order_by("id").first()
    if team is None:
        return ""
    return _(
        "%(team)s acts as the “Catalyst”: it links the work of organisations up to the level of "
        "whole sectors and supports partners in turning collaboration into concrete results."
    ) % {"team": team.label}


def _charts(period: Period, sections: list[StrategySection]) -> list[BarChart | LineChart]:
    by_strategy = BarChart(
        _("Activities by strategy"),
        [Bar(f"{s.strategy.number}. {s.strategy.name}", s.figures[0].value) for s in sections],
        unit=str(get_metric("activities").unit),
    )
    partners = partner_organisations(Scope(period)).values("sector").annotate(n=Count("id"))
    counts = {row["sector"]: row["n"] for row in partners}
    by_sector = BarChart(
        _("Partner organisations by sector"),
        [Bar(str(Sector(s).label), counts.get(s, 0)) for s in Sector.values],
        unit=str(get_metric("partner_organisations").unit),
    )
    periods = half_years(period, 4)
    trend = LineChart(
        _("Trend over half-years"),
        [p.code for p in periods],
        [
            Series(str(get_metric(code).label), [get_metric(code).value(Scope(p)) for p in periods])
            for code in ("partner_organisations", "people", "activities")
        ],
    )
    return [by_strategy, by_sector, trend]


def build_report(period: Period) -> ReportData:
    """Gather the report for `period` in the active language (use `translation.override`)."""
    overall = Scope(period)
    overview = [figure(code, overall) for code in OVERVIEW_METRICS]
    by_code = {f.metric: f for f in overview}
    strategies = list(Strategy.objects.all())
    sections = [_section(s, i, len(strategies), period) for i, s in enumerate(strategies, start=1)]
    outcome_count = by_code["outcomes"].text
    closing = _(
        "These results, %(outcomes)s harvested outcomes among them, are part of what collaboration "
        "between partner organisations achieved in %(period)s."
    ) % {"outcomes": outcome_count, "period": period.label()}
    return ReportData(
        period=period,
        title=_("Half-year report: Collaboration for Good Governance"),
        programme=_("Collaboration for Good Governance"),
        period_label=period.label(),
        generated_at=timezone.now(),
        overview=overview,
        intro=_intro(period, by_code),
        catalyst=_catalyst(),
        sections=sections,
        closing=closing,
        indicators=indicator_rows(period),
        charts=_charts(period, sections),
    )


def highlighted_but_private(period: Period) -> int:
    """Highlighted activities the report cannot name because they are not public (a warning for staff)."""
    return activities_in(Scope(period)).filter(Q(highlight=True) & Q(is_public=False)).count()
