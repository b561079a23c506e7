"""In a real Chromium: an editor signs in with a password and a one-time code, redacts a case,
approves and publishes it; the public page shows only the redacted text and the timeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sodsong.watch.models import AuditEntry, Status
from sodsong.web.staff import Role
from sodsong.web.staff.testing import make_staff, sign_in_browser

from .conftest import SECRETS, make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, live_server: Any, next_path: str) -> None:
    account = make_staff("editor-browser", Role.EDITOR)
    sign_in_browser(page, live_server.url, account, next_path)


def select_in_original(page: Any, field: str, phrase: str) -> None:
    """Select `phrase` in the original text as a mouse would, so the page script fills the offsets."""
    page.evaluate(
        """([field, phrase]) => {
            const box = document.querySelector(`.redact-text.original[data-field="${field}"]`);
            const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const at = walker.currentNode.nodeValue.indexOf(phrase);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(walker.currentNode, at);
                    range.setEnd(walker.currentNode, at + phrase.length);
                    const sel = window.getSelection();
                    sel.removeAllRanges();
                    sel.addRange(range);
                    box.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
                    return;
                }
            }
            throw new Error("phrase not found");
        }""",
        [field, phrase],
    )


def test_editor_redacts_and_publishes_then_the_public_sees_only_redacted_text(
    live_server: Any, page: Any, phone_page: Any, output_dir: Path
) -> None:
    report = make_case()
    editor_path = f"/staff/publication/{report.code}/"
    sign_in(page, live_server, editor_path)
    assert page.url.endswith(editor_path), page.url
    section = page.locator("#field-what_happened")
    assert section.locator(".original mark.kind-citizen_id").count() == 1
    assert "[เลขบัตรประชาชน]" in section.locator(".redacted").inner_text()

    # Add a redaction by selecting text (the script fills the offsets), then by phrase (no script needed).
    select_in_original(page, "what_happened", "หนองบัว")
    form = section.locator(".span-form")
    start = report.what_happened.index("หนองบัว")
    assert form.locator(".span-start").input_value() == str(start)
    assert form.locator(".span-end").input_value() == str(start + len("หนองบัว"))
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "หนองบัว" not in page.locator("#field-what_happened .redacted").inner_text()

    page.locator("#source-title").fill("เจ้าหน้าที่เรียกเงินค่าใบอนุญาตก่อสร้าง")
    page.locator("#field-title button[type=submit]").first.click()
    page.wait_for_load_state()
    page.screenshot(path=str(output_dir / "publication-editor-desktop.png"), full_page=True)

    page.locator("#approve button[type=submit]").click()
    page.wait_for_load_state()
    page.locator("#publish button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/cases/{report.code}/"), page.url
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED
    assert AuditEntry.objects.filter(action="case.publish", refused=False).count() == 1

    html = page.content()
    assert "เจ้าหน้าที่เรียกเงินค่าใบอนุญาตก่อสร้าง" in html and "[เลขบัตรประชาชน]" in html
    for secret in SECRETS:
        assert secret not in html, secret
    assert "หนองบัว" not in page.locator(".case-text").inner_text()  # the editor's own redaction
    assert page.locator(".timeline li").count() >= 2
    page.screenshot(path=str(output_dir / "publication-case-desktop.png"), full_page=True)
    page.problems.assert_clean()

    phone = phone_page
    phone.goto(f"{live_server.url}/cases/{report.code}/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert "[เบอร์โทรศัพท์]" in phone.content()
    phone.screenshot(path=str(output_dir / "publication-case-phone.png"), full_page=True)
    phone.goto(f"{live_server.url}/cases/")
    assert report.code in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=str(output_dir / "publication-list-phone.png"), full_page=True)
    phone.goto(f"{live_server.url}/cases/stats/")
    phone.screenshot(path=str(output_dir / "publication-stats-phone.png"), full_page=True)
    phone.problems.assert_clean()
