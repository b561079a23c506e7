"""The explorer journey in a real Chromium, on a phone and on a desktop, with screenshots.

Search a Thai keyword, keep only flagged projects, open a flagged project, read a flag's
evidence, open the winner, then one of its co-bidders.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.procurement.explorer.sample import KORAT, PROJECTS, SILATHONG, UDON

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _journey(live_server: Any, page: Any, output_dir: Path, device: str) -> None:
    shots = output_dir / "explorer"
    shots.mkdir(parents=True, exist_ok=True)
    page.goto(live_server.url + "/procurement/")
    page.screenshot(path=str(shots / f"{device}-1-home.png"), full_page=True)
    page.fill("#q", "ถนนคอนกรีต")
    page.get_by_role("button", name="ค้นหา", exact=True).click()
    page.wait_for_load_state()
    assert "ถนนคอนกรีต" in page.url or "%E0%B8%96" in page.url
    assert page.locator(".result").count() == 2
    page.screenshot(path=str(shots / f"{device}-2-search.png"), full_page=True)

    page.locator("details.filters summary").click()
    page.check("input[name=flagged]")
    page.get_by_role("button", name="ใช้ตัวกรอง").click()
    page.wait_for_load_state()
    assert "flagged=1" in page.url
    assert page.locator(".result .flag").count() >= 1
    page.screenshot(path=str(shots / f"{device}-3-flagged.png"), full_page=True)

    page.locator(f'a.result-title[href$="{PROJECTS["road"]}"]').click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 5")
    evidence = page.locator("#flag-TH-NEAR-REF")
    assert "เสนอราคาใกล้ราคากลาง" in evidence.inner_text()
    assert "reference_price" in evidence.locator("details.evidence").inner_text()
    assert "เป็นเพียงการระบุความเสี่ยงเท่านั้น" in evidence.inner_text()
    page.screenshot(path=str(shots / f"{device}-4-project.png"), full_page=True)

    page.locator(f'tr.outcome-winner a[href$="{SILATHONG}"]').first.click()
    page.wait_for_load_state()
    assert "บริษัท ศิลาทองก่อสร้าง จำกัด" in page.locator("h1").inner_text()
    assert page.locator("svg.network").is_visible()
    page.screenshot(path=str(shots / f"{device}-5-winner.png"), full_page=True)

    page.locator(f'table a[href$="{KORAT}"], table a[href$="{UDON}"]').first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() in {"ห้างหุ้นส่วนจำกัด โคราชรุ่งเรืองการโยธา", "บริษัท อุดรคอนกรีต จำกัด"}
    page.screenshot(path=str(shots / f"{device}-6-cobidder.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    assert width <= viewport + 1, "no sideways scrolling"
    page.problems.assert_clean()


def test_journey_on_a_phone(live_server: Any, phone_page: Any, output_dir: Path, explorer: Path) -> None:
    _journey(live_server, phone_page, output_dir, "phone")


def test_journey_on_a_desktop_in_english(
    live_server: Any, page: Any, output_dir: Path, explorer: Path
) -> None:
    _journey(live_server, page, output_dir, "desktop")
    page.goto(live_server.url + "/procurement/search?q=%E0%B8%96%E0%B8%99%E0%B8%99&lang=en")
    assert page.locator("nav.tabs").inner_text().startswith("Projects")
    page.screenshot(path=str(output_dir / "explorer" / "desktop-7-english.png"), full_page=True)
