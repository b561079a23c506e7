"""The redaction editor's operations on a case's publication draft, and approval.

Every change names the version of the draft the editor's form was built from: when another
editor saved in between, `EditConflict` is raised and nothing changes (two editors never
silently overwrite each other). Redactions are kept as (kind, start, end) in the original text;
the personal data itself is never copied into the publication record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sodsong.privacy import KINDS, Finding, Redaction, redact
from sodsong.thai.digits import to_arabic_digits
from sodsong.watch.audit import audit
from sodsong.watch.models import PUBLIC_FIELDS, EditConflict, Publication, PublishRefused, Report

__all__ = [
    "MAX_TITLE",
    "NameCheck",
    "add_phrase",
    "add_span",
    "approve",
    "auto_redactions",
    "draft_redactions",
    "is_stale",
    "name_check",
    "publication_for",
    "remove",
    "reset_field",
    "set_source",
    "take_new_text",
]

MAX_TITLE = 300
EDITABLE_SOURCES = ("title", "agency")


def _rows(redaction: Redaction) -> list[dict[str, Any]]:
    return [{"kind": f.kind, "start": f.start, "end": f.end} for f in redaction.findings]


def _rebuild(original: str, rows: Any) -> Redaction:
    """A stored draft as a Redaction; a draft that no longer fits the text starts again from the rules."""
    try:
        findings = [
            Finding(str(r["kind"]), int(r["start"]), int(r["end"]), original[int(r["start"]) : int(r["end"])])
            for r in rows
        ]
        return Redaction.build(original, findings)
    except (KeyError, TypeError, ValueError):
        return redact(original)


def publication_for(report: Report) -> Publication:
    """The case's publication workspace, started from the report and the automatic redaction."""
    existing = Publication.objects.filter(report=report).first()
    if existing is not None:
        return existing
    sources = {"title": "", "agency": report.agency_text, "what_happened": report.what_happened}
    draft = {name: _rows(redact(text)) for name, text in sources.items()}
    with transaction.atomic():
        publication, _created = Publication.objects.get_or_create(
            report=report, defaults={"sources": sources, "draft": draft}
        )
    return publication


def auto_redactions(publication: Publication) -> dict[str, Redaction]:
    """What the rules find in each field (shown next to the editor's version)."""
    return {name: redact(str(publication.sources.get(name, ""))) for name in PUBLIC_FIELDS}


def draft_redactions(publication: Publication) -> dict[str, Redaction]:
    """The editor's current redaction of each field."""
    return {
        name: _rebuild(str(publication.sources.get(name, "")), publication.draft.get(name, []))
        for name in PUBLIC_FIELDS
    }


