"""Fixtures shared by the whole suite: a real Chromium through Playwright, output folders."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls tests make
# around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO = Path(__file__).resolve().parent.parent
SAMPLE_DATA = REPO / "data"
OUTPUT = Path(os.environ.get("SODSONG_TEST_OUTPUT", REPO / "test-output"))
CHROMIUM = os.environ.get("SODSONG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """Where tests leave screenshots and other artefacts for people to look at."""
    path = OUTPUT
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if os.environ.get("SODSONG_SKIP_BROWSER") == "1":
        pytest.skip("browser tests skipped (SODSONG_SKIP_BROWSER=1)")
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            "Debian's chromium is missing: sudo apt-get install chromium (see tests/require_browser.py)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield instance
        instance.close()


class PageProblems:
    """Console errors (CSP violations among them) and failed requests seen by a page."""

    def __init__(self) -> None:
        self.console_errors: list[str] = []
        self.failed_requests: list[str] = []

    def assert_clean(self) -> None:
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.failed_requests, f"failed requests: {self.failed_requests}"


def _open_page(browser: Any, device: dict[str, Any]) -> tuple[Any, Any, PageProblems]:
    context = browser.new_context(locale="th-TH", **device)
    page = context.new_page()
    problems = PageProblems()
    page.on("console", lambda msg: problems.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("requestfailed", lambda req: problems.failed_requests.append(f"{req.url} {req.failure}"))
    page.problems = problems
    return context, page, problems


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A desktop-sized page; `page.problems` collects console errors and failed requests."""
    context, page, _ = _open_page(browser, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser: Any) -> Iterator[Any]:
    """A phone-sized touch page (390×844)."""
    context, page, _ = _open_page(browser, PHONE)
    yield page
    context.close()


@pytest.fixture
def sample_data() -> Path:
    """The real public sample datasets in data/ (see data/README.md for provenance)."""
    return SAMPLE_DATA


_APP_DB_FIXTURES = frozenset({"db", "transactional_db", "live_server", "django_db_setup"})


def uses_app_database(item: pytest.Item) -> bool:
    """Whether a test touches the app database (Django ORM), directly or through a fixture."""
    if item.get_closest_marker("django_db") is not None:
        return True
    return bool(_APP_DB_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With SODSONG_TEST_APP_DB_ONLY=1 run only the tests that touch the app database.

    CI runs the whole suite on SQLite, then again on PostgreSQL: the second pass needs only the
    tests whose outcome can depend on the database (warehouse, Spark and pure tests cannot).
    """
    if os.environ.get("SODSONG_TEST_APP_DB_ONLY") != "1":
        return
    keep = [item for item in items if uses_app_database(item)]
    dropped = [item for item in items if not uses_app_database(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


@pytest.fixture(autouse=True)
def _thai_again_after_each_test() -> Iterator[None]:
    """The language middleware activates the visitor's language for the thread, as each request
    should; a test that browsed in English must not leave the next test speaking English."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
