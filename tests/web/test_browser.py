"""The home page in a real Chromium: Thai renders in the bundled font, the language switch works."""

from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_in_thai_then_english(live_server: Any, page: Any, output_dir: Path) -> None:
    page.goto(live_server.url + "/")
    heading = page.locator("h1")
    assert heading.inner_text() == "ร่วมกันสอดส่องการใช้เงินภาษีของรัฐ"
    assert page.evaluate("document.documentElement.lang") == "th"
    # The Thai glyphs come from the bundled Sarabun, not a system fallback.
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px Sarabun', 'ก')")
    assert page.evaluate(
        "[...document.fonts].some(f => f.family.includes('Sarabun') && f.status === 'loaded')"
    )
    page.screenshot(path=str(output_dir / "home-th.png"), full_page=True)

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Keep watch on public money, together"
    assert page.evaluate("document.documentElement.lang") == "en"
    page.screenshot(path=str(output_dir / "home-en.png"), full_page=True)
    page.problems.assert_clean()


def test_home_on_a_phone(live_server: Any, phone_page: Any, output_dir: Path) -> None:
    phone_page.goto(live_server.url + "/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page must not scroll sideways on a phone"
    assert phone_page.get_by_role("link", name="ค้นหาโครงการจัดซื้อจัดจ้าง →").is_visible()
    phone_page.screenshot(path=str(output_dir / "home-phone.png"), full_page=True)
    phone_page.problems.assert_clean()
