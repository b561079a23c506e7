"""The web report form in a real Chromium on a phone: report with a photo, get a code, track it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from sodsong.watch.models import Report, Status
from sodsong.web.staff import Role
from sodsong.web.staff.testing import login_staff, make_staff
from tests.watch.intake.helpers import photo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def press(page: Any, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def answer(page: Any, text: str) -> None:
    page.locator("#answer-text").fill(text)
    press(page, "ถัดไป")


def test_report_on_a_phone_with_a_photo_then_track_it(
    live_server: Any, phone_page: Any, output_dir: Path, tmp_path: Path
) -> None:
    page = phone_page
    page.goto(live_server.url + "/report/")
    assert page.locator("h1").inner_text() == "แจ้งเบาะแสการทุจริต"
    press(page, "เริ่มแจ้งเรื่อง")
    assert "คำถามที่ 1 จาก 11" in page.content()
    press(page, "เรียกรับเงิน/กรรโชก")
    answer(page, "สถานีตำรวจภูธรเมืองขอนแก่น")
    answer(page, "อ.เมือง จ.ขอนแก่น")
    page.locator("#answer-text").fill("ตำรวจเรียกเงิน 2,000 บาท แลกกับไม่ออกใบสั่ง (ตัวอย่างทดสอบ)")
    page.screenshot(path=str(output_dir / "watch-report-phone-what.png"), full_page=True)
    press(page, "ถัดไป")
    answer(page, "เมื่อวาน")
    answer(page, "๒,๐๐๐ บาท")
    press(page, "ข้าม")
    picture = tmp_path / "ticket.jpg"
    picture.write_bytes(photo())
    page.locator("#answer-files").set_input_files(str(picture))
    press(page, "อัปโหลด")
    assert "ได้รับแล้ว 1 ไฟล์" in page.content()
    press(page, "เสร็จแล้ว")
    press(page, "ใช่")
    press(page, "ไม่")
    press(page, "ข้าม")
    code = page.locator("#case-code").get_attribute("data-code")
    assert code and len(code) == 8
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(output_dir / "watch-report-phone-done.png"), full_page=True)
    report = Report.objects.get(code=code)
    assert report.status == Status.RECEIVED and report.live_evidence().count() == 1

    page.get_by_role("link", name="ติดตามเรื่องนี้").click()
    page.wait_for_load_state()
    assert page.locator("#code").input_value() == code
    press(page, "ดูสถานะ")
    assert page.locator("#status").inner_text() == "รับเรื่องแล้ว"
    page.locator("#more-text").fill("จำทะเบียนรถได้ด้วยครับ")
    press(page, "ส่ง")
    assert "เพิ่มข้อความในเรื่องแล้ว" in page.content()
    page.screenshot(path=str(output_dir / "watch-track-phone.png"), full_page=True)
    page.problems.assert_clean()


def test_staff_simulator_on_a_phone(
    live_server: Any, phone_page: Any, output_dir: Path, tmp_path: Path
) -> None:
    client = Client()
    login_staff(client, make_staff("sim-phone", Role.SCREENER))
    page = phone_page
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(live_server.url + "/watch/simulator/")
    assert page.locator("h1").inner_text() == "จำลองแชต"
    press(page, "เพิ่มเพื่อน")
    assert "ความเป็นส่วนตัว" in page.locator("#chat").inner_text()
    press(page, "แจ้งเรื่อง")
    press(page, "รับ/ติดสินบน")
    page.locator("#sim-text").fill("ข้าม")
    press(page, "ส่ง")
    picture = tmp_path / "p.jpg"
    picture.write_bytes(photo())
    page.locator("#sim-files").set_input_files(str(picture))
    press(page, "ส่ง")
    assert "ได้รับไฟล์แล้ว" in page.locator("#chat").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(output_dir / "watch-simulator-phone.png"), full_page=True)
    report = Report.objects.get(channel="simulator")
    assert report.category == "bribery" and report.live_evidence().count() == 1
    press(page, "รีเซ็ต (ผู้แจ้งคนใหม่)")
    assert "ยังไม่มีข้อความ" in page.content()
    page.problems.assert_clean()
