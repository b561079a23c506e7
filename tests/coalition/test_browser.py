"""In a real Chromium on a phone: log an activity, see the dashboard change, download the report."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from pypdf import PdfReader

from sodsong.coalition.models import (
    Activity,
    ActivityOrganisation,
    ActivityType,
    Organisation,
    Sector,
    Strategy,
)
from sodsong.web.staff import Role

from .conftest import login, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, live_server: Any, role: Role = Role.COALITION_STAFF) -> None:
    """A verified staff session (password and second factor done), handed to the browser as a cookie."""
    client = login(Client(), make_user("phone-staff", role))
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def stat(page: Any, label: str) -> int:
    text = page.locator(".stat", has_text=label).first.locator("b").inner_text()
    return int(text.replace(",", ""))


def test_log_an_activity_on_a_phone_and_report_it(
    live_server: Any, phone_page: Any, output_dir: Path
) -> None:
    partner = Organisation.objects.create(name_th="สถาบันพระปกเกล้า", sector=Sector.ACADEMIC)
    earlier = Activity.objects.create(
        title="ประชุมภาคีเครือข่าย",
        activity_type=ActivityType.MEETING,
        start_date=datetime.date(2023, 2, 1),
        strategy=Strategy.objects.get(number=4),
    )
    ActivityOrganisation.objects.create(activity=earlier, organisation=partner)
    page = phone_page
    sign_in(page, live_server)

    page.goto(f"{live_server.url}/coalition/dashboard/?period=2566H1")
    meetings_before = stat(page, "การประชุม")
    people_before = stat(page, "ประชาชนที่เข้ามามีส่วนร่วม")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.goto(f"{live_server.url}/coalition/staff/")
    page.get_by_role("link", name="+ บันทึกกิจกรรม").first.click()
    page.get_by_label("ชื่อกิจกรรม").fill("ประชุมหารือแผนงานกับสถาบันพระปกเกล้า")
    page.get_by_label("ประเภท").select_option("meeting")
    page.get_by_label("วันที่").fill("๑๕/๐๓/๒๕๖๖")
    page.get_by_label("กลยุทธ์").select_option(label="4. การสนับสนุนความร่วมมือกับภาคีเครือข่ายให้เกิดผลลัพธ์เป็นรูปธรรม")
    page.screenshot(path=str(output_dir / "coalition-log-activity-phone.png"), full_page=True)
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "ประชุมหารือแผนงานกับสถาบันพระปกเกล้า"
    assert "15 มีนาคม 2566" in page.content()

    page.locator("#participants").get_by_label("ชื่อ").fill("นายทดสอบ ระบบดี")
    page.locator("#participants").get_by_label("องค์กร").select_option(label="สถาบันพระปกเกล้า")
    page.get_by_role("button", name="เพิ่มผู้เข้าร่วม").click()
    page.wait_for_load_state()
    assert "นายทดสอบ ระบบดี" in page.locator("#participants").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(output_dir / "coalition-activity-phone.png"), full_page=True)

    page.goto(f"{live_server.url}/coalition/dashboard/?period=2566H1")
    assert stat(page, "การประชุม") == meetings_before + 1
    assert stat(page, "ประชาชนที่เข้ามามีส่วนร่วม") == people_before + 1
    page.screenshot(path=str(output_dir / "coalition-dashboard-phone.png"), full_page=True)

    # Drill down from the figure to the records behind it.
    page.locator(".stat", has_text="การประชุม").first.locator("a").click()
    page.wait_for_load_state()
    assert "ประชุมหารือแผนงานกับสถาบันพระปกเกล้า" in page.locator(".records").inner_text()

    page.goto(f"{live_server.url}/coalition/dashboard/?period=2566H1")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="รายงาน PDF").click()
    download = download_info.value
    assert download.suggested_filename == "coalition-report-2566H1.pdf"
    pdf = Path(download.path()).read_bytes()
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "ประการแรก" in text and "การประชุม2ครั้ง" in text
    assert not page.problems.console_errors
    # A link that downloads ends its navigation as "aborted"; nothing else may fail.
    assert [r for r in page.problems.failed_requests if "/report/2566H1/pdf/" not in r] == []


def test_the_public_coalition_pages_on_a_phone(live_server: Any, phone_page: Any, output_dir: Path) -> None:
    Organisation.objects.create(name_th="เทใจดอทคอม", sector=Sector.PRIVATE)
    phone_page.goto(f"{live_server.url}/coalition/partners/")
    assert "เทใจดอทคอม" in phone_page.content()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_page.screenshot(path=str(output_dir / "coalition-partners-phone.png"), full_page=True)
    phone_page.problems.assert_clean()
