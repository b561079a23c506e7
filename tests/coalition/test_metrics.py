"""Every figure is the size of its records, computed per period, strategy, issue area and sector."""

import datetime
from collections.abc import Callable

import pytest

from sodsong.coalition.metrics import METRICS, Scope, activities_in, get_metric
from sodsong.coalition.models import (
    Activity,
    ActivityType,
    IssueArea,
    Organisation,
    Outcome,
    Participation,
    Person,
    Sector,
    Strategy,
)
from sodsong.coalition.periods import parse_period

pytestmark = pytest.mark.django_db

H1 = parse_period("2566H1")


@pytest.fixture
def programme(
    org_factory: Callable[..., Organisation], activity_factory: Callable[..., Activity]
) -> dict[str, object]:
    team = org_factory("HAND Social Enterprise", Sector.CIVIL_SOCIETY, is_programme_team=True)
    pptv = org_factory("PPTVHD", Sector.MEDIA)
    act = org_factory("องค์กรต่อต้านคอร์รัปชัน (ประเทศไทย)", Sector.CIVIL_SOCIETY, short_name="ACT")
    kpi = org_factory("สถาบันพระปกเกล้า", Sector.ACADEMIC)
    old = org_factory("สถาบันเก่า", Sector.GOVERNMENT)
    meeting = activity_factory("ประชุมภาคี", datetime.date(2023, 2, 1), organisations=(team, pptv, act))
    meeting.issue_areas.add(IssueArea.objects.get(number=3))
    interview = activity_factory(
        "สัมภาษณ์วิทยุ", datetime.date(2023, 3, 5), ActivityType.MEDIA, strategy=1, organisations=(pptv,)
    )
    camp = activity_factory(
        "เยาวชนกับการออกแบบนวัตกรรม",
        datetime.date(2023, 6, 28),
        ActivityType.YOUTH_CAMP,
        strategy=4,
        end_date=datetime.date(2023, 6, 30),
        organisations=(kpi,),
    )
    # Spans the period boundary: counts in both halves.
    spanning = activity_factory(
        "ระดมทุนเทใจ",
        datetime.date(2023, 6, 1),
        ActivityType.FUNDRAISING,
        strategy=3,
        end_date=datetime.date(2023, 10, 31),
    )
    before = activity_factory("ประชุมปีก่อน", datetime.date(2022, 11, 1), organisations=(old, act))
    somchai = Person.objects.create(name_th="สมชาย ใจดี")
    somying = Person.objects.create(name_th="สมหญิง ใจงาม")
    merged = Person.objects.create(name_th="สมชาย ใจดี", merged_into=somchai)
    Participation.objects.create(activity=meeting, person=somchai, organisation=act)
    Participation.objects.create(activity=camp, person=somchai, organisation=kpi)
    Participation.objects.create(activity=camp, person=somying, organisation=old)
    Participation.objects.create(activity=before, person=merged)
    Outcome.objects.create(
        title="สภาฯ รับข้อเสนอ",
        social_actor="สำนักงานเลขาธิการสภา",
        changed_on=datetime.date(2023, 6, 30),
        strategy=Strategy.objects.get(number=4),
    )
    Outcome.objects.create(title="ก่อนหน้า", social_actor="x", changed_on=datetime.date(2022, 12, 31))
    return locals()


def value(code: str, **scope: object) -> int | None:
    return get_metric(code).value(Scope(H1, **scope))  # type: ignore[arg-type]


def test_activities_overlap_the_period(programme: dict[str, object]) -> None:
    titles = set(activities_in(Scope(H1)).values_list("title", flat=True))
    assert titles == {"ประชุมภาคี", "สัมภาษณ์วิทยุ", "เยาวชนกับการออกแบบนวัตกรรม", "ระดมทุนเทใจ"}
    assert "ระดมทุนเทใจ" in set(activities_in(Scope(parse_period("2566H2"))).values_list("title", flat=True))


def test_overview_figures(programme: dict[str, object]) -> None:
    # Team excluded; สถาบันเก่า counts through its person at the camp; ACT directly; PPTVHD; KPI.
    assert value("partner_organisations") == 4
    assert value("people") == 2
    assert value("participations") == 3
    assert value("meetings") == 1
    assert value("media_appearances") == 1
    assert value("youth_camps") == 1
    assert value("fundraising") == 1
    assert value("activities") == 4
    assert value("outcomes") == 1


def test_new_partners_are_those_first_seen_in_the_period(programme: dict[str, object]) -> None:
    names = set(get_metric("new_partner_organisations").records(Scope(H1)).values_list("name_th", flat=True))
    # ACT and สถาบันเก่า took part in 2022 already.
    assert names == {"PPTVHD", "สถาบันพระปกเกล้า"}


def test_figures_by_strategy_issue_area_and_sector(programme: dict[str, object]) -> None:
    s1 = Strategy.objects.get(number=1)
    s4 = Strategy.objects.get(number=4)
    assert value("activities", strategy=s1) == 2
    assert value("partner_organisations", strategy=s4) == 2
    assert value("people", strategy=s4) == 2
    assert value("outcomes", strategy=s4) == 1
    assert value("activities", issue_area=IssueArea.objects.get(number=3)) == 1
    assert value("partner_organisations", sector=Sector.MEDIA) == 1
    assert value("people", sector=Sector.ACADEMIC) == 1
    assert value("activities", sector=Sector.MEDIA) == 2


def test_every_metric_equals_the_size_of_its_records(programme: dict[str, object]) -> None:
    for metric in METRICS.values():
        records = metric.records(Scope(H1))
        if records is None:
            continue
        assert metric.value(Scope(H1)) == records.count() == len(list(records)), metric.code


def test_watch_figures_are_running_totals_of_the_watch_part(programme: dict[str, object]) -> None:
    from django.utils import timezone

    from sodsong.watch.models import Report, Reporter, Status

    assert value("watch_line_users") == 0
    during = timezone.make_aware(datetime.datetime(2023, 3, 1, 10))
    after = timezone.make_aware(datetime.datetime(2023, 8, 1, 10))
    line_user = Reporter.objects.create(channel="line", line_user_hash="h1", created_at=during)
    Reporter.objects.create(channel="line", line_user_hash="h2", created_at=after)
    Report.objects.create(channel="line", reporter=line_user, status=Status.RECEIVED, submitted_at=during)
    Report.objects.create(channel="web", status=Status.PUBLISHED, submitted_at=during, published_at=during)
    Report.objects.create(channel="web", status=Status.DRAFT)  # unfinished: not received
    Report.objects.create(channel="web", status=Status.RECEIVED, submitted_at=after)  # after the period
    Report.objects.create(channel="web", status=Status.RECEIVED, submitted_at=during, is_example=True)
    assert value("watch_line_users") == 1
    assert value("watch_reports_received") == 2
    assert value("watch_reports_published") == 1


def test_a_partner_scope_sees_only_its_own_activities(programme: dict[str, object]) -> None:
    pptv = Organisation.objects.get(name_th="PPTVHD")
    assert value("activities", organisation=pptv) == 2
