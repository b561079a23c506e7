"""Reading each row into a checked record, or into errors that name the row, the column and what
was expected. The same code checks before commit and prepares the commit, so what was shown in
the preview is what gets written."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from sodsong.coalition.imports.lookups import Context, PersonIndex, title_key
from sodsong.coalition.imports.reader import Value, as_text
from sodsong.coalition.imports.values import (
    NO,
    ROLE_VALUES,
    ROLE_WORDS,
    TYPE_VALUES,
    TYPE_WORDS,
    YES,
    match_word,
    parse_date,
    parse_int,
    split_list,
)
from sodsong.coalition.models import (
    ParticipantRole,
    Participation,
)
from sodsong.coalition.models.organisations import organisation_key
from sodsong.coalition.names import is_only_title
from sodsong.thai import ThaiDateError, to_arabic_digits

__all__ = ["ActivityRow", "CheckResult", "Context", "ParticipantRow", "RowError", "check_rows"]

MAX_STORED_ERRORS = 1000


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str
    value: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message, "value": self.value}

    def __str__(self) -> str:
        value = f" ({self.value!r})" if self.value else ""
        return f"row {self.row}, {self.column}: {self.message}{value}"


@dataclass
class ParticipantRow:
    row: int
    written_name: str
    name_en: str
    organisation_key: str
    position: str
    email: str
    phone: str
    role: str
    activity_id: int
    person_id: int | None  # an existing person, or None for a new one
    new_person: int | None  # index of the new person this row creates or joins


@dataclass
class ActivityRow:
    row: int
    title: str
    activity_type: str
    start_date: datetime.date
    end_date: datetime.date | None
    place: str
    strategy_id: int | None
    issue_area_ids: list[int]
    organisation_keys: list[str]
    description: str
    outputs: str
    reach: int | None
    link: str
    is_public: bool


@dataclass
class CheckResult:
    total_rows: int = 0
    blank_rows: int = 0
    records: list[Any] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    duplicates: list[RowError] = field(default_factory=list)
    new_organisations: dict[str, str] = field(default_factory=dict)  # key -> name as written
    new_people: int = 0
    existing_people: int = 0

    def add_error(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_STORED_ERRORS:
            self.errors.append(error)

    @property
    def ok(self) -> bool:
        return self.error_count == 0


_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{6,18}$")
_TOTAL_ROW = re.compile(r"^(รวม|total|ทั้งหมด)", re.IGNORECASE)


def _check_length(result: CheckResult, row: int, column: str, text: str, limit: int) -> bool:
    if len(text) > limit:
        result.add_error(
            RowError(row, column, _("longer than %(limit)s characters") % {"limit": limit}, text[:60])
        )
        return False
    return True


def _organisation(context: Context, result: CheckResult, row: int, column: str, name: str) -> str | None:
    """The organisation key for a name, or an error (unless missing ones may be created)."""
    key = context.organisation_keys.get(name)
    if key is None:
        key = context.organisation_keys[name] = organisation_key(name)
    if key in context.organisations or key in result.new_organisations:
        return key
    if context.create_organisations_sector:
        result.new_organisations[key] = name
        return key
    result.add_error(
        RowError(
            row,
            column,
            _("unknown organisation (add it to the partner directory first, or allow new ones)"),
            name,
        )
    )
    return None


def _participant(
    context: Context,
    result: CheckResult,
    people: PersonIndex,
    number: int,
    values: list[Value],
    seen: dict[tuple[int, str], int],
    existing: set[tuple[int, int]],
) -> ParticipantRow | None:
    errors_before = result.error_count
    written = context.text(values, "name")
    title = context.text(values, "title")
    if not written:
        first, last = context.text(values, "first_name"), context.text(values, "last_name")
        written = f"{first} {last}".strip()
    if not written:
        result.add_error(RowError(number, context.column("name"), _("the name is empty")))
        return None
    if _TOTAL_ROW.match(written) and sum(1 for v in values if as_text(v)) <= 2:
        result.add_error(
            RowError(number, context.column("name"), _("this looks like a total row, not a person"), written)
        )
        return None
    if title:
        written = f"{title}{'' if title.endswith('.') or not title.isascii() else ' '}{written}"
    _check_length(result, number, context.column("name"), written, 300)
    if is_only_title(written):
        result.add_error(RowError(number, context.column("name"), _("only a title, no name"), written))
    name_en = context.text(values, "name_en")
    _check_length(result, number, context.column("name_en"), name_en, 300)
    email = context.text(values, "email")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            result.add_error(RowError(number, context.column("email"), _("not an email address"), email))
    phone = to_arabic_digits(context.text(values, "phone"))
    if phone and not _PHONE.match(phone):
        result.add_error(RowError(number, context.column("phone"), _("not a phone number"), phone))
    role_text = context.text(values, "role")
    role = ParticipantRole.PARTICIPANT.value
    if role_text:
        found = match_word(role_text, ROLE_WORDS, ROLE_VALUES)
        if found is None:
            result.add_error(
                RowError(
                    number,
                    context.column("role"),
                    _("unknown role (expected e.g. ผู้เข้าร่วม, วิทยากร, ผู้จัด, ผู้ดำเนินรายการ)"),
                    role_text,
                )
            )
        else:
            role = found
    organisation_name = context.text(values, "organisation")
    org_key = ""
    if organisation_name:
        org_key = (
            _organisation(context, result, number, context.column("organisation"), organisation_name) or ""
        )
    position = context.text(values, "position")
    _check_length(result, number, context.column("position"), position, 200)
    activity_id = context.default_activity_id
    activity_text = context.text(values, "activity")
    if activity_text:
        digits = to_arabic_digits(activity_text)
        if digits.isdecimal() and int(digits) in context.activities_by_id:
            activity_id = int(digits)
        else:
            matches = context.activities_by_title.get(title_key(activity_text), [])
            if len(matches) == 1:
                activity_id = matches[0]
            else:
                message = (
                    _("several activities have this title: use the activity number instead")
                    if matches
                    else _("no such activity (use its number or exact title)")
                )
                result.add_error(RowError(number, context.column("activity"), message, activity_text))
                activity_id = None
    elif activity_id is None:
        result.add_error(
            RowError(
                number, context.column("activity"), _("no activity: choose one or add an activity column")
            )
        )
    if result.error_count > errors_before or activity_id is None:
        return None
    person_id, new_person = people.resolve(written, email, phone)
    identity = f"p{person_id}" if person_id is not None else f"n{new_person}"
    duplicate_of = seen.get((activity_id, identity))
    if duplicate_of is not None:
        result.duplicates.append(
            RowError(
                number,
                context.column("name"),
                _("the same person at the same activity as row %(row)s") % {"row": duplicate_of},
                written,
            )
        )
        return None
    seen[(activity_id, identity)] = number
    if person_id is not None and (activity_id, person_id) in existing:
        result.duplicates.append(
            RowError(number, context.column("name"), _("already recorded at this activity"), written)
        )
        return None
    return ParticipantRow(
        row=number,
        written_name=written,
        name_en=name_en,
        organisation_key=org_key,
        position=position,
        email=email,
        phone=phone,
        role=role,
        activity_id=activity_id,
        person_id=person_id,
        new_person=new_person,
    )


def _activity(
    context: Context,
    result: CheckResult,
    number: int,
    values: list[Value],
    seen: dict[tuple[str, datetime.date], int],
) -> ActivityRow | None:
    errors_before = result.error_count
    title = context.text(values, "title")
    if not title:
        result.add_error(RowError(number, context.column("title"), _("the title is empty")))
    else:
        _check_length(result, number, context.column("title"), title, 300)
    type_text = context.text(values, "activity_type")
    activity_type = match_word(type_text, TYPE_WORDS, TYPE_VALUES) if type_text else None
    if activity_type is None:
        result.add_error(
            RowError(
                number,
                context.column("activity_type"),
                _(
                    "unknown type (expected e.g. ประชุม, อบรม, วิทยากร, แฮกกาธอน, สัมภาษณ์, อินโฟกราฟิก, ค่าย, ระดมทุน)"
                ),
                type_text,
            )
        )
    dates: list[datetime.date | None] = []
    unreadable: set[str] = set()
    for name in ("start_date", "end_date"):
        try:
            dates.append(parse_date(context.cell(values, name)))
        except ThaiDateError as exc:
            expected = _("expected e.g. 28/06/2566 or 28 มิ.ย. 2566")
            result.add_error(RowError(number, context.column(name), f"{exc.reason} — {expected}", exc.text))
            dates.append(None)
            unreadable.add(name)
    start, end = dates
    if start is None and "start_date" not in unreadable:
        result.add_error(RowError(number, context.column("start_date"), _("the date is empty")))
    if start and end and end < start:
        result.add_error(
            RowError(
                number,
                context.column("end_date"),
                _("ends before it starts"),
                as_text(context.cell(values, "end_date")),
            )
        )
    strategy_id = None
    strategy_text = context.text(values, "strategy")
    if strategy_text:
        key = to_arabic_digits(strategy_text).casefold().removeprefix("กลยุทธ์ที่").removeprefix("กลยุทธ์").strip()
        strategy_id = context.strategies.get(key)
        if strategy_id is None:
            result.add_error(
                RowError(
                    number,
                    context.column("strategy"),
                    _("unknown strategy (expected 1, 2, 3 or 4)"),
                    strategy_text,
                )
            )
    issue_ids = []
    for part in split_list(context.text(values, "issue_areas")):
        found = context.issue_areas.get(to_arabic_digits(part).casefold())
        if found is None:
            result.add_error(
                RowError(
                    number,
                    context.column("issue_areas"),
                    _("unknown issue area (expected 1–6 or its name)"),
                    part,
                )
            )
        else:
            issue_ids.append(found)
    org_keys = []
    for name in split_list(context.text(values, "organisations")):
        found_key = _organisation(context, result, number, context.column("organisations"), name)
        if found_key and found_key not in org_keys:
            org_keys.append(found_key)
    reach = None
    try:
        reach = parse_int(context.cell(values, "reach"))
        if reach is not None and reach < 0:
            raise ValueError
    except ValueError:
        result.add_error(
            RowError(
                number,
                context.column("reach"),
                _("not a whole number"),
                as_text(context.cell(values, "reach")),
            )
        )
    link = context.text(values, "link")
    if link:
        try:
            URLValidator()(link)
        except ValidationError:
            result.add_error(
                RowError(number, context.column("link"), _("not a web address (http://…)"), link)
            )
    public_text = context.text(values, "is_public").casefold()
    if public_text not in YES and public_text not in NO:
        result.add_error(
            RowError(number, context.column("is_public"), _("expected ใช่/ไม่ใช่ or yes/no"), public_text)
        )
    place = context.text(values, "place")
    _check_length(result, number, context.column("place"), place, 300)
    if result.error_count > errors_before or start is None or activity_type is None:
        return None
    duplicate_key = (title_key(title), start)
    if duplicate_key in seen:
        result.duplicates.append(
            RowError(
                number,
                context.column("title"),
                _("the same title and date as row %(row)s") % {"row": seen[duplicate_key]},
                title,
            )
        )
        return None
    seen[duplicate_key] = number
    existing = [
        pk
        for pk in context.activities_by_title.get(title_key(title), [])
        if context.activities_by_id[pk][1] == start
    ]
    if existing:
        result.duplicates.append(
            RowError(
                number,
                context.column("title"),
                _("already recorded as activity %(id)s") % {"id": existing[0]},
                title,
            )
        )
        return None
    return ActivityRow(
        row=number,
        title=title,
        activity_type=activity_type,
        start_date=start,
        end_date=end,
        place=place,
        strategy_id=strategy_id,
        issue_area_ids=issue_ids,
        organisation_keys=org_keys,
        description=as_text(context.cell(values, "description")),
        outputs=as_text(context.cell(values, "outputs")),
        reach=reach,
        link=link,
        is_public=public_text in YES and public_text != "",
    )


def check_rows(context: Context, rows: Iterator[tuple[int, list[Value]]], header_row: int) -> CheckResult:
    """Check every row after the header. Blank rows are counted, not imported."""
    result = CheckResult()
    people = PersonIndex() if context.kind == "participants" else None
    seen: dict[Any, int] = {}
    existing: set[tuple[int, int]] = set()
    if context.kind == "participants":
        activity_ids = (
            set(context.activities_by_id)
            if context.mapping.get("activity") is not None
            else {context.default_activity_id}
        )
        existing = set(
            Participation.objects.filter(activity_id__in=[a for a in activity_ids if a]).values_list(
                "activity_id", "person_id"
            )
        )
    for number, values in rows:
        if number <= header_row:
            continue
        result.total_rows += 1
        if not any(as_text(v) for v in values):
            result.blank_rows += 1
            continue
        record: Any
        if context.kind == "participants":
            assert people is not None
            record = _participant(context, result, people, number, values, seen, existing)
        else:
            record = _activity(context, result, number, values, seen)
        if record is not None:
            result.records.append(record)
    if people is not None:
        result.new_people = people.new_count
        result.existing_people = len({r.person_id for r in result.records if r.person_id is not None})
    return result
