"""Issue 7's "done when": a LINE report travels to a published, redacted public page with a
referral and a recorded outcome, by staff signed in with 2FA, every step audited."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sodsong.watch.models import Agency, AuditEntry, PartnerAccount, Referral, Report, Status
from sodsong.web.staff import Role
from sodsong.web.staff.testing import login_staff, make_staff
from tests.watch.intake.helpers import Citizen

pytestmark = pytest.mark.django_db


def staff(role: Role) -> Client:
    client = Client()
    login_staff(client, make_staff(f"journey-{role.value}", role))
    return client


def test_a_line_report_is_screened_referred_answered_redacted_and_published() -> None:
    citizen = Citizen(channel="line", user_key="hash-journey")
    code = citizen.full_report()
    report = Report.objects.get(code=code)
    assert report.status == Status.RECEIVED and report.consent_publish is True

    screener = staff(Role.SCREENER)
    response = screener.post(
        reverse("watch:staff-case-status", args=[code]),
        {"status": "screening", "note": "ตรวจข้อเท็จจริง", "internal": "1", "version": report.version},
    )
    assert response.status_code == 302

    nacc = Agency.objects.get(short_name="ป.ป.ช.")
    response = screener.post(
        reverse("watch:staff-referral-new", args=[code]),
        {"agency": nacc.pk, "channel": "letter", "sent_on": "๒๗/๑๑/๒๕๖๙", "reference_number": ""},
    )
    assert response.status_code == 302
    referral = Referral.objects.get(report=report)
    pdf = screener.get(reverse("watch:staff-referral-pdf", args=[code, referral.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    partner = Client()
    partner_account = make_staff("journey-nacc", Role.PARTNER)
    PartnerAccount.objects.create(user=partner_account.device.user, agency=nacc)
    login_staff(partner, partner_account)
    response = partner.post(
        reverse("watch:staff-referral", args=[code, referral.pk]),
        {
            "reference_number": "ปช 0099/2569",
            "response": "ตั้งกรรมการสอบแล้ว",
            "response_on": "",
            "outcome": "action_taken",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.AGENCY_RESPONDED

    editor = staff(Role.EDITOR)

    def version() -> int:
        report.refresh_from_db()
        return report.publication.version

    editor.get(reverse("watch:cases:editor", args=[code]))
    editor.post(
        reverse("watch:cases:edit", args=[code]),
        {"action": "source", "field": "title", "text": "เรียกรับเงินเพื่อเร่งออกโฉนด", "version": version()},
    )
    editor.post(reverse("watch:cases:approve", args=[code]), {"version": version()})
    report.refresh_from_db()
    response = editor.post(reverse("watch:cases:publish", args=[code]), {"version": report.version})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED

    public = Client().get(reverse("watch:cases:detail", args=[code])).content.decode()
    assert "เรียกรับเงินเพื่อเร่งออกโฉนด" in public
    assert "081" not in public and "234-5678" not in public  # the reporter's contact
    assert "ตรวจข้อเท็จจริง" not in public  # an internal note
    assert nacc.name_th in public  # the referral and its outcome are public, the answer text is not
    assert "ตั้งกรรมการสอบแล้ว" not in public

    actions = set(AuditEntry.objects.filter(case_code=code, refused=False).values_list("action", flat=True))
    assert {"case.status", "referral.create", "case.publish"} <= actions
    assert not AuditEntry.objects.filter(case_code=code, refused=True).exists()
