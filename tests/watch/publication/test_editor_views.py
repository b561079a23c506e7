"""The redaction editor's pages: side by side, add/remove without JavaScript, approve, publish."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sodsong.watch.models import AuditEntry, Publication, Report, Status
from sodsong.web.staff import Role
from sodsong.web.staff.testing import login_staff, make_staff

from .conftest import CITIZEN_ID, NAME, PHONE

pytestmark = pytest.mark.django_db


def url(name: str, report: Report) -> str:
    return reverse(f"watch:cases:{name}", args=[report.code])


def version(report: Report) -> int:
    return Publication.objects.get(report=report).version


def test_the_editor_shows_original_and_redacted_side_by_side(editor_client: Client, case: Report) -> None:
    page = editor_client.get(url("editor", case))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'class="redaction kind-citizen_id"' in html and CITIZEN_ID in html  # the original, highlighted
    assert "[เลขบัตรประชาชน]" in html and "[เบอร์โทรศัพท์]" in html  # the redacted version
    assert "<script>" not in html and "style=" not in html


def test_add_and_remove_through_the_forms(editor_client: Client, case: Report) -> None:
    editor_client.get(url("editor", case))
    response = editor_client.post(
        url("edit", case),
        {"action": "add_phrase", "field": "what_happened", "kind": "person_name", "phrase": "หนองบัว",
         "version": version(case)},
    )  # fmt: skip
    assert response.status_code == 302
    start = case.what_happened.index("ใบอนุญาต")
    editor_client.post(
        url("edit", case),
        {"action": "add_span", "field": "what_happened", "kind": "person_name", "start": str(start),
         "end": str(start + 8), "version": version(case)},
    )  # fmt: skip
    editor_client.post(
        url("edit", case),
        {"action": "remove", "field": "what_happened", "index": "1", "version": version(case)},
    )
    page = editor_client.get(url("editor", case)).content.decode()
    section = page.split('id="field-what_happened"')[1]
    redacted = section.split("redact-text redacted")[1].split("</div>")[0]
    assert "หนองบัว" not in redacted and "ใบอนุญาต" not in redacted
    assert PHONE not in redacted and CITIZEN_ID in redacted  # index 1 was the citizen id, now shown


def test_a_stale_form_gets_a_clear_conflict_message(editor_client: Client, case: Report) -> None:
    editor_client.get(url("editor", case))
    stale = version(case)
    editor_client.post(
        url("edit", case), {"action": "remove", "field": "what_happened", "index": "0", "version": stale}
    )
    response = editor_client.post(
        url("edit", case),
        {"action": "remove", "field": "what_happened", "index": "0", "version": stale},
        follow=True,
    )
    assert (
        "Someone else changed this case" in response.content.decode()
        or "มีผู้อื่นแก้ไข" in response.content.decode()
    )
    assert len(Publication.objects.get(report=case).draft["what_happened"]) == 2


def test_bad_input_is_a_message_not_a_crash(editor_client: Client, case: Report) -> None:
    editor_client.get(url("editor", case))
    for data in (
        {"action": "add_span", "field": "what_happened", "kind": "phone", "start": "x", "end": "3"},
        {"action": "add_span", "field": "nope", "kind": "phone", "start": "1", "end": "3"},
        {"action": "remove", "field": "what_happened", "index": "77"},
        {"action": "explode"},
        {"action": "source", "field": "what_happened", "text": "rewrite the citizen"},
    ):
        response = editor_client.post(url("edit", case), {**data, "version": version(case)}, follow=True)
        assert response.status_code == 200
        assert "errorlist" in response.content.decode() or "notice" in response.content.decode()
    assert editor_client.post(url("edit", case), {"action": "remove"}).status_code == 302  # no version


def test_approve_and_publish_through_the_pages(editor_client: Client, case: Report) -> None:
    editor_client.get(url("editor", case))
    editor_client.post(
        url("edit", case), {"action": "source", "field": "title", "text": "เรียกเงิน", "version": version(case)}
    )
    editor_client.post(url("approve", case), {"version": version(case)})
    case.refresh_from_db()
    response = editor_client.post(url("publish", case), {"version": case.version, "status": "closed"})
    assert response.status_code == 302 and response["Location"] == url("detail", case)
    case.refresh_from_db()
    assert case.status == Status.PUBLISHED  # the forged "status" field was ignored


def test_publish_without_approval_shows_why(editor_client: Client, case: Report) -> None:
    editor_client.get(url("editor", case))
    response = editor_client.post(url("publish", case), {"version": case.version}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == Status.SCREENING
    assert AuditEntry.objects.filter(action="case.publish", refused=True).count() == 1
    assert "approve" in html.lower() or "อนุมัติ" in html


@pytest.mark.parametrize("role", [Role.SCREENER, Role.CUSTODIAN, Role.PARTNER])
def test_other_roles_cannot_open_the_editor(role: Role, case: Report) -> None:
    client = Client()
    login_staff(client, make_staff(f"user-{role}", role))
    for name in ("editor", "edit", "approve", "publish"):
        assert client.get(url(name, case)).status_code in (403, 405)
        assert client.post(url(name, case), {"version": "1"}).status_code == 403
    assert client.get(reverse("watch:cases:queue")).status_code == 403


def test_admins_may_edit_and_anonymous_users_are_sent_to_login(case: Report) -> None:
    admin = Client()
    login_staff(admin, make_staff("admin1", Role.ADMIN))
    assert admin.get(url("editor", case)).status_code == 200
    assert admin.get(reverse("watch:cases:queue")).status_code == 200
    assert Client().get(url("editor", case)).status_code == 302


def test_the_queue_lists_cases_but_not_drafts(editor_client: Client, case: Report) -> None:
    draft = Report.objects.create(channel="web", what_happened="x")
    html = editor_client.get(reverse("watch:cases:queue")).content.decode()
    assert case.code in html and draft.code not in html
    assert NAME not in html
