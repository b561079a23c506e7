"""In a real Chromium: a screener signs in with a password and a one-time code, screens a case,
asks the reporter for more information, sees the answer, refers the case and downloads the letter."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from sodsong.watch.models import AuditEntry, EventKind, Referral, Report, Status
from sodsong.web.staff import Role
from sodsong.web.staff.testing import make_staff, sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _case() -> Report:
    report = Report.objects.create(
        channel="web",
        category="extortion",
        what_happened="เจ้าหน้าที่เรียกเงิน 5,000 บาท เพื่อออกใบอนุญาตก่อสร้าง",
        agency_text="องค์การบริหารส่วนตำบลหนองบัว",
        province_code="TH40",
        contact="โทร 081-234-5678",
    )
    report.submit()
    return report


def test_a_screener_screens_asks_and_refers_with_a_pdf_letter(
    live_server: Any, page: Any, output_dir: Path, agency_directory: None
) -> None:
    report = _case()
    account = make_staff("screener-browser", Role.SCREENER)
    case_path = f"/staff/cases/{report.code}/"
    sign_in_browser(page, live_server.url, account, case_path)
    assert page.url.endswith(case_path), page.url
    assert "081-234-5678" not in page.content(), "the contact needs a custodian"

    page.locator("#id_status").select_option("screening")
    page.locator("#id_note").fill("เริ่มตรวจสอบข้อเท็จจริง")
    page.get_by_role("button", name="เปลี่ยนสถานะ").click()
    page.wait_for_load_state()
    assert "เริ่มตรวจสอบข้อเท็จจริง" in page.locator(".timeline").inner_text()

    page.locator("#id_question").fill("ช่วยบอกวันที่เกิดเหตุได้ไหมคะ")
    page.get_by_role("button", name="ส่งคำถาม").click()
    page.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == Status.NEED_INFO
    report.record(EventKind.MESSAGE_IN, note="เกิดเมื่อวันที่ ๓ พฤศจิกายน")  # what the intake engine does
    page.reload()
    assert "เกิดเมื่อวันที่ ๓ พฤศจิกายน" in page.locator(".timeline").inner_text()
    page.screenshot(path=str(output_dir / "casework-case.png"), full_page=True)

    page.locator("summary", has_text="ส่งต่อหน่วยงาน").click()
    page.locator("#id_agency").select_option(label="ป.ป.ช. สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ")
    page.locator("#id_sent_on").fill("๒๗/๑๑/๒๕๖๙")
    page.get_by_role("button", name="บันทึกการส่งต่อ").click()
    page.wait_for_load_state()
    referral = Referral.objects.get(report=report)
    report.refresh_from_db()
    assert report.status == Status.REFERRED and not referral.include_identity
    with page.expect_download() as download_info:
        page.get_by_role("link", name="หนังสือ (PDF)").first.click()
    data = Path(download_info.value.path()).read_bytes()
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    assert "หนังสือส่งต่อเรื่องร้องเรียน" in text and report.code in text
    assert "081-234-5678" not in text
    assert AuditEntry.objects.filter(action="referral.letter", case_code=report.code).exists()
    assert not page.problems.console_errors, page.problems.console_errors  # CSP violations among them
    # A download ends its navigation as "aborted" in Chromium; nothing else may fail.
    assert [r for r in page.problems.failed_requests if "letter.pdf" not in r] == []
