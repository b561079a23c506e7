"""What the programme counts, each number computed from the records and able to show them.

A metric is a function from a *scope* (period, and optionally strategy, issue area, sector, partner)
to the queryset of records it counts; the number is that queryset's size. The dashboard, the KPIs
and the half-year report all go through here, so every figure can be drilled down to its records.

Conventions: an activity counts in a period when it overlaps it; an organisation is "active" when it
took part in such an activity directly or through one of its people; the catalyst team's own
organisation is never counted as a partner; merged people are counted once.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import Min, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sodsong.coalition.models import (
    Activity,
    ActivityType,
    IssueArea,
    Organisation,
    Outcome,
    Participation,
    Person,
    Strategy,
)
from sodsong.coalition.periods import Period
from sodsong.coalition.watch_figures import watch_figures

__all__ = ["METRICS", "Metric", "Scope", "activities_in", "get_metric"]


@dataclass(frozen=True)
class Scope:
    """Which records a figure is about. `organisation` narrows to one partner's own view."""

    period: Period
    strategy: Strategy | None = None
    issue_area: IssueArea | None = None
    sector: str = ""
    organisation: Organisation | None = None

    def query(self, **extra: str) -> str:
        """The URL query string that recreates this scope (for drill-down links)."""
        params: dict[str, Any] = {"period": self.period.code}
        if self.strategy is not None:
            params["strategy"] = self.strategy.number
        if self.issue_area is not None:
            params["issue_area"] = self.issue_area.number
        if self.sector:
            params["sector"] = self.sector
        params.update(extra)
        return urlencode(params)

    def with_period(self, period: Period) -> Scope:
        return Scope(period, self.strategy, self.issue_area, self.sector, self.organisation)


def activities_in(scope: Scope, *, types: tuple[str, ...] = (), by_sector: bool = True) -> QuerySet[Activity]:
    """Activities overlapping the period, narrowed by the scope (and activity types, if given)."""
    qs = Activity.objects.overlapping(scope.period.start, scope.period.end)
    if types:
        qs = qs.filter(activity_type__in=types)
    if scope.strategy is not None:
        qs = qs.filter(strategy=scope.strategy)
    if scope.issue_area is not None:
        qs = qs.filter(issue_areas=scope.issue_area)
    if scope.sector and by_sector:
        qs = qs.filter(
            Q(
                id__in=Activity.objects.filter(organisation_links__organisation__sector=scope.sector).values(
                    "id"
                )
            )
            | Q(id__in=Participation.objects.filter(organisation__sector=scope.sector).values("activity_id"))
        )
    if scope.organisation is not None:
        qs = qs.filter(
            Q(owner_organisation=scope.organisation)
            | Q(
                id__in=Activity.objects.filter(organisation_links__organisation=scope.organisation).values(
                    "id"
                )
            )
        )
    return qs


def partner_organisations(scope: Scope) -> QuerySet[Organisation]:
    """Organisations (not the programme team) that took part in an activity of the scope."""
    activity_ids = activities_in(scope, by_sector=False).values("id")
    qs = Organisation.objects.filter(is_programme_team=False).filter(
        Q(id__in=Organisation.objects.filter(activity_links__activity__in=activity_ids).values("id"))
        | Q(id__in=Participation.objects.filter(activity__in=activity_ids).values("organisation_id"))
    )
    if scope.sector:
        qs = qs.filter(sector=scope.sector)
    return qs


def first_involvement(organisation_ids: list[int] | None = None) -> dict[int, datetime.date]:
    """Each organisation's first activity date, directly or through its people."""
    direct = Activity.objects.values("organisation_links__organisation").annotate(first=Min("start_date"))
    through_people = Participation.objects.values("organisation").annotate(first=Min("activity__start_date"))
    if organisation_ids is not None:
        direct = direct.filter(organisation_links__organisation__in=organisation_ids)
        through_people = through_people.filter(organisation__in=organisation_ids)
    firsts: dict[int, datetime.date] = {}
    for row in direct:
        org = row["organisation_links__organisation"]
        if org is not None:
            firsts[org] = row["first"]
    for person_row in through_people:
        org = person_row["organisation"]
        if org is not None and (org not in firsts or person_row["first"] < firsts[org]):
            firsts[org] = person_row["first"]
    return firsts


def new_partner_organisations(scope: Scope) -> QuerySet[Organisation]:
    """Partners active in the scope whose first involvement ever falls inside the period."""
    active = partner_organisations(scope)
    firsts = first_involvement(list(active.values_list("id", flat=True)))
    new_ids = [org for org, first in firsts.items() if first >= scope.period.start]
    return active.filter(id__in=new_ids)


def people(scope: Scope) -> QuerySet[Person]:
    """Distinct people who took part in an activity of the scope (from the sector's organisations)."""
    participations = Participation.objects.filter(
        activity__in=activities_in(scope, by_sector=False).values("id")
    )
    if scope.sector:
        participations = participations.filter(organisation__sector=scope.sector)
    return Person.objects.active().filter(id__in=participations.values("person_id"))


def participations(scope: Scope) -> QuerySet[Participation]:
    """Person-times: one row per person per activity."""
    qs = Participation.objects.filter(activity__in=activities_in(scope, by_sector=False).values("id"))
    if scope.sector:
        qs = qs.filter(organisation__sector=scope.sector)
    return qs.select_related("person", "activity", "organisation")


