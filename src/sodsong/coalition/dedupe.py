"""Finding people recorded twice, and merging them once staff have confirmed.

Suggestions come from cheap *blocks* (records sharing a surname, a given name, an email, a phone,
a loose key or a sound key) compared pairwise, so the work grows with the block sizes, not with the
square of everybody. Each suggestion keeps its reasons so staff see why two records were paired.
A rejected pair is never suggested again. Merging moves everything to the person kept and leaves
the other as a tombstone (`merged_into`), so old links still resolve.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sodsong.coalition.models import (
    Affiliation,
    MergeStatus,
    MergeSuggestion,
    Participation,
    Person,
    PersonAlias,
    PersonMerge,
)
from sodsong.coalition.names import loose_key, person_key, romanized_key, soft_key

__all__ = ["Candidate", "compute_suggestions", "merge_people", "score_pair"]

# Below this a pair is not worth a reviewer's time.
THRESHOLD = 0.8
# Names this alike (each part) may be one name: ใจดี/ใจดีย์ is 0.8.
SIMILAR = 0.8
# Thai and Latin spellings compared by sound must be closer (transcription is loose already).
SOUND_SIMILAR = 0.85
# A block larger than this is a common surname: comparing all its pairs would swamp the review.
MAX_BLOCK = 200


@dataclass
class Candidate:
    """What matching needs to know about one person (names from every alias)."""

    pk: int
    keys: set[str]
    soft: set[str]
    loose: set[str]
    sounds: set[str]  # sound keys of Thai-script names (filled by _add_sounds)
    latin_sounds: set[str]  # sound keys of Latin-script names
    thai_names: set[str]
    email: str
    phone: str
    organisations: set[int]


def _phone(text: str) -> str:
    digits = "".join(ch for ch in text if ch.isdecimal())
    return digits[-9:] if len(digits) >= 9 else ""


def load_candidates(people: Iterable[Person] | None = None) -> list[Candidate]:
    """Candidates for every active person (or the ones given), with all their recorded names."""
    qs = Person.objects.active() if people is None else Person.objects.filter(pk__in=[p.pk for p in people])
    by_pk: dict[int, Candidate] = {}
    for person in qs.only("pk", "name_th", "name_en", "email", "phone"):
        names = [n for n in (person.name_th, person.name_en) if n]
        by_pk[person.pk] = Candidate(
            pk=person.pk,
            keys={person_key(n) for n in names},
            soft={soft_key(n) for n in names},
            loose={loose_key(n) for n in names},
            sounds=set(),
            latin_sounds={romanized_key(n) for n in names if n.isascii()} - {""},
            thai_names={soft_key(n) for n in names if not n.isascii()} - {""},
            email=person.email.strip().casefold(),
            phone=_phone(person.phone),
            organisations=set(),
        )
    for alias in PersonAlias.objects.filter(person__in=by_pk).values("person_id", "name"):
        candidate = by_pk[alias["person_id"]]
        candidate.keys.add(person_key(alias["name"]))
        candidate.soft.add(soft_key(alias["name"]))
        candidate.loose.add(loose_key(alias["name"]))
        if alias["name"].isascii():
            sound = romanized_key(alias["name"])
            if sound:
                candidate.latin_sounds.add(sound)
        else:
            candidate.thai_names.add(soft_key(alias["name"]))
    for row in Affiliation.objects.filter(person__in=by_pk).values("person_id", "organisation_id"):
        by_pk[row["person_id"]].organisations.add(row["organisation_id"])
    for row in Participation.objects.filter(person__in=by_pk, organisation__isnull=False).values(
        "person_id", "organisation_id"
    ):
        by_pk[row["person_id"]].organisations.add(row["organisation_id"])
    candidates = list(by_pk.values())
    _add_sounds(candidates)
    return candidates


def _add_sounds(candidates: list[Candidate]) -> None:
    """Sound keys for Thai names, only where a Latin-script name could be the same person.

    Romanising is slow (a few ms a word); only Thai names whose family name sounds like the start
    of some Latin family name on record are romanised whole.
    """
    prefixes = {sound.split(" ")[-1][:3] for c in candidates for sound in c.latin_sounds}
    if not prefixes:
        return
    for candidate in candidates:
        for name in candidate.thai_names:
            family = name.split(" ")[-1]
            if romanized_key(family)[:3] in prefixes:
                sound = romanized_key(name)
                if sound:
                    candidate.sounds.add(sound)


def _ratio(x: str, y: str, floor: float) -> float:
    """difflib's ratio, or 0 when its cheap upper bounds are already below `floor`."""
    matcher = SequenceMatcher(None, x, y)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()


