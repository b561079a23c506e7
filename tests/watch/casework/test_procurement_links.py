"""Project numbers and agencies in a report are matched to the warehouse; confirmed links show both ways."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sodsong.watch.casework.procurement import (
    find_project_numbers,
    published_cases_for_project,
    suggest_links,
)
from sodsong.watch.models import CaseProjectLink, Publication, Report, Status
from sodsong.web.staff import Role
from tests.procurement.explorer.sample import pid

from .conftest import Scene, client_for, new_case

pytestmark = pytest.mark.django_db


def test_project_numbers_are_found_in_any_writing_and_ids_are_not() -> None:
    text = "โครงการเลขที่ ๖๖๐๑๗๑๒๓๔๕๖ และ 6601-712-3457 บริษัท 0305560815907 โทร 0812345678"
    assert find_project_numbers(text) == ["66017123456", "66017123457"]
    assert find_project_numbers("") == []


def test_a_confirmed_link_shows_the_flags_on_the_case_and_the_case_on_the_project(
    scene: Scene,
    explorer: Path,
    client: Client,
) -> None:
    case = new_case("ถนนคอนกรีตเลขที่โครงการ 66017123456 ทรุดหลังสร้างเสร็จ", agency_text="")
    staff = client_for(scene, Role.SCREENER)
    assert staff.post(reverse("watch:staff-case-suggest", args=[case.code])).status_code == 302
    link = CaseProjectLink.objects.get(report=case)
    assert not link.confirmed and link.process_id == pid("road") and link.flags
    assert published_cases_for_project(pid("road")) == []
    staff.post(reverse("watch:staff-case-link", args=[case.code, link.pk]), {"confirm": "1"})
    link.refresh_from_db()
    assert link.confirmed
    page = staff.get(reverse("watch:staff-case", args=[case.code])).content.decode()
    assert "เสนอราคาใกล้ราคากลาง" in page or "เสนอราคาเกาะกลุ่ม" in page  # Thai flag titles
    # Not yet published: the project page does not show it.
    before = client.get(f"/procurement/project/{pid('road')}")
    project = before.content.decode()
    assert case.code not in project
    case.set_status(Status.SCREENING)
    Report.objects.filter(pk=case.pk).update(consent_publish=True)
    case.refresh_from_db()
    Publication.objects.create(report=case, approved_title="ถนนคอนกรีตทรุด", approved_at=timezone.now())
    case.set_status(Status.PUBLISHED)
    assert [c.code for c in published_cases_for_project(pid("road"))] == [case.code]
    fresh = client.get(f"/procurement/project/{pid('road')}", HTTP_IF_NONE_MATCH=before["ETag"])
    assert fresh.status_code == 200, "a newly published linked case changes the project page's ETag"
    project = client.get(f"/procurement/project/{pid('road')}").content.decode()
    assert f'href="/cases/{case.code}/"' in project, project.split('id="reports-h"')[1][:600]
    assert "ถนนคอนกรีตทรุด" in project
    assert "081-234-5678" not in project and "ทรุดหลังสร้างเสร็จ" not in project


def test_agency_names_suggest_its_flagged_projects(scene: Scene, explorer: Path) -> None:
    from sodsong.procurement.search.engine import open_index

    with open_index() as index:
        agency = index.project(pid("road"))
    assert agency is not None and agency.buyer_name
    case = new_case("ถนนไม่ได้มาตรฐาน", agency_text=agency.buyer_name)
    found = suggest_links(case)
    assert any(link.process_id == pid("road") for link in found)


def test_without_a_warehouse_nothing_is_suggested_and_nothing_breaks(
    scene: Scene,
    warehouse_path: Path,
) -> None:
    case = new_case("เลขที่โครงการ 66017123456")
    assert suggest_links(case) == []
