"""Writing checked rows in bulk, in the caller's transaction (the job wraps it: all or nothing)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sodsong.coalition.imports.rows import ActivityRow, CheckResult, Context, ParticipantRow
from sodsong.coalition.models import (
    Activity,
    ActivityLink,
    ActivityOrganisation,
    Affiliation,
    Organisation,
    OrganisationRole,
    Participation,
    Person,
    PersonAlias,
)
from sodsong.coalition.names import person_key

__all__ = ["write_activities", "write_participants"]

BATCH = 2000


def _create_organisations(result: CheckResult, context: Context) -> int:
    for key, name in result.new_organisations.items():
        organisation = Organisation(name_th=name, sector=context.create_organisations_sector)
        organisation.save()
        context.organisations[key] = organisation.pk
    return len(result.new_organisations)


def write_participants(result: CheckResult, context: Context, source: str) -> dict[str, Any]:
    """People (new ones in bulk), their spellings, organisations and participations."""
    organisations_created = _create_organisations(result, context)
    rows: list[ParticipantRow] = result.records
    first_row: dict[int, ParticipantRow] = {}
    for row in rows:
        if row.new_person is not None:
            first_row.setdefault(row.new_person, row)
    new_people = []
    for index in sorted(first_row):
        row = first_row[index]
        person = Person.from_written_name(row.written_name, email=row.email, phone=row.phone)
        if row.name_en and not person.name_en:
            person.name_en = row.name_en
        person.name_key = person_key(person.name_th or person.name_en)  # bulk_create skips save()
        new_people.append(person)
    Person.objects.bulk_create(new_people, batch_size=BATCH)
    new_ids = {index: person.pk for index, person in zip(sorted(first_row), new_people, strict=True)}

    # Fill blanks of people already recorded (email, phone, English name), never overwrite.
    existing_ids = {row.person_id for row in rows if row.person_id is not None}
    updates: dict[int, Person] = {}
    if existing_ids:
        people = Person.objects.in_bulk(list(existing_ids))
        for row in rows:
            if row.person_id is None:
                continue
            person = people[row.person_id]
            for field, value in (("email", row.email), ("phone", row.phone), ("name_en", row.name_en)):
                if value and not getattr(person, field):
                    setattr(person, field, value)
                    updates[person.pk] = person
        Person.objects.bulk_update(list(updates.values()), ["email", "phone", "name_en"], batch_size=BATCH)

    aliases: dict[tuple[int, str], PersonAlias] = {}
    affiliations: dict[tuple[int, int, str], Affiliation] = {}
    participations = []
    for row in rows:
        person_id = row.person_id if row.person_id is not None else new_ids[row.new_person]  # type: ignore[index]
        for name in (row.written_name, row.name_en):
            key = person_key(name) if name else ""
            if key and (person_id, key) not in aliases:
                aliases[(person_id, key)] = PersonAlias(
                    person_id=person_id, name=name, key=key, source=f"{source} row {row.row}"
                )
        organisation_id = context.organisations.get(row.organisation_key) if row.organisation_key else None
        if organisation_id is not None and (person_id, organisation_id, row.position) not in affiliations:
            affiliations[(person_id, organisation_id, row.position)] = Affiliation(
                person_id=person_id, organisation_id=organisation_id, position=row.position
            )
        participations.append(
            Participation(
                activity_id=row.activity_id,
                person_id=person_id,
                role=row.role,
                organisation_id=organisation_id,
                source=f"{source} row {row.row}",
            )
        )
    PersonAlias.objects.bulk_create(list(aliases.values()), batch_size=BATCH, ignore_conflicts=True)
    Affiliation.objects.bulk_create(list(affiliations.values()), batch_size=BATCH, ignore_conflicts=True)
    Participation.objects.bulk_create(participations, batch_size=BATCH)
    return {
        "participations": len(participations),
        "new_people": len(new_people),
        "existing_people": len(existing_ids),
        "new_organisations": organisations_created,
        "new_person_ids": [p.pk for p in new_people],
    }


def write_activities(
    result: CheckResult, context: Context, source: str, user_id: int | None
) -> dict[str, Any]:
    """Activities with their organisations, issue areas and links."""
    organisations_created = _create_organisations(result, context)
    rows: list[ActivityRow] = result.records
    activities = [
        Activity(
            title=row.title,
            activity_type=row.activity_type,
            start_date=row.start_date,
            end_date=row.end_date,
            place=row.place,
            strategy_id=row.strategy_id,
            description=row.description,
            outputs=row.outputs,
            reach=row.reach,
            is_public=row.is_public if context.owner_organisation_id is None else False,
            owner_organisation_id=context.owner_organisation_id,
            created_by_id=user_id,
        )
        for row in rows
    ]
    Activity.objects.bulk_create(activities, batch_size=BATCH)
    links: dict[tuple[int, int], ActivityOrganisation] = {}
    issue_links = []
    web_links = []
    Through = Activity.issue_areas.through
    for row, activity in zip(rows, activities, strict=True):
        if context.owner_organisation_id is not None:
            links[(activity.pk, context.owner_organisation_id)] = ActivityOrganisation(
                activity_id=activity.pk,
                organisation_id=context.owner_organisation_id,
                role=OrganisationRole.ORGANISER,
            )
        for key in row.organisation_keys:
            organisation_id = context.organisations[key]
            links.setdefault(
                (activity.pk, organisation_id),
                ActivityOrganisation(activity_id=activity.pk, organisation_id=organisation_id),
            )
        for issue_id in dict.fromkeys(row.issue_area_ids):
            issue_links.append(Through(activity_id=activity.pk, issuearea_id=issue_id))
        if row.link:
            web_links.append(ActivityLink(activity_id=activity.pk, url=row.link))
    ActivityOrganisation.objects.bulk_create(list(links.values()), batch_size=BATCH)
    Through.objects.bulk_create(issue_links, batch_size=BATCH)
    ActivityLink.objects.bulk_create(web_links, batch_size=BATCH)
    per_type: dict[str, int] = defaultdict(int)
    for row in rows:
        per_type[row.activity_type] += 1
    return {
        "activities": len(activities),
        "new_organisations": organisations_created,
        "by_type": dict(per_type),
        "activity_ids": [a.pk for a in activities],
    }
