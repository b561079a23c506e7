"""A case full of personal data, an editor with a verified session, and helpers to publish."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from sodsong.watch.models import Report, Status
from sodsong.web.staff import Role
from sodsong.web.staff.testing import login_staff, make_staff

CITIZEN_ID = "1-1017-00230-70-8"
CITIZEN_ID_DIGITS = "1101700230708"
PHONE = "081-234-5678"
NAME = "สมชาย ใจดี"
WHAT_HAPPENED = (
    f"ผมชื่อ นาย{NAME} เลขบัตร {CITIZEN_ID} โทร {PHONE} "
    "เจ้าหน้าที่ที่ อบต.หนองบัว เรียกเงิน 5,000 บาท เพื่อให้ออกใบอนุญาตก่อสร้าง"
)
#: What must never appear on any public page, feed or download.
SECRETS = (CITIZEN_ID, CITIZEN_ID_DIGITS, PHONE, "0812345678", NAME, "reporter@example.org")


def make_case(**fields: Any) -> Report:
    values: dict[str, Any] = {
        "channel": "web",
        "category": "extortion",
        "agency_text": "อบต.หนองบัว อำเภอเมือง",
        "province_code": "TH40",
        "what_happened": WHAT_HAPPENED,
        "amount": Decimal("5000"),
        "consent_publish": True,
        "consent_forward": True,
        "contact": "reporter@example.org 0812345678",
        "status": Status.SCREENING,
        "submitted_at": timezone.now(),
    }
    values.update(fields)
    status = values.pop("status")
    report = Report.objects.create(**values)
    if status != Status.DRAFT:  # the way a real case gets there: submitted, then screened
        report.submit()
        if status != Status.RECEIVED:
            report.set_status(status, public=True)
    report.record("note", note=f"internal: reporter phone {PHONE}", public=False)
    return report


@pytest.fixture
def case() -> Report:
    return make_case()


@pytest.fixture
def editor_client() -> Client:
    client = Client()
    login_staff(client, make_staff("editor1", Role.EDITOR))
    return client


@pytest.fixture
def editor_user(editor_client: Client) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="editor1")


def approve_and_publish(report: Report, user: Any, title: str = "เรียกเงินค่าใบอนุญาตก่อสร้าง") -> Report:
    """The whole editorial path in code: title, approve, publish."""
    from sodsong.watch.publication import editing, publishing

    publication = editing.publication_for(report)
    publication = editing.set_source(publication, "title", title, expected_version=publication.version)
    editing.approve(publication, user, expected_version=publication.version)
    report.refresh_from_db()
    publishing.publish(report, user, expected_version=report.version)
    report.refresh_from_db()
    return report
