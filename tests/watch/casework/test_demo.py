"""The case-work demo: examples in every status, a published case on a flagged project, staff accounts."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from sodsong.watch import demo_cases
from sodsong.watch.casework.procurement import published_cases_for_project
from sodsong.watch.models import CaseProjectLink, Referral, Report, Status

pytestmark = pytest.mark.django_db


def _console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=200), out


def test_the_demo_has_every_status_a_flagged_published_case_and_prints_secrets_once(explorer: Path) -> None:
    console, out = _console()
    demo_cases.load(console)
    text = out.getvalue()
    examples = Report.objects.filter(is_example=True)
    statuses = set(examples.values_list("status", flat=True))
    assert statuses >= {s for s in Status.values if s != Status.DRAFT}
    assert all(r.what_happened.startswith("ตัวอย่าง") for r in examples)
    published = examples.get(status=Status.PUBLISHED)
    link = CaseProjectLink.objects.get(report=published, confirmed=True)
    assert link.flags, "linked to a flagged demo project"
    assert [c.code for c in published_cases_for_project(link.process_id)] == [published.code]
    assert "081-234-5678" not in published.publication.approved_text, "the public text is redacted"
    assert Referral.objects.filter(report__is_example=True).exclude(response="").exists()
    for username in demo_cases.DEMO_STAFF.values():
        assert username in text
    assert text.count("TOTP secret") == 5
    console, out = _console()
    demo_cases.load(console)
    again = out.getvalue()
    assert "TOTP secret" not in again and "password " not in again
    assert Report.objects.filter(is_example=True).count() == examples.count()