def _name_similarity(x: str, y: str, floor: float) -> float:
    """Given name and family name must each be alike: a shared surname alone is not a match."""
    x_parts, y_parts = x.split(" "), y.split(" ")
    if len(x_parts) > 1 and len(y_parts) > 1:
        given = _ratio(x_parts[0], y_parts[0], floor)
        if not given:
            return 0.0
        return min(given, _ratio(" ".join(x_parts[1:]), " ".join(y_parts[1:]), floor))
    return _ratio(x.replace(" ", ""), y.replace(" ", ""), floor)


def _similarity(a: set[str], b: set[str], floor: float = SIMILAR) -> float:
    """The best name similarity over every pair of recorded spellings."""
    return max((_name_similarity(x, y, floor) for x in a for y in b), default=0.0)


def _scaled(similarity: float, top: float) -> float:
    """Map a similarity in [SIMILAR, 1] to a score in [THRESHOLD, top]."""
    return THRESHOLD + (top - THRESHOLD) * (similarity - SIMILAR) / (1 - SIMILAR)


def _blocks(candidate: Candidate) -> set[str]:
    blocks: set[str] = set()
    for key in candidate.soft:
        parts = key.split(" ")
        blocks.add(f"given:{parts[0]}")
        if len(parts) > 1:
            blocks.add(f"family:{parts[-1]}")
    blocks |= {f"loose:{key}" for key in candidate.loose}
    for sound in candidate.sounds | candidate.latin_sounds:
        parts = sound.split(" ")
        blocks.add(f"sound-given:{parts[0]}")
        if len(parts) > 1:
            blocks.add(f"sound-family:{parts[-1]}")
    for key in candidate.soft:
        parts = key.split(" ")
        if len(parts) > 1:
            # Same given name and the family name's first letters (catches a typo in the family name).
            blocks.add(f"given-family:{parts[0]}:{parts[-1][:2]}")
    if candidate.email:
        blocks.add(f"email:{candidate.email}")
    if candidate.phone:
        blocks.add(f"phone:{candidate.phone}")
    return blocks


def score_pair(a: Candidate, b: Candidate) -> tuple[float, list[str]]:
    """A score in [0, 1] and the reasons for it (codes shown to staff, translated in the page)."""
    reasons: list[str] = []
    score = 0.0
    if a.email and a.email == b.email:
        reasons.append("same_email")
        score = max(score, 0.95)
    if a.phone and a.phone == b.phone:
        reasons.append("same_phone")
        score = max(score, 0.9)
    if a.keys & b.keys:
        reasons.append("same_name")
        score = max(score, 0.9)
    elif a.loose & b.loose:
        reasons.append("same_name_without_title_or_spaces")
        score = max(score, 0.88)
    else:
        spelling = _similarity(a.soft, b.soft)
        if spelling >= SIMILAR:
            reasons.append("similar_spelling")
            score = max(score, _scaled(spelling, 0.92))
        # Sound keys only bridge scripts (a Thai name and a Latin one): between two Thai spellings
        # romanisation adds nothing but noise.
        sound = max(
            _similarity(a.sounds, b.latin_sounds, SOUND_SIMILAR),
            _similarity(a.latin_sounds, b.sounds, SOUND_SIMILAR),
            _similarity(a.latin_sounds, b.latin_sounds, SOUND_SIMILAR),
        )
        if sound >= SOUND_SIMILAR:
            reasons.append("similar_sound_thai_english")
            score = max(score, THRESHOLD + (0.9 - THRESHOLD) * (sound - SOUND_SIMILAR) / (1 - SOUND_SIMILAR))
    if score and a.organisations & b.organisations:
        reasons.append("same_organisation")
        score = min(1.0, score + 0.05)
    return round(score, 3), reasons


def compute_suggestions(people: Iterable[Person] | None = None) -> int:
    """Store new suggestions (pending) for likely duplicates; returns how many were added.

    With `people`, only pairs that involve one of them are considered (after an import).
    """
    everyone = load_candidates()
    focus = {p.pk for p in people} if people is not None else None
    blocks: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in everyone:
        for block in _blocks(candidate):
            blocks[block].append(candidate)
    known = set(MergeSuggestion.objects.values_list("person_a_id", "person_b_id"))
    found: dict[tuple[int, int], tuple[float, list[str]]] = {}
    for members in blocks.values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        for a, b in itertools.combinations(members, 2):
            pair = (min(a.pk, b.pk), max(a.pk, b.pk))
            if pair in known or pair in found:
                continue
            if focus is not None and a.pk not in focus and b.pk not in focus:
                continue
            score, reasons = score_pair(a, b)
            if score >= THRESHOLD:
                found[pair] = (score, reasons)
    MergeSuggestion.objects.bulk_create(
        [
            MergeSuggestion(person_a_id=a, person_b_id=b, score=s, reasons=r)
            for (a, b), (s, r) in found.items()
        ],
        ignore_conflicts=True,
    )
    return len(found)


