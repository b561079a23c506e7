"""A small case-work scene: staff in every role, a partner of one agency, cases and a referral."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from sodsong.watch.models import Agency, PartnerAccount, Referral, Report, Status
from sodsong.web.staff import Role
from sodsong.web.staff.accounts import StaffAccount
from sodsong.web.staff.testing import login_staff, make_staff
from tests.procurement.conftest import warehouse_path  # noqa: F401 (a fixture the link tests use)
from tests.procurement.explorer.conftest import explorer, sample_warehouse  # noqa: F401 (fixtures)

ROLES = (Role.SCREENER, Role.EDITOR, Role.CUSTODIAN, Role.ADMIN, Role.PARTNER)


@dataclass
class Scene:
    accounts: dict[Role, StaffAccount]
    agency: Agency
    other_agency: Agency
    case: Report  # referred to the partner's agency
    other: Report  # not referred to it
    referral: Referral


def new_case(what: str = "เจ้าหน้าที่เรียกเงิน 5,000 บาท เพื่อออกใบอนุญาต", **fields: Any) -> Report:
    values: dict[str, Any] = {
        "channel": "web",
        "category": "extortion",
        "what_happened": what,
        "agency_text": "องค์การบริหารส่วนตำบลหนองบัว",
        "province_code": "TH40",
        "contact": "นางสาวทดสอบ โทร 081-234-5678",
    }
    values.update(fields)
    report = Report.objects.create(**values)
    report.submit()
    return report


@pytest.fixture
def scene(db: Any) -> Scene:
    accounts = {role: make_staff(f"u-{role.value}", role) for role in ROLES}
    agency = Agency.objects.get(short_name="ป.ป.ช.")
    other_agency = Agency.objects.get(short_name="ป.ป.ท.")
    PartnerAccount.objects.create(user=accounts[Role.PARTNER].device.user, agency=agency)
    case = new_case()
    case.set_status(Status.SCREENING)
    referral = Referral.objects.create(report=case, agency=agency)
    case.set_status(Status.REFERRED)
    other = new_case("ผู้รับเหมาฮั้วประมูลถนน", category="bid_rigging")
    return Scene(accounts, agency, other_agency, case, other, referral)


def client_for(scene: Scene, role: Role) -> Client:
    client = Client()
    login_staff(client, scene.accounts[role])
    return client


@pytest.fixture
def clients(scene: Scene) -> dict[Role, Client]:
    return {role: client_for(scene, role) for role in ROLES}
