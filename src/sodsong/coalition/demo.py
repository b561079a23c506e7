"""Demo data: the programme of the seed article, with enough generated records for real figures.

Named partners and activities come from the article "Collaboration for Good Governance" (มูลนิธิ
เพื่อคนไทย, 2566). Where the article gives no date (Hack Thailand 2575, the media appearances, the
infographic) the dates here are illustrative. Generated records use a seeded random generator, so
every run makes the same programme: the predecessor project's year 2565 reproduces the article's
figures (79 partner organisations, 524 people, 52 meetings), and 2566H1 gets a comparable half-year.
Generated organisations are not public: the report counts them but names only the real partners.
Running it again changes nothing.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction

from sodsong.coalition.demo_records import (
    ACT,
    FAMILY,
    FEMALE,
    FEMALE_TITLES,
    FUND,
    GENERATED_TITLES,
    KPI,
    MALE,
    MALE_TITLES,
    NAMED_ACTIVITIES,
    PARTNERS,
    PROVINCES,
    SECTOR_PATTERNS,
    SECTOR_WEIGHTS,
    TEAM,
    D,
)
from sodsong.coalition.models import (
    Activity,
    ActivityLink,
    ActivityOrganisation,
    ActivityType,
    Affiliation,
    Indicator,
    IndicatorTarget,
    IssueArea,
    Organisation,
    OrganisationRole,
    Outcome,
    ParticipantRole,
    Participation,
    Person,
    PersonAlias,
    Sector,
    Significance,
    Strategy,
)
from sodsong.coalition.names import person_key

__all__ = ["load"]


def _org(name: str, short: str, sector: str, name_en: str, public: bool, team: bool = False) -> Organisation:
    from sodsong.coalition.models.organisations import organisation_key

    existing = Organisation.objects.filter(match_key=organisation_key(name)).first()
    if existing:
        return existing
    return Organisation.objects.create(
        name_th=name,
        short_name=short,
        sector=sector,
        name_en=name_en,
        is_public=public,
        is_programme_team=team,
    )


class Builder:
    """Creates (or finds) the demo records, deterministically."""

    def __init__(self) -> None:
        self.rng = random.Random(2566)
        self.strategies = {s.number: s for s in Strategy.objects.all()}
        self.issues = {i.number: i for i in IssueArea.objects.all()}
        self.named = {
            name: _org(name, short, sector, en, public, team=name == TEAM)
            for name, short, sector, en, public in PARTNERS
        }
        self.generated: list[Organisation] = []
        self.people: list[Person] = []
        self._used_names: set[str] = set(Person.objects.values_list("name_key", flat=True))
        self.existing_people = {p.name_key: p for p in Person.objects.filter(merged_into__isnull=True)}

    def organisations(self, count: int) -> None:
        sectors = list(SECTOR_WEIGHTS)
        weights = list(SECTOR_WEIGHTS.values())
        counters: dict[str, int] = {}
        while len(self.generated) < count:
            sector = self.rng.choices(sectors, weights)[0]
            counters[sector] = counters.get(sector, 0) + 1
            n = counters[sector]
            province = PROVINCES[(n - 1) % len(PROVINCES)]
            suffix = f" {province}" if n <= len(PROVINCES) else f" {province} {n // len(PROVINCES) + 1}"
            name = SECTOR_PATTERNS[sector].format(p=suffix, n=n)
            self.generated.append(_org(name, "", sector, "", public=False))

    def person(self, organisations: list[Organisation]) -> Person:
        while True:
            male = self.rng.random() < 0.5
            given, family = self.rng.choice(MALE if male else FEMALE), self.rng.choice(FAMILY)
            key = person_key(f"{given} {family}")
            if key not in self._used_names:
                break
        self._used_names.add(key)
        existing = self.existing_people.get(key)
        title = self.rng.choice(MALE_TITLES if male else FEMALE_TITLES)
        person = existing or Person.objects.create(title=title, name_th=f"{given} {family}")
        if existing is None:
            PersonAlias.objects.get_or_create(
                person=person, key=key, defaults={"name": f"{title}{given} {family}", "source": "demo"}
            )
        organisation = self.rng.choice(organisations)
        Affiliation.objects.get_or_create(person=person, organisation=organisation, position="")
        person.demo_organisation = organisation  # type: ignore[attr-defined]
        self.people.append(person)
        return person

    def activity(
        self,
        title: str,
        kind: str,
        start: datetime.date,
        end: datetime.date | None,
        strategy: int | None,
        issues: tuple[int, ...],
        organisations: Sequence[tuple[Organisation, str]],
        **fields: Any,
    ) -> Activity:
        activity, created = Activity.objects.get_or_create(
            title=title,
            start_date=start,
            defaults={
                "activity_type": kind,
                "end_date": end,
                "strategy": self.strategies.get(strategy) if strategy else None,
                **fields,
            },
        )
        if created:
            activity.issue_areas.set([self.issues[i] for i in issues])
            for organisation, role in organisations:
                ActivityOrganisation.objects.get_or_create(
                    activity=activity, organisation=organisation, defaults={"role": role}
                )
        return activity

    def attend(
        self, activity: Activity, people: list[Person], role: str = ParticipantRole.PARTICIPANT
    ) -> None:
        Participation.objects.bulk_create(
            [
                Participation(
                    activity=activity,
                    person=person,
                    role=role,
                    organisation=getattr(person, "demo_organisation", None),
                    source="demo",
                )
                for person in people
            ],
            ignore_conflicts=True,
        )


def _dates(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def _predecessor_year(b: Builder) -> None:
    """2565: the Governance for Sustainable Development project — 79 partners, 524 people, 52 meetings."""
    partners = [
        b.named[n]
        for n in (
            "องค์กรต่อต้านคอร์รัปชัน (ประเทศไทย)",
            "สถาบันพระปกเกล้า",
            FUND,
            "ศูนย์ความรู้เพื่อความร่วมมือในการต่อต้านคอร์รัปชันและส่งเสริมธรรมาภิบาลในระดับภูมิภาค",
            "สำนักข่าว PPTVHD",
        )
    ]
    partners += b.generated[: 79 - len(partners)]
    kinds = (
        [ActivityType.MEETING] * 52
        + [ActivityType.WORKSHOP] * 10
        + [ActivityType.TALK] * 6
        + [ActivityType.MEDIA] * 4
    )
    activities: list[Activity] = []
    for index, kind in enumerate(kinds):
        issue = index % 6 + 1
        title = (
            b.rng.choice(GENERATED_TITLES[kind]).format(issue=b.issues[issue].name_th)
            + f" ครั้งที่ {index // 6 + 1}"
        )
        start = _dates(b.rng, D(2022, 1, 10), D(2022, 12, 15))
        # Every partner takes part at least once; more through their people.
        orgs = [partners[(index * 2 + k) % len(partners)] for k in range(2)]
        activities.append(
            b.activity(
                title,
                kind,
                start,
                None,
                4,
                (issue,),
                [(b.named[TEAM], OrganisationRole.ORGANISER)] + [(o, OrganisationRole.PARTNER) for o in orgs],
            )
        )
    people = [b.person(partners) for _ in range(524)]
    for position, person in enumerate(people):
        chosen = {activities[position % len(activities)]}
        chosen.update(b.rng.sample(activities, b.rng.choice((0, 1, 1, 2))))
        for activity in chosen:
            b.attend(activity, [person])


def _first_half_2566(b: Builder) -> None:
    """2566H1: the named activities of the article and the everyday work around them."""
    # A core of the predecessor's people comes back; most organisations of 2566 are new to the programme.
    active_generated = b.generated[20:56]
    known = set(active_generated) | set(b.named.values())
    returning = b.rng.sample([p for p in b.people if getattr(p, "demo_organisation", None) in known], 140)
    for spec in NAMED_ACTIVITIES:
        orgs = [(b.named[name], role) for name, role in spec.partners]
        extra_orgs: list[Organisation] = []
        if spec.extra.get("political_orgs"):
            extra_orgs += [o for o in b.generated if o.sector == Sector.POLITICAL][
                : spec.extra["political_orgs"]
            ]
        if spec.extra.get("academic_orgs"):
            extra_orgs += [o for o in b.generated if o.sector == Sector.ACADEMIC][
                : spec.extra["academic_orgs"]
            ]
        orgs += [(o, OrganisationRole.PARTNER) for o in extra_orgs]
        activity = b.activity(
            spec.title,
            spec.kind,
            spec.start,
            spec.end,
            spec.strategy,
            spec.issues,
            orgs,
            place=spec.place,
            description=spec.description,
            outputs=spec.outputs,
            reach=spec.reach,
            is_public=True,
            highlight=True,
        )
        for url in spec.links:
            ActivityLink.objects.get_or_create(activity=activity, url=url)
        if spec.people:
            pool = [o for o, _role in orgs if not o.is_programme_team] or [b.named[TEAM]]
            newcomers = [b.person(pool) for _ in range(spec.people // 2)]
            regulars = b.rng.sample(returning, spec.people - len(newcomers))
            b.attend(activity, newcomers + regulars)
    kinds = (
        [ActivityType.MEETING] * 31
        + [ActivityType.WORKSHOP] * 5
        + [ActivityType.TALK] * 6
        + [ActivityType.MEDIA] * 6
        + [ActivityType.PUBLICATION] * 3
    )
    for index, kind in enumerate(kinds):
        issue = index % 6 + 1
        strategy = (1, 2, 4, 4)[index % 4] if kind != ActivityType.MEDIA else 2
        title = (
            b.rng.choice(GENERATED_TITLES[kind]).format(issue=b.issues[issue].name_th)
            + f" (2566/{index + 1})"
        )
        partner_orgs = b.rng.sample(active_generated, 2)
        activity = b.activity(
            title,
            kind,
            _dates(b.rng, D(2023, 1, 9), D(2023, 6, 27)),
            None,
            strategy,
            (issue,),
            [(b.named[TEAM], OrganisationRole.ORGANISER)]
            + [(o, OrganisationRole.PARTNER) for o in partner_orgs],
        )
        if kind in (ActivityType.MEETING, ActivityType.WORKSHOP, ActivityType.TALK):
            size = b.rng.randint(3, 9) if kind == ActivityType.MEETING else b.rng.randint(12, 24)
            newcomers = [b.person(partner_orgs) for _ in range(size // 3)]
            regulars = b.rng.sample(returning, size - len(newcomers))
            b.attend(activity, newcomers + regulars)
    _spelling_variants(b)


def _spelling_variants(b: Builder) -> None:
    """The same people written again differently (English, another title, a typo): staff review these."""
    meeting = (
        Activity.objects.filter(title__startswith="ประชุม", start_date__gte=D(2023, 1, 1))
        .order_by("start_date")
        .first()
    )
    if meeting is None:
        return
    variants = []
    for person in b.people[:8]:
        given, family = person.name_th.split(" ", 1)
        from pythainlp.transliterate import romanize

        english = f"{romanize(given).title()} {romanize(family).title()}"
        if not Person.objects.filter(name_en=english, name_th="").exists():
            variants.append(
                Person.objects.create(title="Mr." if person.title == "นาย" else "", name_en=english)
            )
    for person in b.people[8:12]:
        given, family = person.name_th.split(" ", 1)
        typo = f"{given} {family}ย์" if not family.endswith("ย์") else f"{given} {family[:-2]}"
        if not Person.objects.filter(name_th=typo).exists():
            variants.append(Person.objects.create(title="คุณ", name_th=typo))
    b.attend(meeting, variants)


def _outcomes(b: Builder) -> None:
    camp = Activity.objects.get(title__startswith="เยาวชนกับการออกแบบนวัตกรรม")
    infographic = Activity.objects.get(title__startswith="Infographic สรุปนโยบาย")
    hack = Activity.objects.get(title__startswith="Hack Thailand 2575")
    specs = [
        (
            "เยาวชนจัดทำข้อเสนอแนะเชิงนโยบายด้านรัฐสภาแบบเปิด เสนอต่อสำนักงานเลขาธิการสภาผู้แทนราษฎรและวุฒิสภา",
            "เยาวชนผู้เข้าร่วม และสำนักงานเลขาธิการสภาผู้แทนราษฎร / สำนักงานเลขาธิการวุฒิสภา",
            D(2023, 6, 30),
            4,
            (4,),
            [KPI],
            [camp],
            "คณะทำงานฯ ร่วมกับสถาบันพระปกเกล้านำรายงานการศึกษาการเปิดเผยข้อมูลของรัฐสภามาใช้ออกแบบกิจกรรม",
            "เอกสารข้อเสนอแนะเชิงนโยบาย",
            Significance.HIGH,
        ),
        (
            "ประชาชนเข้าถึงสรุปนโยบายต่อต้านคอร์รัปชันของพรรคการเมืองก่อนการเลือกตั้ง 2566",
            "ผู้มีสิทธิเลือกตั้งที่ติดตามเพจของภาคีเครือข่าย",
            D(2023, 5, 12),
            2,
            (3, 4),
            [ACT, FUND],
            [infographic],
            "คณะทำงานฯ ร่วมจัดทำอินโฟกราฟิกและประสานภาคีเครือข่ายให้ร่วมเผยแพร่",
            "ยอดการเข้าถึงโพสต์บนเฟซบุ๊กเพจองค์กรต่อต้านคอร์รัปชันและภาคี",
            Significance.MEDIUM,
        ),
        (
            "ตัวแทนพรรคการเมืองรับฟังข้อเสนอนโยบายจากประชาชนในงาน Hack Thailand 2575",
            "ตัวแทนพรรคการเมืองและผู้กำหนดนโยบาย",
            D(2023, 3, 19),
            1,
            (3, 4),
            [ACT],
            [hack],
            "คณะทำงานฯ ประสานภาคีจากหลายภาคส่วนร่วมจัดงานและเชิญตัวแทนพรรคการเมือง",
            "บันทึกการนำเสนอและการตอบรับของตัวแทนพรรค",
            Significance.MEDIUM,
        ),
    ]
    for title, actor, when, strategy, issues, partners, activities, contribution, evidence, level in specs:
        outcome, created = Outcome.objects.get_or_create(
            title=title,
            defaults={
                "social_actor": actor,
                "changed_on": when,
                "strategy": b.strategies[strategy],
                "contribution": contribution,
                "evidence": evidence,
                "significance_level": level,
                "is_public": True,
            },
        )
        if created:
            outcome.issue_areas.set([b.issues[i] for i in issues])
            outcome.partners.set([b.named[p] for p in partners])
            outcome.activities.set(activities)
    for index in range(5):
        when = _dates(b.rng, D(2023, 1, 15), D(2023, 6, 25))
        Outcome.objects.get_or_create(
            title=f"ภาคีเครือข่ายนำข้อมูลเปิดไปใช้ในการทำงาน (บันทึกภายใน {index + 1})",
            defaults={
                "social_actor": b.generated[40 + index].name_th,
                "changed_on": when,
                "strategy": b.strategies[(1, 4, 4, 1, 2)[index]],
                "contribution": "คณะทำงานฯ อบรมและให้คำปรึกษาการใช้ข้อมูล",
            },
        )


def _indicator_targets() -> None:
    targets: dict[str, dict[str, tuple[int | None, int]]] = {
        "partners": {"2566H1": (79, 50), "2566": (79, 100)},
        "people": {"2566H1": (524, 300), "2566": (524, 600)},
        "meetings": {"2566H1": (50, 25), "2566": (50, 50)},
        "activities": {"2566H1": (None, 60), "2566": (None, 120)},
        "media": {"2566H1": (None, 8), "2566": (None, 16)},
        "outcomes": {"2566H1": (None, 5), "2566": (None, 12)},
        "s3-line-users": {"2566H1": (None, 500)},
        "s3-reports": {"2566H1": (None, 100)},
    }
    for code, periods in targets.items():
        indicator = Indicator.objects.filter(code=code).first()
        if indicator is None:
            continue
        for period, (baseline, target) in periods.items():
            IndicatorTarget.objects.get_or_create(
                indicator=indicator,
                period=period,
                defaults={
                    "baseline": Decimal(baseline) if baseline is not None else None,
                    "target": Decimal(target),
                    "note": "ค่าฐานจากโครงการปี 2565" if baseline is not None else "",
                },
            )


def load(console: Any) -> None:
    """Seed the programme (idempotent: a second run finds everything in place)."""
    hack = Activity.objects.filter(title__startswith="Hack Thailand 2575").exists()
    with transaction.atomic():
        b = Builder()
        if hack:
            console.print("coalition demo already loaded")
        else:
            b.organisations(90)
            _predecessor_year(b)
            _first_half_2566(b)
            _outcomes(b)
        _indicator_targets()
    from sodsong.coalition.dedupe import compute_suggestions
    from sodsong.coalition.metrics import Scope, get_metric
    from sodsong.coalition.periods import parse_period

    compute_suggestions()
    for code in ("2565", "2566H1"):
        scope = Scope(parse_period(code))
        figures = ", ".join(
            f"{name} {get_metric(name).value(scope)}"
            for name in ("partner_organisations", "people", "meetings", "activities")
        )
        console.print(f"coalition {code}: {figures}")