@transaction.atomic
def merge_people(keep: Person, merge: Person, user: User | None = None) -> PersonMerge:
    """Move `merge`'s names, affiliations and participations to `keep`; `merge` becomes a tombstone.

    Where both attended the same activity, the kept participation stays (and takes the other's
    organisation if it had none). Blank fields of `keep` are filled from `merge`.
    """
    keep = Person.objects.select_for_update().get(pk=keep.pk)
    merge = Person.objects.select_for_update().get(pk=merge.pk)
    if keep.pk == merge.pk:
        raise ValueError(_("A person cannot be merged into themselves."))
    if keep.merged_into_id or merge.merged_into_id:
        raise ValueError(_("One of these people was already merged."))
    moved: dict[str, list[int]] = {"participations": [], "dropped_participations": [], "affiliations": []}
    kept_activities = dict(Participation.objects.filter(person=keep).values_list("activity_id", "id"))
    for participation in Participation.objects.filter(person=merge):
        if participation.activity_id in kept_activities:
            kept = Participation.objects.get(pk=kept_activities[participation.activity_id])
            if kept.organisation_id is None and participation.organisation_id is not None:
                kept.organisation_id = participation.organisation_id
                kept.save(update_fields=["organisation"])
            moved["dropped_participations"].append(participation.pk)
            participation.delete()
        else:
            participation.person = keep
            participation.save(update_fields=["person"])
            moved["participations"].append(participation.pk)
    kept_affiliations = set(
        Affiliation.objects.filter(person=keep).values_list("organisation_id", "position")
    )
    for affiliation in Affiliation.objects.filter(person=merge):
        if (affiliation.organisation_id, affiliation.position) in kept_affiliations:
            affiliation.delete()
        else:
            affiliation.person = keep
            affiliation.save(update_fields=["person"])
            moved["affiliations"].append(affiliation.pk)
    existing_keys = set(PersonAlias.objects.filter(person=keep).values_list("key", flat=True))
    names = [a.name for a in PersonAlias.objects.filter(person=merge)] + [
        n for n in (merge.full_name, merge.name_en) if n
    ]
    for name in names:
        key = person_key(name)
        if key and key not in existing_keys:
            PersonAlias.objects.create(person=keep, name=name, key=key, source=f"merged person {merge.pk}")
            existing_keys.add(key)
    for field in ("title", "name_th", "name_en", "email", "phone"):
        if not getattr(keep, field) and getattr(merge, field):
            setattr(keep, field, getattr(merge, field))
    if merge.notes:
        keep.notes = f"{keep.notes}\n{merge.notes}".strip()
    keep.save()
    merge.merged_into = keep
    merge.save(update_fields=["merged_into"])
    # Any other suggestion that pointed at the merged record now points nowhere useful.
    MergeSuggestion.objects.filter(status=MergeStatus.PENDING).filter(person_a=merge).delete()
    MergeSuggestion.objects.filter(status=MergeStatus.PENDING).filter(person_b=merge).delete()
    Person.objects.filter(merged_into=merge).update(merged_into=keep)
    return PersonMerge.objects.create(kept=keep, merged=merge, merged_by=user, moved=moved)


@transaction.atomic
def decide(suggestion: MergeSuggestion, *, confirm: bool, keep: Person | None, user: User) -> None:
    """Record a reviewer's decision; confirming merges the other record into `keep`."""
    suggestion = MergeSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != MergeStatus.PENDING:
        raise ValueError(_("This suggestion was already decided."))
    if confirm:
        if keep is None or keep.pk not in (suggestion.person_a_id, suggestion.person_b_id):
            raise ValueError(_("Choose which of the two records to keep."))
        other_pk = suggestion.person_b_id if keep.pk == suggestion.person_a_id else suggestion.person_a_id
        # Mark first: merge_people deletes pending suggestions of the merged person.
        suggestion.status = MergeStatus.CONFIRMED
        suggestion.decided_by = user
        suggestion.decided_at = timezone.now()
        suggestion.save()
        merge_people(keep, Person.objects.get(pk=other_pk), user)
    else:
        suggestion.status = MergeStatus.REJECTED
        suggestion.decided_by = user
        suggestion.decided_at = timezone.now()
        suggestion.save()
