"""Duplicate people are suggested with reasons, merged only when staff confirm, and counted once."""

import datetime
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User

from sodsong.coalition.dedupe import compute_suggestions, decide, merge_people
from sodsong.coalition.metrics import Scope, get_metric
from sodsong.coalition.models import (
    Activity,
    Affiliation,
    MergeStatus,
    MergeSuggestion,
    Organisation,
    Participation,
    Person,
    PersonAlias,
)
from sodsong.coalition.people import record_person
from sodsong.coalition.periods import parse_period

pytestmark = pytest.mark.django_db


def pairs() -> set[frozenset[str]]:
    return {
        frozenset({s.person_a.full_name, s.person_b.full_name})
        for s in MergeSuggestion.objects.select_related("person_a", "person_b")
    }


def test_recording_the_same_name_twice_finds_the_person() -> None:
    first, created = record_person("นายสมชาย  ใจดี", source="row 1")
    again, created_again = record_person("สมชาย ใจดี")
    assert created and not created_again and first == again
    assert first.title == "นาย" and first.name_th == "สมชาย ใจดี"


def test_two_people_with_one_name_are_not_guessed() -> None:
    Person.objects.create(name_th="สมชาย ใจดี")
    Person.objects.create(name_th="สมชาย ใจดี", email="other@example.org")
    person, created = record_person("สมชาย ใจดี")
    assert created, "an ambiguous name creates a new record for staff to sort out"
    person, created = record_person("สมชาย ใจดี", email="OTHER@example.org")
    assert not created and person.email == "other@example.org"


def test_suggestions_pair_spellings_titles_and_thai_english_names(
    org_factory: Callable[..., Organisation],
) -> None:
    act = org_factory("ACT")
    a = Person.objects.create(title="นาย", name_th="สมชาย ใจดี")
    Person.objects.create(title="คุณ", name_th="สมชาย ใจดี")  # title typed as part of the name
    Person.objects.create(name_en="Somchai Jaidee")
    typo = Person.objects.create(name_th="สมชาย ใจดีย์")
    Person.objects.create(name_th="มานี มีนา")
    Affiliation.objects.create(person=a, organisation=act)
    Affiliation.objects.create(person=typo, organisation=act)
    added = compute_suggestions()
    found = pairs()
    assert frozenset({"นายสมชาย ใจดี", "Somchai Jaidee"}) in found
    assert frozenset({"นายสมชาย ใจดี", "สมชาย ใจดีย์"}) in found
    assert not any("มานี มีนา" in pair for pair in found)
    typo_pair = MergeSuggestion.objects.get(person_a=a, person_b=typo)
    assert "similar_spelling" in typo_pair.reasons and "same_organisation" in typo_pair.reasons
    assert compute_suggestions() == 0 and MergeSuggestion.objects.count() == added, "idempotent"


def test_a_rejected_pair_is_not_suggested_again(staff_user: User) -> None:
    Person.objects.create(name_th="สมชาย ใจดี")
    Person.objects.create(name_en="Somchai Jaidee")
    compute_suggestions()
    suggestion = MergeSuggestion.objects.get()
    decide(suggestion, confirm=False, keep=None, user=staff_user)
    assert compute_suggestions() == 0
    assert MergeSuggestion.objects.get().status == MergeStatus.REJECTED


def test_confirming_a_merge_moves_everything_and_people_count_once(
    staff_user: User, activity_factory: Callable[..., Activity], org_factory: Callable[..., Organisation]
) -> None:
    act = org_factory("ACT")
    kpi = org_factory("สถาบันพระปกเกล้า")
    meeting = activity_factory("ประชุม", datetime.date(2023, 2, 1))
    workshop = activity_factory("อบรม", datetime.date(2023, 3, 1))
    thai = Person.objects.create(title="นาย", name_th="สมชาย ใจดี")
    english = Person.objects.create(name_en="Somchai Jaidee", email="somchai@example.org")
    Participation.objects.create(activity=meeting, person=thai)
    Participation.objects.create(activity=meeting, person=english, organisation=act)
    Participation.objects.create(activity=workshop, person=english, organisation=kpi)
    Affiliation.objects.create(person=english, organisation=kpi, position="นักวิจัย")
    people = get_metric("people")
    scope = Scope(parse_period("2566H1"))
    assert people.value(scope) == 2
    compute_suggestions()
    decide(MergeSuggestion.objects.get(), confirm=True, keep=thai, user=staff_user)
    thai.refresh_from_db()
    english.refresh_from_db()
    assert english.merged_into == thai
    assert thai.email == "somchai@example.org" and thai.name_en == "Somchai Jaidee"
    assert Participation.objects.filter(person=thai).count() == 2
    assert Participation.objects.get(person=thai, activity=meeting).organisation == act
    assert Affiliation.objects.filter(person=thai, organisation=kpi).exists()
    assert PersonAlias.objects.filter(person=thai, key="somchai jaidee").exists()
    assert people.value(scope) == 1
    assert MergeSuggestion.objects.get().status == MergeStatus.CONFIRMED


def test_merging_twice_or_into_self_is_refused() -> None:
    a = Person.objects.create(name_th="ก ข")
    b = Person.objects.create(name_th="ก ข")
    with pytest.raises(ValueError):
        merge_people(a, a)
    merge_people(a, b)
    with pytest.raises(ValueError, match="ถูกรวมไปแล้ว"):
        merge_people(a, b)


def test_a_shared_surname_or_a_similar_sounding_thai_name_is_not_a_suggestion() -> None:
    for name in ("ภาณุ รุ่งเรือง", "ปิยะนุช รุ่งเรือง", "ภาณุ บุญเรือง", "นพดล พูลสวัสดิ์", "ธนพล พูลสวัสดิ์"):
        Person.objects.create(name_th=name)
    assert compute_suggestions() == 0


def test_everyday_english_spellings_meet_the_thai_name() -> None:
    thai = Person.objects.create(title="นางสาว", name_th="จิราพร ทองดี")
    english = Person.objects.create(name_en="Jiraporn Thongdee")
    Person.objects.create(name_en="Jirawat Thongdee")
    compute_suggestions()
    assert list(MergeSuggestion.objects.values_list("person_a", "person_b")) == [(thai.pk, english.pk)]
