"""Every staff URL against every kind of visitor.

Anonymous visitors are sent to sign in; staff of other parts get 403; a partner login opens the
screens partners use, sees its own and public records, gets 404 for other partners' private
records (they do not exist for it) and 403 when it tries to change what is not its own; coalition
staff open everything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from sodsong.coalition.models import Activity, Organisation, Participation, PartnerAccount
from sodsong.web.staff import Role

from .conftest import login, make_user
from .scene import Scene, build_scene

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Case:
    name: str
    args: Callable[[Scene], list[object]]
    method: str = "get"
    partner: int = 200  # what a partner gets
    staff: int = 200


def none(scene: Scene) -> list[object]:
    return []


CASES = [
    # Screens partners use, on their own records.
    Case("staff", none),
    Case("activities", none),
    Case("activity_new", none),
    Case("activity", lambda s: [s.own_activity.pk]),
    Case("activity_edit", lambda s: [s.own_activity.pk]),
    Case("participant_add", lambda s: [s.own_activity.pk], "post", 302, 302),
    Case("activity_organisation_add", lambda s: [s.own_activity.pk], "post", 302, 302),
    Case("evidence_add", lambda s: [s.own_activity.pk], "post", 302, 302),
    Case("link_add", lambda s: [s.own_activity.pk], "post", 302, 302),
    Case("evidence", lambda s: [s.own_evidence.pk]),
    Case("partners", none),
    Case("partner", lambda s: [s.own_org.pk]),
    Case("person", lambda s: [s.own_person.pk]),
    Case("outcomes", none),
    Case("outcome_new", none),
    Case("outcome", lambda s: [s.own_outcome.pk]),
    Case("outcome_edit", lambda s: [s.own_outcome.pk]),
    Case("outcome_evidence_add", lambda s: [s.own_outcome.pk], "post", 302, 302),
    Case("imports", none),
    Case("export", lambda s: ["activities", "csv"]),
    Case("export", lambda s: ["participations", "xlsx"]),
    Case("export", lambda s: ["people", "csv"]),
    # Public records of others: visible, not changeable.
    Case("activity", lambda s: [s.other_public.pk]),
    Case("activity_edit", lambda s: [s.other_public.pk], partner=403),
    Case("participant_add", lambda s: [s.other_public.pk], "post", 403, 302),
    Case("evidence_add", lambda s: [s.other_public.pk], "post", 403, 302),
    Case("partner", lambda s: [s.other_org.pk]),
    # Other partners' private records: they do not exist for the partner.
    Case("activity", lambda s: [s.other_private.pk], partner=404),
    Case("activity_edit", lambda s: [s.other_private.pk], partner=404),
    Case("participant_add", lambda s: [s.other_private.pk], "post", 404, 302),
    Case(
        "participant_remove",
        lambda s: [s.other_private.pk, s.other_private.participations.get().pk],
        "post",
        404,
        302,
    ),
    Case("link_add", lambda s: [s.other_private.pk], "post", 404, 302),
    Case("evidence", lambda s: [s.other_evidence.pk], partner=404),
    Case("outcome", lambda s: [s.other_outcome.pk], partner=404),
    Case("outcome_edit", lambda s: [s.other_outcome.pk], partner=404),
    Case("outcome_evidence_add", lambda s: [s.other_outcome.pk], "post", 404, 302),
    Case("person", lambda s: [s.other_person.pk], partner=404),
    Case("import", lambda s: [s.other_import.pk], partner=404),
    Case("import_commit", lambda s: [s.other_import.pk], "post", 404, 302),
    # The catalyst team's own screens.
    Case("partner_new", none, partner=403),
    Case("partner_edit", lambda s: [s.own_org.pk], partner=403),
    Case("contact_add", lambda s: [s.other_org.pk], "post", 403, 302),
    Case("note_add", lambda s: [s.other_org.pk], "post", 403, 302),
    Case("people", none, partner=403),
    Case("person_edit", lambda s: [s.own_person.pk], partner=403),
    Case("merges", none, partner=403),
    Case("merge_compute", none, "post", 403, 302),
    Case("merge_decide", lambda s: [s.suggestion.pk], "post", 403, 302),
    Case("indicators", none, partner=403),
    Case("indicator_new", none, partner=403),
    Case("indicator", lambda s: [s.indicator.pk], partner=403),
    Case("target_save", lambda s: [s.indicator.pk], "post", 403, 302),
    Case("frame", none, partner=403),
    Case("strategy_edit", lambda s: [s.strategy.pk], partner=403),
    Case("issue_area_edit", lambda s: [s.issue_area.pk], partner=403),
    Case("accounts", none, partner=403),
    Case("account_remove", lambda s: [s.account.pk if s.account else 0], "post", 403, 302),
    Case("export", lambda s: ["indicators", "xlsx"], partner=403),
    Case("dashboard", none, partner=403),
    Case("explain", lambda s: ["people"], partner=403),
    Case("report", lambda s: ["2566H1"], partner=403),
    Case("report_pdf", lambda s: ["2566H1"], partner=403),
    Case("report_publish", lambda s: ["2566H1"], "post", 403, 302),
]
IDS = [f"{c.method}-{c.name}-{i}" for i, c in enumerate(CASES)]


def request(client: Client, case: Case, scene: Scene) -> int:
    url = reverse(f"coalition:{case.name}", args=case.args(scene))
    response = client.post(url, {}) if case.method == "post" else client.get(url)
    return response.status_code


def test_every_staff_url_is_listed() -> None:
    """A new staff URL must be added to the matrix above."""
    from sodsong.coalition import urls

    guarded = {p.name for p in urls.urlpatterns if str(p.pattern).startswith(("staff/", "dashboard/"))}
    assert guarded <= {c.name for c in CASES}, guarded - {c.name for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_anonymous_visitors_are_sent_to_sign_in(client: Client, case: Case, partner_user: User) -> None:
    scene = build_scene(partner_user, PartnerAccount.objects.get(user=partner_user).organisation)
    url = reverse(f"coalition:{case.name}", args=case.args(scene))
    response = client.post(url, {}) if case.method == "post" else client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:login"))


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_staff_of_other_parts_are_refused(client: Client, case: Case, partner_user: User) -> None:
    scene = build_scene(partner_user, PartnerAccount.objects.get(user=partner_user).organisation)
    login(client, make_user("screener", Role.SCREENER))
    assert request(client, case, scene) == 403


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_partner_reaches_only_its_own_and_public_records(
    partner_client: Client, case: Case, partner_user: User
) -> None:
    scene = build_scene(partner_user, PartnerAccount.objects.get(user=partner_user).organisation)
    assert request(partner_client, case, scene) == case.partner


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_coalition_staff_reach_everything(staff_client: Client, case: Case, partner_user: User) -> None:
    scene = build_scene(partner_user, PartnerAccount.objects.get(user=partner_user).organisation)
    assert request(staff_client, case, scene) == case.staff


def test_a_partner_login_without_an_organisation_sees_nothing(client: Client) -> None:
    login(client, make_user("orphan", Role.COALITION_PARTNER))
    assert client.get(reverse("coalition:activities")).status_code == 403


def test_partner_lists_and_exports_hold_only_their_rows_and_no_contacts(
    partner_client: Client, partner_user: User
) -> None:
    scene = build_scene(partner_user, PartnerAccount.objects.get(user=partner_user).organisation)
    listing = partner_client.get(reverse("coalition:activities")).content.decode()
    assert scene.own_activity.title in listing and scene.other_public.title in listing
    assert scene.other_private.title not in listing
    exported = b"".join(
        partner_client.get(reverse("coalition:export", args=["activities", "csv"])).streaming_content
    )
    text = exported.decode("utf-8-sig")
    assert scene.own_activity.title in text and scene.other_private.title not in text
    people = b"".join(
        partner_client.get(reverse("coalition:export", args=["people", "csv"])).streaming_content
    )
    people_text = people.decode("utf-8-sig")
    assert "สมชาย ใจดี" in people_text and "สมหญิง" not in people_text
    assert "somchai@example.org" not in people_text, "partners never get contact data"
    partners = b"".join(
        partner_client.get(reverse("coalition:export", args=["partners", "csv"])).streaming_content
    )
    assert "secret@example.org" not in partners.decode("utf-8-sig")
    detail = partner_client.get(reverse("coalition:activity", args=[scene.other_public.pk])).content.decode()
    assert "สมหญิง" not in detail, "participants of others' activities are not shown"


def test_a_partner_logs_an_activity_for_its_own_organisation(
    partner_client: Client, partner_user: User
) -> None:
    organisation = PartnerAccount.objects.get(user=partner_user).organisation
    response = partner_client.post(
        reverse("coalition:activity_new"),
        {"title": "สัมภาษณ์รายการวิทยุ", "activity_type": "media", "start_date": "๑๕/๐๕/๒๕๖๖"},
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="สัมภาษณ์รายการวิทยุ")
    assert activity.owner_organisation == organisation
    assert str(activity.start_date) == "2023-05-15"
    assert activity.organisations.get() == organisation
    assert not activity.is_public, "partners do not publish; staff do"
    # Partners cannot make their activity public through the edit form.
    partner_client.post(
        reverse("coalition:activity_edit", args=[activity.pk]),
        {"title": activity.title, "activity_type": "media", "start_date": "15/05/2566", "is_public": "on"},
    )
    activity.refresh_from_db()
    assert not activity.is_public
    assert organisation in activity.organisations.all(), "a partner cannot unlink itself by editing"
    add = partner_client.post(
        reverse("coalition:participant_add", args=[activity.pk]),
        {"participant-name": "นายมานะ ขยัน", "participant-role": "interviewee"},
    )
    assert add.status_code == 302
    assert Participation.objects.get(activity=activity).person.name_th == "มานะ ขยัน"
    assert not Organisation.objects.filter(name_th="มานะ ขยัน").exists()
