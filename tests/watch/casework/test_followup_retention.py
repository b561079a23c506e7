"""Closing the loop, retention, data-subject requests, the audit viewer and the case CLI jobs."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from sodsong.cli import main
from sodsong.privacy.crypto import keyed_hash
from sodsong.watch import notify
from sodsong.watch.casework import followup, retention, subject_requests, workflow
from sodsong.watch.conversation.messages import QuickReply
from sodsong.watch.evidence import read_evidence, store_evidence
from sodsong.watch.models import (
    AuditEntry,
    Conversation,
    DataRequest,
    EventKind,
    Referral,
    Report,
    Reporter,
    Status,
)
from sodsong.watch.notify import Delivery
from sodsong.web.staff import Role

from .conftest import Scene, client_for, new_case
from .test_workflow import PNG

pytestmark = pytest.mark.django_db


def _age(referral: Referral, days: int) -> None:
    Referral.objects.filter(pk=referral.pk).update(
        sent_on=timezone.localdate() - datetime.timedelta(days=days)
    )


def test_follow_up_asks_once_after_n_weeks_with_quick_replies(scene: Scene, monkeypatch: Any) -> None:
    monkeypatch.setenv("SODSONG_FOLLOWUP_WEEKS", "4")
    sent: list[tuple[str, str, tuple[QuickReply, ...]]] = []
    monkeypatch.setitem(
        notify._SENDERS,
        "web",
        lambda r, text, replies: sent.append((r.code, text, replies)) or Delivery(True, "test"),
    )
    _age(scene.referral, 20)
    assert followup.send_followups().asked == []
    _age(scene.referral, 29)
    assert followup.send_followups(dry_run=True).asked == [scene.case.code]
    assert not sent
    run = followup.send_followups()
    assert run.asked == [scene.case.code] and run.delivered == 1
    code, text, replies = sent[0]
    assert code == scene.case.code and "เปลี่ยนแปลง" in text
    assert [r.value for r in replies] == ["followup:yes", "followup:no", "followup:not_yet"]
    assert followup.send_followups().asked == [], "asked once"
    assert scene.case.events.filter(kind=EventKind.MESSAGE_OUT).count() == 1


def test_resolved_needs_the_reporters_yes_otherwise_agency_says_resolved(
    scene: Scene, monkeypatch: Any
) -> None:
    monkeypatch.setenv("SODSONG_FOLLOWUP_WEEKS", "1")
    _age(scene.referral, 10)
    Referral.objects.filter(pk=scene.referral.pk).update(outcome="resolved")
    assert followup.agency_says_resolved(scene.case)
    page = (
        client_for(scene, Role.EDITOR)
        .get(reverse("watch:staff-case", args=[scene.case.code]))
        .content.decode()
    )
    assert "หน่วยงานแจ้งว่าแก้ไขแล้ว" in page or "Agency says resolved" in page
    editor = scene.accounts[Role.EDITOR].device.user
    with pytest.raises(workflow.Refused):
        workflow.change_status(scene.case, Status.CLOSED, user=editor, reason="resolved")
    workflow.change_status(scene.case, Status.CLOSED, user=editor, reason="agency_says_resolved")
    scene.case.refresh_from_db()
    assert scene.case.close_reason == "agency_says_resolved"


def test_the_reporters_yes_allows_resolved(scene: Scene, monkeypatch: Any) -> None:
    monkeypatch.setenv("SODSONG_FOLLOWUP_WEEKS", "1")
    _age(scene.referral, 10)
    assert followup.record_followup_answer(scene.case, "yes") is None, "not asked yet"
    followup.send_followups()
    referral = followup.record_followup_answer(scene.case, "followup:yes")
    assert referral is not None and referral.followup_answer == "yes"
    with pytest.raises(ValueError):
        followup.record_followup_answer(scene.case, "maybe")
    workflow.change_status(
        scene.case, Status.CLOSED, user=scene.accounts[Role.EDITOR].device.user, reason="resolved"
    )


def test_the_cli_runs_the_follow_up(scene: Scene, monkeypatch: Any, capsys: Any) -> None:
    monkeypatch.setenv("SODSONG_FOLLOWUP_WEEKS", "1")
    _age(scene.referral, 10)
    assert main(["cases", "follow-up", "--dry-run"]) == 0
    assert scene.case.code in capsys.readouterr().out
    assert main(["cases", "follow-up"]) == 0
    assert Referral.objects.get(pk=scene.referral.pk).followup_asked_at is not None


def _closed_case_with_everything(days_ago: int) -> tuple[Report, Path]:
    user = f"U-demo-{days_ago}"
    reporter = Reporter.objects.create(channel="line", line_user_hash=keyed_hash(user, "line-user"))
    case = new_case(channel="line", reporter=reporter)
    evidence = store_evidence(case, PNG, original_name="photo.png")
    Conversation.objects.create(channel="line", user_key=reporter.line_user_hash or "", report=case)
    case.set_status(Status.SCREENING)
    case.set_status(Status.CLOSED, reason="insufficient_evidence")
    Report.objects.filter(pk=case.pk).update(closed_at=timezone.now() - datetime.timedelta(days=days_ago))
    case.refresh_from_db()
    return case, Path(settings.DATA_DIR) / evidence.storage_name


def test_retention_deletes_files_and_identity_after_n_days_and_keeps_the_record(
    scene: Scene, monkeypatch: Any, capsys: Any
) -> None:
    monkeypatch.setenv("SODSONG_RETENTION_DAYS", "30")
    old, old_file = _closed_case_with_everything(40)
    recent, recent_file = _closed_case_with_everything(10)
    assert old_file.exists()
    assert main(["cases", "retention", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert old.code in out and recent.code not in out
    assert old_file.exists(), "a dry run deletes nothing"
    assert main(["cases", "retention"]) == 0
    old.refresh_from_db()
    assert not old_file.exists() and recent_file.exists()
    assert old.contact == "" and old.reporter is None
    assert not Conversation.objects.filter(report=old).exists()
    assert old.status == Status.CLOSED and old.what_happened, "the record stays"
    kept = old.evidence.get()
    assert kept.sha256 and kept.purged_at is not None
    with pytest.raises(FileNotFoundError):
        read_evidence(kept)
    assert recent.reporter is not None and recent.contact
    assert AuditEntry.objects.filter(action="retention.purge", case_code=old.code).exists()
    assert retention.run_retention().cases == [], "purged once"


def test_data_requests_are_verified_logged_and_handled_by_a_custodian(scene: Scene) -> None:
    reporter = Reporter.objects.create(channel="line", line_user_hash=keyed_hash("U-abc", "line-user"))
    case = new_case(channel="line", reporter=reporter)
    with pytest.raises(subject_requests.NotVerified):
        subject_requests.open_request(case.code, "export", line_user_hash=keyed_hash("U-other", "line-user"))
    with pytest.raises(subject_requests.NotVerified):
        subject_requests.open_request("AAAAAAAA", "export", contact="081-234-5678")
    with pytest.raises(subject_requests.NotVerified):
        subject_requests.open_request(case.code, "export", contact="5678")
    assert AuditEntry.objects.filter(action="data_request.export", refused=True).count() == 3
    by_line = subject_requests.open_request(case.code, "export", line_user_hash=reporter.line_user_hash)
    by_contact = subject_requests.open_request(case.code.lower(), "export", contact="๐๘๑ 234 5678")
    assert (by_line.verified_by, by_contact.verified_by) == ("line", "contact")
    web = new_case()
    code = subject_requests.issue_one_time_code(web)
    deletion = subject_requests.open_request(web.code, "delete", one_time_code=code)
    with pytest.raises(subject_requests.NotVerified):
        subject_requests.open_request(web.code, "delete", one_time_code=code)  # once only
    custodian = client_for(scene, Role.CUSTODIAN)
    listing = custodian.get(reverse("watch:staff-requests")).content.decode()
    assert case.code in listing and "081" not in listing
    export = custodian.get(reverse("watch:staff-request-export", args=[by_line.pk]))
    data = json.loads(b"".join([export.content]).decode())
    assert data["case_code"] == case.code and "081-234-5678" in data["contact"]
    assert AuditEntry.objects.filter(action="identity.export", case_code=case.code).exists()
    response = custodian.post(reverse("watch:staff-request-handle", args=[deletion.pk]), {"done": "1"})
    assert response.status_code == 302
    web.refresh_from_db()
    assert web.contact == "" and DataRequest.objects.get(pk=deletion.pk).status == "done"
    again = custodian.post(reverse("watch:staff-request-handle", args=[deletion.pk]), {"done": "1"})
    assert again.status_code == 400


def test_the_audit_viewer_filters_by_action_actor_and_case(scene: Scene) -> None:
    custodian = client_for(scene, Role.CUSTODIAN)
    custodian.get(reverse("watch:staff-case-identity", args=[scene.case.code]))
    client_for(scene, Role.PARTNER).get(reverse("watch:staff-case", args=[scene.other.code]))
    admin = client_for(scene, Role.ADMIN)
    page = admin.get(reverse("watch:staff-audit"), {"action": "identity.view"}).content.decode()
    assert scene.case.code in page and "u-custodian" in page
    page = admin.get(reverse("watch:staff-audit"), {"actor": "u-partner", "refused": "on"}).content.decode()
    rows = page.split("<tbody>")[1]
    assert scene.other.code in rows and "identity.view" not in rows
    page = admin.get(reverse("watch:staff-audit"), {"case": scene.other.code.lower()}).content.decode()
    rows = page.split("<tbody>")[1]
    assert "case.view" in rows and "identity.view" not in rows


def test_admins_edit_the_agency_directory_and_link_partner_logins(scene: Scene) -> None:
    admin = client_for(scene, Role.ADMIN)
    response = admin.post(
        reverse("watch:staff-agency-new"),
        {
            "name_th": "สำนักข่าวตัวอย่าง",
            "short_name": "ข่าว",
            "kind": "media",
            "response_days": "๓๐",
            "active": "on",
        },
    )
    assert response.status_code == 302
    bad = admin.post(reverse("watch:staff-agency-new"), {"name_th": "", "kind": "x", "response_days": "abc"})
    assert bad.status_code == 400
    page = admin.get(reverse("watch:staff-agencies")).content.decode()
    assert "สำนักข่าวตัวอย่าง" in page and "1205" in page


def test_the_reporters_quick_reply_reaches_the_case_through_the_engine(
    scene: Scene, monkeypatch: Any
) -> None:
    from sodsong.watch.conversation.engine import handle
    from sodsong.watch.conversation.messages import ConversationKey, Inbound, InboundKind

    monkeypatch.setenv("SODSONG_FOLLOWUP_WEEKS", "1")
    monkeypatch.setitem(notify._SENDERS, "line", lambda r, text, replies: Delivery(True, "test"))
    user_key = keyed_hash("U-followup", "line-user")
    reporter = Reporter.objects.create(channel="line", line_user_hash=user_key)
    Report.objects.filter(pk=scene.case.pk).update(reporter=reporter, channel="line")
    _age(scene.referral, 10)
    followup.send_followups()
    replies = handle(ConversationKey("line", user_key), Inbound(InboundKind.POSTBACK, data="followup:yes"))
    assert replies and ("หลักฐานใหม่" in replies[0].text or "new evidence" in replies[0].text)
    referral = Referral.objects.get(pk=scene.referral.pk)
    assert referral.followup_answer == "yes"
    assert scene.case.events.filter(kind=EventKind.MESSAGE_IN).exists()
    stranger = handle(
        ConversationKey("line", keyed_hash("U-x", "line-user")),
        Inbound(InboundKind.POSTBACK, data="followup:no"),
    )
    assert stranger and Referral.objects.get(pk=scene.referral.pk).followup_answer == "yes"
