from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from sodsong.watch.codes import ALPHABET, CODE_LENGTH, new_case_code, normalise_case_code
from sodsong.watch.models import CaseEvent, EditConflict, EventKind, Publication, Report, Status

pytestmark = pytest.mark.django_db


def test_case_codes_are_short_unambiguous_and_forgiving_to_type() -> None:
    codes = {new_case_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(len(c) == CODE_LENGTH and set(c) <= set(ALPHABET) for c in codes)
    assert not set("01258OILZSB") & set(ALPHABET)
    code = "AC34-RT9X"
    assert normalise_case_code(" ac34 rt9x ") == "AC34RT9X"
    assert normalise_case_code(code) == "AC34RT9X"
    assert normalise_case_code("๓๔๖๗ACDE") == "3467ACDE"
    assert normalise_case_code("AC34RT90") is None  # 0 is not in the alphabet: not a code
    assert normalise_case_code("AC34") is None


def test_a_draft_becomes_received_once_with_a_public_event() -> None:
    report = Report.objects.create(channel="web", category="bribery", what_happened="x")
    assert report.status == Status.DRAFT and report.submitted_at is None
    report.submit()
    report.submit()
    report.refresh_from_db()
    assert report.status == Status.RECEIVED and report.submitted_at is not None
    events = list(report.events.all())
    assert [(e.kind, e.to_status, e.public) for e in events] == [(EventKind.SUBMITTED, Status.RECEIVED, True)]


def test_status_changes_are_events_with_actor_and_version() -> None:
    user = get_user_model().objects.create_user("screener1")
    report = Report.objects.create(channel="line", status=Status.RECEIVED)
    event = report.set_status(Status.SCREENING, actor=user, note="checking", public=False)
    assert (event.from_status, event.to_status, event.actor, event.public) == (
        Status.RECEIVED,
        Status.SCREENING,
        user,
        False,
    )
    assert report.status == Status.SCREENING and report.version == 2
    with pytest.raises(ValueError, match="did not agree to publication"):  # the publication rules
        report.set_status(Status.PUBLISHED)
    Report.objects.filter(pk=report.pk).update(consent_publish=True)
    report.refresh_from_db()
    Publication.objects.create(report=report, approved_at=timezone.now())
    report.set_status(Status.PUBLISHED)
    assert report.published_at is not None
    with pytest.raises(ValueError, match="needs a reason"):
        report.set_status(Status.CLOSED)
    with pytest.raises(ValueError, match="unknown status"):
        report.set_status("hacked")
    report.set_status(Status.CLOSED, reason="not_corruption")
    assert report.closed_at is not None and report.close_reason == "not_corruption"


def test_a_stale_edit_is_refused_and_changes_nothing() -> None:
    report = Report.objects.create(channel="web", status=Status.RECEIVED)
    first = Report.objects.get(pk=report.pk)
    second = Report.objects.get(pk=report.pk)
    first.set_status(Status.SCREENING, expected_version=1)
    with pytest.raises(EditConflict, match="changed by someone else"):
        second.set_status(Status.NEED_INFO, expected_version=1)
    report.refresh_from_db()
    assert report.status == Status.SCREENING
    assert CaseEvent.objects.filter(report=report).count() == 1


def test_contact_details_are_encrypted_in_the_database() -> None:
    from django.db import connection

    report = Report.objects.create(channel="web", contact="โทร 081-234-5678")
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact FROM watch_report WHERE id = %s", [report.pk])
        stored = cursor.fetchone()[0]
    assert "081" not in stored and stored.startswith("gAAAA")
    assert Report.objects.get(pk=report.pk).contact == "โทร 081-234-5678"


def test_the_audit_log_is_append_only() -> None:
    from sodsong.watch.audit import audit
    from sodsong.watch.models import AuditEntry, AuditLogIsAppendOnly

    report = Report.objects.create(channel="web")
    entry = audit(None, "case.publish", report, note="approved")
    assert (entry.case_code, entry.detail) == (report.code, {"note": "approved"})
    entry.action = "changed"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    assert AuditEntry.objects.get().action == "case.publish"


def test_a_message_to_a_web_reporter_waits_on_the_track_page() -> None:
    from sodsong.watch.notify import notify_reporter

    report = Report.objects.create(channel="web", status=Status.NEED_INFO)
    event, delivery = notify_reporter(report, "ขอรูปถ่ายเพิ่มเติม")
    assert (delivery.delivered, delivery.how) == (False, "track-page")
    assert (event.kind, event.note) == (EventKind.MESSAGE_OUT, "ขอรูปถ่ายเพิ่มเติม")
