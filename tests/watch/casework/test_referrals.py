"""Referrals: identity only with consent for that referral, the Thai letter with hashes, identity views."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from sodsong.watch.casework import referrals
from sodsong.watch.casework.letter import referral_letter
from sodsong.watch.casework.workflow import Refused
from sodsong.watch.evidence import store_evidence
from sodsong.watch.models import Agency, AuditEntry, CaseProjectLink, Referral, Status
from sodsong.web.staff import Role

from .conftest import Scene, client_for, new_case
from .test_workflow import PNG

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_the_agency_directory_is_seeded_with_the_spec_agencies(db: None) -> None:
    hotlines = dict(Agency.objects.values_list("short_name", "hotline"))
    assert hotlines["ป.ป.ช."] == "1205" and hotlines["ป.ป.ท."] == "1206"
    assert hotlines["ศูนย์ดำรงธรรม"] == "1567" and hotlines["สปน. 1111"] == "1111"
    names = " ".join(Agency.objects.values_list("name_th", flat=True))
    for expected in ("สำนักงานการตรวจเงินแผ่นดิน", "ผู้ตรวจการแผ่นดิน", "ศูนย์ปฏิบัติการต่อต้านการทุจริต", "สื่อมวลชน"):
        assert expected in names


def test_a_referral_moves_the_case_sets_a_deadline_and_is_audited(scene: Scene) -> None:
    case = new_case()
    client = client_for(scene, Role.SCREENER)
    response = client.post(
        reverse("watch:staff-referral-new", args=[case.code]),
        {
            "agency": scene.other_agency.pk,
            "channel": "letter",
            "sent_on": "๒๗/๑๑/๒๕๖๙",
            "reference_number": "",
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get(report=case)
    assert referral.sent_on == datetime.date(2026, 11, 27)
    assert referral.response_due == datetime.date(2026, 11, 27) + datetime.timedelta(days=60)
    case.refresh_from_db()
    assert case.status == Status.REFERRED
    assert AuditEntry.objects.filter(action="referral.create", case_code=case.code).exists()


def test_identity_without_consent_is_refused_with_a_clear_message_and_logged(scene: Scene) -> None:
    case = new_case()
    client = client_for(scene, Role.EDITOR)
    response = client.post(
        reverse("watch:staff-referral-new", args=[case.code]),
        {"agency": scene.agency.pk, "channel": "letter", "sent_on": "2026-11-27", "include_identity": "on"},
    )
    assert response.status_code == 403
    assert "consent" in response.content.decode() or "ยินยอม" in response.content.decode()
    assert not Referral.objects.filter(report=case).exists(), "nothing half-written"
    assert AuditEntry.objects.filter(action="referral.identity", case_code=case.code, refused=True).exists()
    # Nor can it be switched on later without consent, even by a custodian.
    custodian = scene.accounts[Role.CUSTODIAN].device.user
    with pytest.raises(Refused):
        referrals.set_include_identity(scene.referral, True, user=custodian)
    # Consent is recorded per referral, by a custodian only.
    editor = scene.accounts[Role.EDITOR].device.user
    with pytest.raises(Refused):
        referrals.record_consent(scene.referral, user=editor, note="LINE 27/11")
    referrals.record_consent(scene.referral, user=custodian, note="ตอบยินยอมทาง LINE 27 พ.ย. 2569")
    with pytest.raises(Refused):
        referrals.set_include_identity(scene.referral, True, user=editor)
    referrals.set_include_identity(scene.referral, True, user=custodian)
    other = Referral.objects.create(report=scene.case, agency=scene.other_agency)
    assert not other.identity_consent, "consent for one agency is not consent for another"


def test_the_letter_is_thai_with_the_evidence_hashes_and_the_procurement_data(scene: Scene) -> None:
    case = scene.case
    evidence = store_evidence(case, PNG, original_name="receipt.png")
    CaseProjectLink.objects.create(
        report=case,
        process_id="65057360721",
        title="ซื้ออากาศยานไร้คนขับ",
        agency_name="กรมอุทยานแห่งชาติ สัตว์ป่า และพันธุ์พืช",
        budget=5_000_000,
        flags=["single_bidder"],
        confirmed=True,
    )
    data = referral_letter(scene.referral, user=scene.accounts[Role.EDITOR].device.user)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "หนังสือส่งต่อเรื่องร้องเรียน" in text
    assert "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ" in text
    assert "เจ้าหน้าที่เรียกเงิน" in text
    compact = text.replace("\n", "").replace(" ", "")
    assert evidence.sha256 in compact
    assert "65057360721" in text and "5,000,000.00" in text
    assert "081-234-5678" not in text, "no identity without consent"
    assert b"Sarabun" in data
    assert AuditEntry.objects.filter(action="referral.letter", case_code=case.code).exists()


def test_the_letter_carries_the_contact_only_with_consent_and_the_export_is_audited(scene: Scene) -> None:
    custodian = scene.accounts[Role.CUSTODIAN].device.user
    referrals.record_consent(scene.referral, user=custodian, note="ยินยอมทางโทรศัพท์")
    referrals.set_include_identity(scene.referral, True, user=custodian)
    response = client_for(scene, Role.SCREENER).get(
        reverse("watch:staff-referral-pdf", args=[scene.case.code, scene.referral.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "081-234-5678" in pdf_text(response.content)
    assert AuditEntry.objects.filter(action="identity.export", case_code=scene.case.code).exists()


def test_revealing_the_contact_needs_a_custodian_and_is_audited(scene: Scene) -> None:
    url = reverse("watch:staff-case-identity", args=[scene.case.code])
    assert client_for(scene, Role.SCREENER).get(url).status_code == 403
    assert AuditEntry.objects.filter(action="staff.denied", refused=True).exists()
    response = client_for(scene, Role.CUSTODIAN).get(url)
    assert response.status_code == 200 and "081-234-5678" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    entry = AuditEntry.objects.get(action="identity.view", refused=False)
    assert entry.actor == scene.accounts[Role.CUSTODIAN].device.user
    assert "081" not in str(entry.detail)


def test_an_agency_response_moves_the_case_and_a_partner_can_record_it(scene: Scene) -> None:
    client = client_for(scene, Role.PARTNER)
    url = reverse("watch:staff-referral", args=[scene.case.code, scene.referral.pk])
    response = client.post(
        url,
        {
            "reference_number": "ปช 0012/2569",
            "response": "รับเรื่องไว้ตรวจสอบ",
            "response_on": "",
            "outcome": "investigating",
        },
    )
    assert response.status_code == 302
    scene.referral.refresh_from_db()
    assert scene.referral.response_on is not None and scene.referral.outcome == "investigating"
    scene.case.refresh_from_db()
    assert scene.case.status == Status.AGENCY_RESPONDED
    other = Referral.objects.create(report=scene.case, agency=scene.other_agency)
    refused = client.get(reverse("watch:staff-referral", args=[scene.case.code, other.pk]))
    assert refused.status_code == 403
    bad = client_for(scene, Role.EDITOR).post(url, {"response_on": "31/02/2569", "outcome": "pending"})
    assert bad.status_code == 400