def _save(publication: Publication, expected_version: int, **changes: Any) -> Publication:
    """Write `changes` only if nobody saved since `expected_version`; the caller's object is refreshed."""
    updated = Publication.objects.filter(pk=publication.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if not updated:
        raise EditConflict(
            f"the publication of case {publication.report.code} was changed by another editor; "
            "reload it and try again"
        )
    publication.refresh_from_db()
    return publication


def _check_field(field: str) -> None:
    if field not in PUBLIC_FIELDS:
        raise ValueError(f"unknown field {field!r}; expected one of {', '.join(PUBLIC_FIELDS)}")


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")


def _with_draft(publication: Publication, field: str, redaction: Redaction) -> dict[str, Any]:
    draft = dict(publication.draft)
    draft[field] = _rows(redaction)
    return draft


def set_source(publication: Publication, field: str, text: str, *, expected_version: int) -> Publication:
    """The editor writes the public title or the agency's name; the rules redact it afresh."""
    if field not in EDITABLE_SOURCES:
        raise ValueError(f"only {', '.join(EDITABLE_SOURCES)} can be rewritten by the editor")
    text = " ".join(text.split())
    if len(text) > MAX_TITLE:
        raise ValueError(f"{field}: at most {MAX_TITLE} characters (got {len(text)})")
    sources = dict(publication.sources)
    sources[field] = text
    draft = dict(publication.draft)
    draft[field] = _rows(redact(text))
    return _save(publication, expected_version, sources=sources, draft=draft)


def add_span(
    publication: Publication, field: str, kind: str, start: int, end: int, *, expected_version: int
) -> Publication:
    """Redact `start:end` of the field's original (e.g. what the editor selected)."""
    _check_field(field)
    _check_kind(kind)
    current = draft_redactions(publication)[field]
    redaction = current.with_finding(kind, start, end)  # ValueError: outside the text or overlapping
    return _save(publication, expected_version, draft=_with_draft(publication, field, redaction))


def add_phrase(
    publication: Publication, field: str, kind: str, phrase: str, *, expected_version: int
) -> tuple[Publication, int]:
    """Redact every occurrence of `phrase` not already redacted; returns how many were added.

    Thai digits in the phrase match Arabic ones in the text and the other way round.
    """
    _check_field(field)
    _check_kind(kind)
    phrase = phrase.strip()
    if not phrase:
        raise ValueError("type the words to redact")
    current = draft_redactions(publication)[field]
    haystack = to_arabic_digits(current.original)
    needle = to_arabic_digits(phrase)
    added = 0
    position = haystack.find(needle)
    while position != -1:
        end = position + len(needle)
        if not any(f.start < end and position < f.end for f in current.findings):
            current = current.with_finding(kind, position, end)
            added += 1
        position = haystack.find(needle, end)
    if not added:
        raise ValueError("the words are not in the text, or are already redacted")
    return _save(publication, expected_version, draft=_with_draft(publication, field, current)), added


def remove(publication: Publication, field: str, index: int, *, expected_version: int) -> Publication:
    """Show finding number `index` of the field again (a wrong finding of the rules)."""
    _check_field(field)
    redaction = draft_redactions(publication)[field].without(index)  # IndexError when out of range
    return _save(publication, expected_version, draft=_with_draft(publication, field, redaction))


def is_stale(publication: Publication) -> bool:
    """The reporter's text changed since the editor started (e.g. they added information)."""
    return str(publication.sources.get("what_happened", "")) != publication.report.what_happened


def take_new_text(publication: Publication, *, expected_version: int) -> Publication:
    """Start "what happened" again from the report's current text and the automatic redaction."""
    text = publication.report.what_happened
    sources = {**publication.sources, "what_happened": text}
    draft = {**publication.draft, "what_happened": _rows(redact(text))}
    return _save(publication, expected_version, sources=sources, draft=draft)


def reset_field(publication: Publication, field: str, *, expected_version: int) -> Publication:
    """Start the field again from the automatic redaction."""
    _check_field(field)
    redaction = redact(str(publication.sources.get(field, "")))
    return _save(publication, expected_version, draft=_with_draft(publication, field, redaction))


@dataclass(frozen=True)
class NameCheck:
    """Names the rules found that the editor's version would show (naming someone publicly)."""

    shown: tuple[tuple[str, str], ...]  # (field, name)

    @property
    def names_someone(self) -> bool:
        return bool(self.shown)


def name_check(publication: Publication) -> NameCheck:
    drafts = draft_redactions(publication)
    shown: list[tuple[str, str]] = []
    for field, auto in auto_redactions(publication).items():
        kept = drafts[field].findings
        for finding in auto.findings:
            if finding.kind != "person_name":
                continue
            if not any(k.start <= finding.start and finding.end <= k.end for k in kept):
                shown.append((field, finding.text))
    return NameCheck(tuple(shown))


def approve(
    publication: Publication,
    actor: Any,
    *,
    expected_version: int,
    name_official: bool = False,
    reason: str = "",
) -> Publication:
    """Approve the current draft: its redacted text becomes what the public may see.

    Showing a name the rules redacted is naming someone publicly: it needs the explicit
    `name_official` decision with a reason, and both are written to the audit log.
    """
    report = publication.report
    drafts = draft_redactions(publication)
    if not drafts["title"].text.strip():
        audit(actor, "case.publication.approve", report, refused=True, reason="no_title")
        raise PublishRefused("no_title", "write a short public title before approving")
    if not drafts["what_happened"].text.strip():
        audit(actor, "case.publication.approve", report, refused=True, reason="no_text")
        raise PublishRefused("no_text", "the case has no text to publish")
    reason = " ".join(reason.split())
    names = name_check(publication)
    if names.names_someone and not name_official:
        audit(actor, "case.publication.approve", report, refused=True, reason="names_someone")
        raise PublishRefused(
            "names_someone",
            "this version shows a person's name; redact it again, or tick the decision to name an "
            "official publicly and give the reason",
        )
    if name_official and not reason:
        audit(actor, "case.publication.approve", report, refused=True, reason="no_naming_reason")
        raise PublishRefused("no_naming_reason", "naming an official publicly needs a reason")
    naming = name_official and names.names_someone
    with transaction.atomic():
        publication = _save(
            publication,
            expected_version,
            approved_title=drafts["title"].text,
            approved_agency=drafts["agency"].text,
            approved_text=drafts["what_happened"].text,
            approved_redactions={name: _rows(r) for name, r in drafts.items()},
            approved_by=actor if getattr(actor, "is_authenticated", False) else None,
            approved_at=timezone.now(),
            name_official=naming,
            name_official_reason=reason if naming else "",
        )
        if naming:
            audit(
                actor,
                "case.name_official",
                report,
                reason=reason,
                names=len(names.shown),
                version=publication.version,
            )
        audit(
            actor,
            "case.publication.approve",
            report,
            version=publication.version,
            redactions={name: len(r.findings) for name, r in drafts.items()},
        )
    return publication


def counts(redactions: Mapping[str, Redaction]) -> dict[str, int]:
    return {name: len(r.findings) for name, r in redactions.items()}
