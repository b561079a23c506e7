"""What imported rows are checked against: organisations, activities and people already
recorded, loaded once per file so that checking a row costs no query."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from sodsong.coalition.imports.columns import FIELDS
from sodsong.coalition.imports.reader import Value, as_text
from sodsong.coalition.models import (
    Activity,
    IssueArea,
    Organisation,
    Person,
    PersonAlias,
    Strategy,
)
from sodsong.coalition.models.organisations import organisation_key
from sodsong.coalition.names import person_key
from sodsong.thai import normalize_text

__all__ = ["Context", "PersonIndex", "title_key"]


@dataclass
class Context:
    """What rows are checked against: organisations, activities, people already recorded."""

    kind: str
    mapping: dict[str, int]
    headers: list[str]
    default_activity_id: int | None = None
    create_organisations_sector: str = ""
    skip_duplicates: bool = False
    owner_organisation_id: int | None = None
    allowed_activity_ids: set[int] | None = None  # a partner imports only into its own activities
    organisations: dict[str, int] = field(default_factory=dict)
    activities_by_id: dict[int, tuple[str, datetime.date]] = field(default_factory=dict)
    activities_by_title: dict[str, list[int]] = field(default_factory=dict)
    strategies: dict[str, int] = field(default_factory=dict)
    issue_areas: dict[str, int] = field(default_factory=dict)
    _columns: dict[str, str] = field(default_factory=dict)
    organisation_keys: dict[str, str] = field(default_factory=dict)  # name as written -> key (cache)

    @classmethod
    def load(cls, kind: str, mapping: dict[str, int], headers: list[str], **options: Any) -> Context:
        context = cls(kind=kind, mapping=mapping, headers=headers, **options)
        for pk, name_th, name_en, short in Organisation.objects.values_list(
            "pk", "name_th", "name_en", "short_name"
        ):
            for name in (name_th, name_en, short):
                if name:
                    context.organisations.setdefault(organisation_key(name), pk)
        activities = Activity.objects.all()
        if context.allowed_activity_ids is not None:
            activities = activities.filter(pk__in=context.allowed_activity_ids)
        for pk, title, start in activities.values_list("pk", "title", "start_date"):
            context.activities_by_id[pk] = (title, start)
            context.activities_by_title.setdefault(title_key(title), []).append(pk)
        for pk, number, name_th, name_en in Strategy.objects.values_list(
            "pk", "number", "name_th", "name_en"
        ):
            for key in (str(number), normalize_text(name_th).casefold(), normalize_text(name_en).casefold()):
                if key:
                    context.strategies[key] = pk
        for pk, number, name_th, name_en in IssueArea.objects.values_list(
            "pk", "number", "name_th", "name_en"
        ):
            for key in (str(number), normalize_text(name_th).casefold(), normalize_text(name_en).casefold()):
                if key:
                    context.issue_areas[key] = pk
        return context

    def column(self, name: str) -> str:
        """The header the user sees for a field (or the field's label when it has no column)."""
        found = self._columns.get(name)
        if found is None:
            index = self.mapping.get(name)
            if index is not None and index < len(self.headers) and self.headers[index]:
                found = self.headers[index]
            else:
                fields = {f.name: f for f in FIELDS[self.kind]}
                found = str(fields[name].label) if name in fields else name
            self._columns[name] = found
        return found

    def cell(self, values: list[Value], name: str) -> Value:
        index = self.mapping.get(name)
        if index is None or index >= len(values):
            return None
        return values[index]

    def text(self, values: list[Value], name: str) -> str:
        return normalize_text(as_text(self.cell(values, name)))


def title_key(title: str) -> str:
    return normalize_text(title).casefold()


class PersonIndex:
    """Who a row's person is: an existing record (email, phone, or a name key held by exactly one
    person), or a new person shared by the rows of this file that name them the same way."""

    def __init__(self) -> None:
        self.by_email: dict[str, int] = {}
        self.by_phone: dict[str, int] = {}
        self.by_key: dict[str, set[int]] = {}
        people = Person.objects.active().values_list("pk", "name_key", "email", "phone")
        for pk, key, email, phone in people.iterator(chunk_size=5000):
            if email:
                self.by_email.setdefault(email.casefold(), pk)
            if phone:
                self.by_phone.setdefault(phone, pk)
            if key:
                self.by_key.setdefault(key, set()).add(pk)
        aliases = PersonAlias.objects.filter(person__merged_into__isnull=True).values_list("person_id", "key")
        for pk, key in aliases.iterator(chunk_size=5000):
            self.by_key.setdefault(key, set()).add(pk)
        self.new_by_email: dict[str, int] = {}
        self.new_by_phone: dict[str, int] = {}
        self.new_by_key: dict[str, int] = {}
        self.new_count = 0

    def resolve(self, written: str, email: str, phone: str) -> tuple[int | None, int | None]:
        """(existing person id, None) or (None, new person index)."""
        if email and email.casefold() in self.by_email:
            return self.by_email[email.casefold()], None
        if phone and phone in self.by_phone:
            return self.by_phone[phone], None
        key = person_key(written)
        found = self.by_key.get(key, set())
        if len(found) == 1:
            return next(iter(found)), None
        for table, token in (
            (self.new_by_email, email.casefold()),
            (self.new_by_phone, phone),
            (self.new_by_key, key),
        ):
            if token and token in table:
                index = table[token]
                break
        else:
            index = self.new_count
            self.new_count += 1
        if email:
            self.new_by_email.setdefault(email.casefold(), index)
        if phone:
            self.new_by_phone.setdefault(phone, index)
        if key and not found:
            self.new_by_key.setdefault(key, index)
        return None, index