def outcomes(scope: Scope) -> QuerySet[Outcome]:
    """Outcomes that happened in the period."""
    qs = Outcome.objects.filter(changed_on__gte=scope.period.start, changed_on__lte=scope.period.end)
    if scope.strategy is not None:
        qs = qs.filter(strategy=scope.strategy)
    if scope.issue_area is not None:
        qs = qs.filter(issue_areas=scope.issue_area)
    if scope.sector:
        qs = qs.filter(id__in=Outcome.objects.filter(partners__sector=scope.sector).values("id"))
    if scope.organisation is not None:
        qs = qs.filter(
            Q(owner_organisation=scope.organisation)
            | Q(id__in=Outcome.objects.filter(partners=scope.organisation).values("id"))
        )
    return qs


@dataclass(frozen=True)
class Metric:
    """A countable thing. `records` gives the rows (None when they live outside this part)."""

    code: str
    label: str | Promise
    unit: str | Promise
    subject: str  # activity, organisation, person, participation, outcome, watch
    records_for: Callable[[Scope], QuerySet[Any] | None]
    value_for: Callable[[Scope], int | None] | None = None
    help_text: str | Promise = ""
    activity_types: tuple[str, ...] = field(default=())

    def records(self, scope: Scope) -> QuerySet[Any] | None:
        return self.records_for(scope)

    def value(self, scope: Scope) -> int | None:
        """The figure; None when it cannot be computed (e.g. the watch part is not there)."""
        if self.value_for is not None:
            return self.value_for(scope)
        records = self.records(scope)
        return None if records is None else records.count()


def _activity_metric(code: str, label: str | Promise, unit: str | Promise, *types: str) -> Metric:
    return Metric(
        code=code,
        label=label,
        unit=unit,
        subject="activity",
        records_for=lambda scope: activities_in(scope, types=types),
        activity_types=types,
    )


def _watch(attribute: str) -> Callable[[Scope], int | None]:
    def value(scope: Scope) -> int | None:
        # Programme-wide running totals: they are not split by strategy, issue area or sector.
        if scope.issue_area is not None or scope.sector or scope.organisation is not None:
            return None
        if scope.strategy is not None and scope.strategy.number != 3:
            return None
        result: int | None = getattr(watch_figures(scope.period.end), attribute)
        return result

    return value


_METRIC_LIST = [
    Metric(
        "partner_organisations",
        _("Partner organisations"),
        _("organisations"),
        "organisation",
        partner_organisations,
        help_text=_(
            "Organisations that took part in an activity in the period, directly or through their people."
        ),
    ),
    Metric(
        "new_partner_organisations",
        _("New partner organisations"),
        _("organisations"),
        "organisation",
        new_partner_organisations,
        help_text=_("Partners whose first activity with the programme falls in the period."),
    ),
    Metric(
        "people",
        _("People taking part"),
        _("people"),
        "person",
        people,
        help_text=_("Distinct people (after merging duplicates) who took part in an activity in the period."),
    ),
    Metric(
        "participations",
        _("Participations"),
        _("person-times"),
        "participation",
        participations,
        help_text=_("One per person per activity."),
    ),
    _activity_metric("activities", _("Activities"), _("activities")),
    _activity_metric("meetings", _("Meetings"), _("times"), ActivityType.MEETING),
    _activity_metric("workshops", _("Workshops and trainings"), _("times"), ActivityType.WORKSHOP),
    _activity_metric("talks", _("Talks as speaker"), _("times"), ActivityType.TALK),
    _activity_metric("hackathons", _("Hackathons"), _("times"), ActivityType.HACKATHON),
    _activity_metric("media_appearances", _("Media appearances"), _("times"), ActivityType.MEDIA),
    _activity_metric(
        "publications", _("Publications and infographics"), _("pieces"), ActivityType.PUBLICATION
    ),
    _activity_metric("youth_camps", _("Youth design camps"), _("times"), ActivityType.YOUTH_CAMP),
    _activity_metric("fundraising", _("Fundraising campaigns"), _("campaigns"), ActivityType.FUNDRAISING),
    Metric(
        "outcomes",
        _("Outcomes"),
        _("outcomes"),
        "outcome",
        outcomes,
        help_text=_("Changes harvested with evidence, dated in the period."),
    ),
    Metric(
        "watch_line_users",
        _("LINE users of the Corruption Watch chatbot"),
        _("users"),
        "watch",
        lambda scope: None,
        value_for=_watch("line_users"),
        help_text=_("Running total at the end of the period, from the watch part."),
    ),
    Metric(
        "watch_reports_received",
        _("Reports received"),
        _("reports"),
        "watch",
        lambda scope: None,
        value_for=_watch("reports_received"),
        help_text=_("Running total at the end of the period, from the watch part."),
    ),
    Metric(
        "watch_reports_published",
        _("Reports published"),
        _("reports"),
        "watch",
        lambda scope: None,
        value_for=_watch("reports_published"),
        help_text=_("Running total at the end of the period, from the watch part."),
    ),
]
METRICS: dict[str, Metric] = {metric.code: metric for metric in _METRIC_LIST}


def get_metric(code: str) -> Metric:
    """The metric called `code`; KeyError names the known ones."""
    try:
        return METRICS[code]
    except KeyError:
        raise KeyError(f"unknown metric {code!r} (known: {', '.join(METRICS)})") from None
