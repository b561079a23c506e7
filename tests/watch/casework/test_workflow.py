"""Screening: transitions per role as data, forged statuses, edit races, asking for information, merging."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from sodsong.watch import notify
from sodsong.watch.casework import workflow
from sodsong.watch.casework.inbox import filter_cases, overdue_cases
from sodsong.watch.conversation.messages import QuickReply
from sodsong.watch.evidence import store_evidence
from sodsong.watch.models import AuditEntry, CaseEvent, EventKind, Referral, Report, Status
from sodsong.watch.notify import Delivery
from sodsong.web.staff import Role

from .conftest import Scene, client_for, new_case

pytestmark = pytest.mark.django_db

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000"
    "1ff89993d1d0000000049454e44ae426082"
)


def test_transitions_are_data_and_the_form_offers_only_those(scene: Scene) -> None:
    screener = scene.accounts[Role.SCREENER].device.user
    fresh = new_case()
    assert workflow.allowed_targets(fresh, screener) == [
        Status.SCREENING,
        Status.NEED_INFO,
        Status.REFERRED,
        Status.CLOSED,
    ]
    assert Status.PUBLISHED not in {t.target for t in workflow.TRANSITIONS}, (
        "only the publication screens publish"
    )
    page = (
        client_for(scene, Role.SCREENER).get(reverse("watch:staff-case", args=[fresh.code])).content.decode()
    )
    assert 'value="screening"' in page and 'value="agency_responded"' not in page
    partner = scene.accounts[Role.PARTNER].device.user
    assert workflow.allowed_targets(fresh, partner) == []


def test_a_status_change_is_an_event_with_actor_note_and_visibility_and_is_audited(scene: Scene) -> None:
    fresh = new_case()
    client = client_for(scene, Role.SCREENER)
    response = client.post(
        reverse("watch:staff-case-status", args=[fresh.code]),
        {"status": "screening", "note": "ตรวจสอบข้อเท็จจริง", "internal": "1", "version": "๑"},
    )
    assert response.status_code == 302
    fresh.refresh_from_db()
    assert fresh.status == Status.SCREENING
    event = fresh.events.get(kind=EventKind.STATUS, to_status=Status.SCREENING)
    assert event.actor == scene.accounts[Role.SCREENER].device.user
    assert event.note == "ตรวจสอบข้อเท็จจริง" and not event.public
    assert AuditEntry.objects.filter(action="case.status", case_code=fresh.code, refused=False).exists()
    page = client.get(reverse("watch:staff-case", args=[fresh.code])).content.decode()
    assert "ตรวจสอบข้อเท็จจริง" in page


def test_a_forged_status_is_refused_and_logged(scene: Scene) -> None:
    fresh = new_case()
    client = client_for(scene, Role.SCREENER)
    for forged in ("published", "agency_responded", "nonsense"):
        response = client.post(
            reverse("watch:staff-case-status", args=[fresh.code]),
            {"status": forged, "version": fresh.version},
        )
        assert response.status_code == 403
        assert "not allowed" in response.content.decode() or "ไม่อนุญาต" in response.content.decode()
    fresh.refresh_from_db()
    assert fresh.status == Status.RECEIVED
    assert AuditEntry.objects.filter(action="case.status", case_code=fresh.code, refused=True).count() == 3


def test_the_second_of_two_staff_editing_at_once_gets_a_clear_conflict(scene: Scene) -> None:
    fresh = new_case()
    version = fresh.version
    first = client_for(scene, Role.SCREENER)
    second = client_for(scene, Role.EDITOR)
    url = reverse("watch:staff-case-status", args=[fresh.code])
    assert first.post(url, {"status": "screening", "version": version}).status_code == 302
    response = second.post(url, {"status": "closed", "reason": "not_corruption", "version": version})
    assert response.status_code == 409
    assert "Reload" in response.content.decode() or "โหลด" in response.content.decode()
    fresh.refresh_from_db()
    assert fresh.status == Status.SCREENING


def test_closing_needs_a_reason_and_resolved_needs_the_reporters_confirmation(scene: Scene) -> None:
    editor = scene.accounts[Role.EDITOR].device.user
    case = scene.case
    with pytest.raises(workflow.Refused):
        workflow.change_status(case, Status.CLOSED, user=editor)
    with pytest.raises(workflow.Refused, match="หน่วยงานแจ้งว่าแก้ไขแล้ว"):
        workflow.change_status(case, Status.CLOSED, user=editor, reason="resolved")
    Referral.objects.filter(pk=scene.referral.pk).update(followup_answer="yes")
    workflow.change_status(case, Status.CLOSED, user=editor, reason="resolved")
    case.refresh_from_db()
    assert case.close_reason == "resolved"


def test_resolved_with_new_evidence_after_the_referral(scene: Scene) -> None:
    editor = scene.accounts[Role.EDITOR].device.user
    store_evidence(scene.case, PNG, original_name="after.png")
    workflow.change_status(scene.case, Status.CLOSED, user=editor, reason="resolved")


def test_asking_for_more_information_sends_the_question_and_the_answer_shows(
    scene: Scene, monkeypatch: Any
) -> None:
    sent: list[tuple[str, str, tuple[QuickReply, ...]]] = []

    def sender(report: Report, text: str, replies: tuple[QuickReply, ...]) -> Delivery:
        sent.append((report.code, text, replies))
        return Delivery(True, "line-push")

    monkeypatch.setitem(notify._SENDERS, "line", sender)  # the LINE lane's sender, stood in for
    case = new_case(channel="line")
    client = client_for(scene, Role.SCREENER)
    response = client.post(
        reverse("watch:staff-case-ask", args=[case.code]),
        {"question": "ช่วยส่งรูปใบเสร็จเพิ่มเติมได้ไหมคะ", "version": case.version},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.NEED_INFO
    assert sent == [(case.code, "ช่วยส่งรูปใบเสร็จเพิ่มเติมได้ไหมคะ", ())]
    assert case.events.filter(kind=EventKind.MESSAGE_OUT, note__contains="ใบเสร็จ").exists()
    # The intake engine attaches the reporter's answer as a MESSAGE_IN event: it shows on the case.
    case.record(EventKind.MESSAGE_IN, note="ส่งรูปแล้วค่ะ")
    page = client.get(reverse("watch:staff-case", args=[case.code])).content.decode()
    assert "ส่งรูปแล้วค่ะ" in page and "ใบเสร็จ" in page


def test_web_reports_get_the_question_on_their_track_page(scene: Scene) -> None:
    case = new_case(channel="web")
    workflow.ask_for_info(case, "ขอทราบวันที่เกิดเหตุ", user=scene.accounts[Role.SCREENER].device.user)
    assert CaseEvent.objects.filter(report=case, kind=EventKind.MESSAGE_OUT, note="ขอทราบวันที่เกิดเหตุ").exists()


def test_merging_a_duplicate_keeps_its_evidence_and_events_visible(scene: Scene) -> None:
    kept = new_case("ถนนทรุดหลังสร้างเสร็จ 3 เดือน")
    duplicate = new_case("ถนนเส้นเดียวกันทรุด ผู้รับเหมาทิ้งงาน")
    store_evidence(duplicate, PNG, original_name="road.png")
    client = client_for(scene, Role.SCREENER)
    response = client.post(
        reverse("watch:staff-case-merge", args=[duplicate.code]),
        {"into": kept.code.lower(), "version": duplicate.version},
    )
    assert response.status_code == 302 and response["Location"].endswith(f"/{kept.code}/")
    duplicate.refresh_from_db()
    assert duplicate.status == Status.CLOSED and duplicate.close_reason == "duplicate"
    assert duplicate.casefile.merged_into == kept
    page = client.get(reverse("watch:staff-case", args=[kept.code])).content.decode()
    assert duplicate.evidence.get().sha256 in page
    assert duplicate.code in page
    again = client.post(reverse("watch:staff-case-merge", args=[kept.code]), {"into": kept.code})
    assert again.status_code == 400


def test_assign_label_search_and_filters(scene: Scene) -> None:
    client = client_for(scene, Role.EDITOR)
    case = new_case("ขอเงินใต้โต๊ะ ๓,๐๐๐ บาท ที่สำนักงานที่ดิน", agency_text="สำนักงานที่ดินจังหวัดขอนแก่น")
    screener = scene.accounts[Role.SCREENER].device.user
    client.post(reverse("watch:staff-case-assign", args=[case.code]), {"assignee": screener.pk})
    client.post(reverse("watch:staff-case-labels", args=[case.code]), {"name": "  ที่ดิน  "})
    case.refresh_from_db()
    assert case.casefile.assignee == screener
    label = case.casefile.labels.get()
    assert label.name == "ที่ดิน"
    cases = Report.objects.all()
    assert list(filter_cases(cases, {"q": "ที่ดิน"})) == [case]
    assert list(filter_cases(cases, {"q": case.code.lower()})) == [case]
    assert list(filter_cases(cases, {"label": label})) == [case]
    assert list(filter_cases(cases, {"assignee": screener})) == [case]
    assert set(filter_cases(cases, {"category": "extortion", "province": "TH40"})) >= {case}
    assert not filter_cases(cases, {"channel": "line"}).filter(pk=case.pk).exists()
    page = client.get(reverse("watch:staff-inbox"), {"q": "สำนักงานที่ดิน"}).content.decode()
    assert case.code in page and scene.other.code not in page
    bad = client.post(reverse("watch:staff-case-assign", args=[case.code]), {"assignee": "๙๙๙"})
    assert bad.status_code == 400


def test_the_inbox_shows_what_is_overdue(scene: Scene, monkeypatch: Any) -> None:
    monkeypatch.setenv("SODSONG_SCREENING_SLA_DAYS", "3")
    late = new_case()
    Report.objects.filter(pk=late.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=5))
    Referral.objects.filter(pk=scene.referral.pk).update(
        response_due=timezone.localdate() - datetime.timedelta(days=1)
    )
    overdue = set(overdue_cases(Report.objects.all()))
    assert late in overdue and scene.case in overdue and scene.other not in overdue
    page = client_for(scene, Role.SCREENER).get(reverse("watch:staff-inbox")).content.decode()
    assert late.code in page.split('id="overdue-h"')[1].split("</section>")[0]
    filtered = (
        client_for(scene, Role.SCREENER).get(reverse("watch:staff-inbox"), {"overdue": "on"}).content.decode()
    )
    assert scene.other.code not in filtered
