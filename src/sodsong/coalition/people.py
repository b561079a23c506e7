"""Recording a person the way every entry path does it (quick add, import, partner logging)."""

from __future__ import annotations

from django.db.models import Q

from sodsong.coalition.models import Affiliation, Organisation, Person, PersonAlias
from sodsong.coalition.names import person_key

__all__ = ["find_person", "record_person"]


def find_person(written_name: str, *, email: str = "", phone: str = "") -> Person | None:
    """The existing person this name (and contact) most safely refers to, or None.

    Email, then phone, identify a person outright; otherwise the strict name key must match exactly
    one person (two people called the same are left for staff to tell apart, never guessed).
    """
    if email:
        found = Person.objects.active().filter(email__iexact=email.strip()).first()
        if found:
            return found
    if phone:
        found = Person.objects.active().filter(phone=phone.strip()).first()
        if found:
            return found
    key = person_key(written_name)
    if not key:
        return None
    matches = list(
        Person.objects.active()
        .filter(Q(name_key=key) | Q(id__in=PersonAlias.objects.filter(key=key).values("person_id")))
        .distinct()[:2]
    )
    return matches[0] if len(matches) == 1 else None


def record_person(
    written_name: str,
    *,
    name_en: str = "",
    email: str = "",
    phone: str = "",
    organisation: Organisation | None = None,
    position: str = "",
    source: str = "",
) -> tuple[Person, bool]:
    """The person for this name (found or created) with the spelling kept as an alias; (person, created)."""
    person = find_person(written_name, email=email, phone=phone) or (
        find_person(name_en) if name_en else None
    )
    created = person is None
    if person is None:
        person = Person.from_written_name(written_name, email=email.strip(), phone=phone.strip())
        if name_en and not person.name_en:
            person.name_en = name_en
        person.save()
    else:
        changed = False
        for field, value in (
            ("email", email.strip()),
            ("phone", phone.strip()),
            ("name_en", name_en.strip()),
        ):
            if value and not getattr(person, field):
                setattr(person, field, value)
                changed = True
        if changed:
            person.save()
    for name in (written_name, name_en):
        key = person_key(name) if name else ""
        if key:
            PersonAlias.objects.get_or_create(
                person=person, key=key, defaults={"name": name, "source": source}
            )
    if organisation is not None:
        Affiliation.objects.get_or_create(person=person, organisation=organisation, position=position)
    return person, created
