"""The staff screen for company name matches: only editors and admins, decisions kept in the app
database, applied to the warehouse by imports and surviving re-imports."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from sodsong.procurement import warehouse
from sodsong.procurement.models import NameMatchDecision
from sodsong.procurement.sources.runs import apply_decisions, import_egp
from sodsong.procurement.warehouse.keys import company_id
from sodsong.web.staff import Role
from sodsong.web.staff.testing import login_staff, make_staff
from tests.procurement.sources.egp_files import ICS

pytestmark = pytest.mark.django_db
URL = "/procurement/staff/name-matches"


@pytest.fixture
def loaded(warehouse_path: Path) -> Path:
    import_egp([ICS])
    return warehouse_path


def resolved() -> list[tuple[str, str]]:
    with warehouse.open() as con:
        return con.execute(
            "SELECT org_id, resolved_id FROM organisation WHERE name_key = 'ไอครีเอทีฟซิสเตมส์' ORDER BY org_id"
        ).fetchall()


def test_only_editors_and_admins_see_the_screen(client: Client, loaded: Path) -> None:
    assert client.get(URL).status_code == 302  # to the sign-in page
    login_staff(client, make_staff("screener", Role.SCREENER))
    assert client.get(URL).status_code == 403
    login_staff(client, make_staff("editor", Role.EDITOR))
    page = client.get(URL)
    assert page.status_code == 200
    assert "บริษัท ไอครีเอทีฟซิสเตมส์ จำกัด" in page.content.decode()
    assert "0305560001659" in page.content.decode()


def test_a_confirmation_is_kept_and_applied_by_every_import(client: Client, loaded: Path) -> None:
    login_staff(client, make_staff("editor", Role.EDITOR))
    with warehouse.open() as con:
        (match_id, subject), *_ = con.execute("SELECT match_id, subject_id FROM name_match").fetchall()
    assert dict(resolved())[subject] == subject  # a suggestion changes nothing
    response = client.post(URL + "/decide", {"match_id": match_id, "decision": "confirmed"})
    assert response.status_code == 302
    decision = NameMatchDecision.objects.get(match_id=match_id)
    assert (decision.decision, decision.decided_by.username) == ("confirmed", "editor")
    apply_decisions()
    assert dict(resolved())[subject] == company_id("0305560001659")
    import_egp([ICS])  # a re-import keeps the decision
    assert dict(resolved())[subject] == company_id("0305560001659")
    with warehouse.open() as con:
        assert con.execute("SELECT status FROM name_match WHERE match_id = ?", [match_id]).fetchone() == (
            "confirmed",
        )
    client.post(URL + "/decide", {"match_id": match_id, "decision": "undo"})
    apply_decisions()
    assert dict(resolved())[subject] == subject


def test_unknown_suggestions_are_refused(client: Client, loaded: Path) -> None:
    login_staff(client, make_staff("admin", Role.ADMIN))
    assert client.post(URL + "/decide", {"match_id": "nope", "decision": "confirmed"}).status_code == 400
    assert client.get(URL + "/decide").status_code == 405
