"""The redaction workspace: automatic proposal, add and remove, approval, naming decisions, races."""

from __future__ import annotations

from typing import Any

import pytest

from sodsong.watch.models import AuditEntry, EditConflict, PublishRefused, Report
from sodsong.watch.publication import editing

from .conftest import CITIZEN_ID, NAME, PHONE

pytestmark = pytest.mark.django_db


def test_a_new_workspace_starts_from_the_automatic_redaction(case: Report) -> None:
    publication = editing.publication_for(case)
    drafts = editing.draft_redactions(publication)
    text = drafts["what_happened"]
    kinds = [f.kind for f in text.findings]
    assert kinds == ["person_name", "citizen_id", "phone"]
    assert CITIZEN_ID not in text.text and PHONE not in text.text and NAME not in text.text
    assert "[เลขบัตรประชาชน]" in text.text and "5,000 บาท" in text.text
    # stored as offsets only: the personal data itself is not copied into the workspace
    assert CITIZEN_ID not in str(publication.draft) and NAME not in str(publication.draft)
    assert editing.publication_for(case).pk == publication.pk


def test_add_by_phrase_and_span_then_remove(case: Report) -> None:
    publication = editing.publication_for(case)
    publication, added = editing.add_phrase(
        publication, "what_happened", "person_name", "หนองบัว", expected_version=publication.version
    )
    assert added == 1
    assert "หนองบัว" not in editing.draft_redactions(publication)["what_happened"].text
    start = case.what_happened.index("ใบอนุญาต")
    publication = editing.add_span(
        publication, "what_happened", "person_name", start, start + 8, expected_version=publication.version
    )
    redaction = editing.draft_redactions(publication)["what_happened"]
    assert "ใบอนุญาต" not in redaction.text
    index = next(i for i, f in enumerate(redaction.findings) if f.kind == "phone")
    publication = editing.remove(publication, "what_happened", index, expected_version=publication.version)
    assert PHONE in editing.draft_redactions(publication)["what_happened"].text
    publication = editing.reset_field(publication, "what_happened", expected_version=publication.version)
    assert PHONE not in editing.draft_redactions(publication)["what_happened"].text


def test_bad_edits_are_refused_with_a_reason_and_change_nothing(case: Report) -> None:
    publication = editing.publication_for(case)
    version = publication.version
    with pytest.raises(ValueError, match="outside the text"):
        editing.add_span(publication, "what_happened", "phone", 5, 10_000, expected_version=version)
    with pytest.raises(ValueError, match="overlaps"):
        start = case.what_happened.index(PHONE)
        editing.add_span(publication, "what_happened", "phone", start, start + 3, expected_version=version)
    with pytest.raises(ValueError, match="unknown kind"):
        editing.add_span(publication, "what_happened", "secret", 0, 2, expected_version=version)
    with pytest.raises(ValueError, match="not in the text"):
        editing.add_phrase(publication, "what_happened", "phone", "ไม่มีคำนี้", expected_version=version)
    with pytest.raises(IndexError):
        editing.remove(publication, "what_happened", 99, expected_version=version)
    publication.refresh_from_db()
    assert publication.version == version


def test_two_editors_the_second_gets_a_conflict(case: Report) -> None:
    first = editing.publication_for(case)
    second = editing.publication_for(case)
    editing.add_phrase(first, "what_happened", "person_name", "หนองบัว", expected_version=first.version)
    with pytest.raises(EditConflict, match="another editor"):
        editing.remove(second, "what_happened", 0, expected_version=second.version)
    second.refresh_from_db()
    assert "หนองบัว" not in editing.draft_redactions(second)["what_happened"].text


def test_approve_copies_the_redacted_text_and_logs(case: Report, editor_user: Any) -> None:
    publication = editing.publication_for(case)
    with pytest.raises(PublishRefused, match="title"):
        editing.approve(publication, editor_user, expected_version=publication.version)
    publication = editing.set_source(
        publication, "title", f"เรียกเงิน โทร {PHONE}", expected_version=publication.version
    )
    publication = editing.approve(publication, editor_user, expected_version=publication.version)
    assert publication.approved_title == "เรียกเงิน โทร [เบอร์โทรศัพท์]"
    assert CITIZEN_ID not in publication.approved_text and "[เลขบัตรประชาชน]" in publication.approved_text
    assert publication.approved_by == editor_user and publication.approved_at is not None
    assert publication.approved_redactions["what_happened"][0] == {
        "kind": "person_name",
        "start": case.what_happened.index(NAME),
        "end": case.what_happened.index(NAME) + len(NAME),
    }
    entry = AuditEntry.objects.get(action="case.publication.approve", refused=False)
    assert entry.case_code == case.code and entry.actor == editor_user
    assert NAME not in str(entry.detail)


def test_showing_a_name_needs_an_explicit_logged_decision(case: Report, editor_user: Any) -> None:
    publication = editing.publication_for(case)
    publication = editing.set_source(publication, "title", "เรียกเงิน", expected_version=publication.version)
    publication = editing.remove(publication, "what_happened", 0, expected_version=publication.version)
    assert editing.name_check(publication).shown == (("what_happened", NAME),)
    with pytest.raises(PublishRefused, match="name"):
        editing.approve(publication, editor_user, expected_version=publication.version)
    with pytest.raises(PublishRefused, match="reason"):
        editing.approve(publication, editor_user, expected_version=publication.version, name_official=True)
    assert AuditEntry.objects.filter(action="case.publication.approve", refused=True).count() == 2
    publication = editing.approve(
        publication,
        editor_user,
        expected_version=publication.version,
        name_official=True,
        reason="นายก อบต. เป็นผู้ดำรงตำแหน่งทางการเมือง ข้อเท็จจริงยืนยันจากเอกสาร",
    )
    assert NAME in publication.approved_text and publication.name_official
    decision = AuditEntry.objects.get(action="case.name_official")
    assert decision.detail["reason"].startswith("นายก อบต.") and decision.actor == editor_user


def test_a_changed_report_text_is_noticed_and_can_be_taken(case: Report) -> None:
    publication = editing.publication_for(case)
    assert not editing.is_stale(publication)
    Report.objects.filter(pk=case.pk).update(what_happened=case.what_happened + "\nเพิ่มเติม โทร 089-999-8888")
    publication = editing.publication_for(Report.objects.get(pk=case.pk))
    assert editing.is_stale(publication)
    publication = editing.take_new_text(publication, expected_version=publication.version)
    assert not editing.is_stale(publication)
    assert "089-999-8888" not in editing.draft_redactions(publication)["what_happened"].text
