"""Publishing: only with an approved redacted version and the reporter's consent; refusals logged."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model

from sodsong.watch.models import AuditEntry, EditConflict, PublishRefused, Report, Status
from sodsong.watch.publication import editing, publishing

from .conftest import approve_and_publish, make_case

pytestmark = pytest.mark.django_db


def refusals(report: Report) -> list[str]:
    return [
        e.detail.get("reason", "")
        for e in AuditEntry.objects.filter(action="case.publish", refused=True, case_code=report.code)
    ]


def test_publish_sets_the_status_and_logs(case: Report, editor_user: Any) -> None:
    report = approve_and_publish(case, editor_user)
    assert report.status == Status.PUBLISHED and report.published_at is not None
    event = report.events.get(to_status=Status.PUBLISHED)
    assert event.public and event.actor == editor_user
    entry = AuditEntry.objects.get(action="case.publish", refused=False)
    assert entry.case_code == report.code and entry.actor == editor_user


def test_publishing_without_approval_is_refused_and_logged(case: Report, editor_user: Any) -> None:
    editing.publication_for(case)  # a draft exists, but nobody approved it
    with pytest.raises(PublishRefused, match="approved redacted version"):
        publishing.publish(case, editor_user, expected_version=case.version)
    case.refresh_from_db()
    assert case.status == Status.SCREENING and case.published_at is None
    assert refusals(case) == ["not_approved"]


def test_publishing_without_consent_is_refused(editor_user: Any) -> None:
    report = make_case(consent_publish=False)
    publication = editing.publication_for(report)
    publication = editing.set_source(publication, "title", "เรื่อง", expected_version=publication.version)
    editing.approve(publication, editor_user, expected_version=publication.version)
    with pytest.raises(PublishRefused, match="did not agree"):
        publishing.publish(report, editor_user, expected_version=report.version)
    assert refusals(report) == ["no_consent"]
    unanswered = make_case(consent_publish=None)
    with pytest.raises(PublishRefused):
        publishing.ensure_publishable(unanswered, editor_user)


def test_a_forged_status_change_anywhere_is_refused(case: Report, editor_user: Any) -> None:
    """Any code path (another lane's status form, a shell) that sets `published` meets the same rules."""
    with pytest.raises(PublishRefused):
        case.set_status(Status.PUBLISHED, actor=editor_user)
    case.refresh_from_db()
    assert case.status == Status.SCREENING and case.published_at is None
    assert refusals(case) == ["not_approved"]


def test_draft_closed_and_already_published_cases_are_refused(case: Report, editor_user: Any) -> None:
    approve_and_publish(case, editor_user)
    with pytest.raises(PublishRefused, match="already published"):
        publishing.publish(case, editor_user, expected_version=case.version)
    draft = make_case(status=Status.DRAFT)
    with pytest.raises(PublishRefused, match="unfinished"):
        publishing.ensure_publishable(draft)


def test_two_editors_publishing_at_once_the_second_gets_a_conflict(case: Report, editor_user: Any) -> None:
    other = get_user_model().objects.create_user("editor2")
    publication = editing.publication_for(case)
    publication = editing.set_source(publication, "title", "เรื่อง", expected_version=publication.version)
    editing.approve(publication, editor_user, expected_version=publication.version)
    case.refresh_from_db()
    seen = case.version
    publishing.publish(case, editor_user, expected_version=seen)
    stale = Report.objects.get(pk=case.pk)
    with pytest.raises(EditConflict, match="changed by someone else"):
        publishing.publish(stale, other, expected_version=seen)
    assert refusals(case) == ["conflict"]
    assert case.events.filter(to_status=Status.PUBLISHED).count() == 1
