"""The web channel: /report/ as a form driving the engine, /track/, and the staff simulator."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from sodsong.watch.models import EventKind, Report, Status
from sodsong.watch.notify import notify_reporter
from sodsong.web.staff import Role
from sodsong.web.staff.testing import login_staff, make_staff
from tests.watch.intake.helpers import photo

pytestmark = pytest.mark.django_db


def answer(client: Client, **data: object) -> str:
    response = client.post("/report/", data, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def walk_form(client: Client) -> str:
    page = client.get("/report/").content.decode()
    assert "PDPA" in page or "ความเป็นส่วนตัว" in page
    answer(client, choice="cmd:report")
    answer(client, choice="cat:bid_rigging")
    answer(client, text="องค์การบริหารส่วนตำบลหนองบัว")
    answer(client, text="อ.เมือง จ.ขอนแก่น")
    answer(client, text="ถนนเพิ่งสร้างเสร็จ 2 เดือนก็พังแล้ว ผู้รับเหมาเป็นญาตินายก")
    answer(client, date="2024-03-10")
    answer(client, text="๒ ล้าน")
    answer(client, text="67019123456")
    answer(
        client,
        files=[SimpleUploadedFile("road.jpg", photo()), SimpleUploadedFile("road2.jpg", photo((1, 2, 3)))],
    )
    answer(client, choice="cmd:done")
    answer(client, choice="consent:yes")
    answer(client, choice="consent:yes")
    return answer(client, choice="cmd:skip")


def test_the_form_journey_gives_a_case_code() -> None:
    client = Client()
    done = walk_form(client)
    code = re.search(r'data-code="([A-Z0-9]{8})"', done)
    assert code, done
    report = Report.objects.get(code=code.group(1))
    assert report.channel == "web" and report.status == Status.RECEIVED
    assert report.amount == 2_000_000 and report.egp_project_number == "67019123456"
    assert report.live_evidence().count() == 2
    assert report.occurred_on is not None and report.occurred_on.isoformat() == "2024-03-10"
    assert "ความลับ" in done


def test_the_form_works_in_english_and_re_asks() -> None:
    client = Client()
    client.get("/report/?lang=en")
    client.cookies["sodsong_language"] = "en"
    answer(client, choice="cmd:report")
    page = answer(client, text="nonsense")
    assert "Sorry" in page and "Question 1 of 11" in page
    page = answer(client, choice="cat:other")
    assert "agency" in page


def test_the_form_needs_csrf() -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post("/report/", {"choice": "cmd:report"}).status_code == 403


def test_track_shows_public_status_team_messages_and_takes_more_information() -> None:
    client = Client()
    walk_form(client)
    report = Report.objects.get()
    report.set_status(Status.NEED_INFO, note="internal: looks like the Nong Bua case", public=False)
    notify_reporter(report, "มีรูปถนนก่อนพังไหมครับ")
    report.record(EventKind.NOTE, note="secret internal note")
    other = Client()
    page = other.get("/track/").content.decode()
    assert "รหัสเรื่อง" in page or "Case code" in page
    typed = f"{report.code[:4].lower()} - {report.code[4:]}".translate(
        str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    )
    page = other.post("/track/", {"code": typed}, follow=True).content.decode()
    assert "ขอข้อมูลเพิ่มเติม" in page and "มีรูปถนนก่อนพังไหมครับ" in page
    assert "secret internal note" not in page and "Nong Bua" not in page
    response = other.post(
        "/track/case/",
        {"text": "มีครับ ส่งให้แล้ว", "files": [SimpleUploadedFile("before.jpg", photo())]},
        follow=True,
    )
    assert response.status_code == 200
    assert report.events.filter(kind=EventKind.MESSAGE_IN, note="มีครับ ส่งให้แล้ว").exists()
    assert report.live_evidence().count() == 3


def test_track_rate_limits_code_guessing_politely() -> None:
    cache.clear()
    client = Client()
    for _ in range(10):
        response = client.post("/track/", {"code": "ACDEFGHJ"})
        assert response.status_code == 400
    response = client.post("/track/", {"code": "ACDEFGHJ"})
    assert "ชั่วโมง" in response.content.decode()
    bad = Client().post("/track/", {"code": "not a code"})
    assert bad.status_code == 400
    cache.clear()


def test_track_case_without_a_code_goes_back_to_the_form() -> None:
    assert Client().get("/track/case/").status_code == 302


def test_simulator_is_for_staff_and_talks_to_the_engine() -> None:
    assert Client().get("/watch/simulator/").status_code in (302, 403)
    client = Client()
    login_staff(client, make_staff("screener1", Role.SCREENER))
    page = client.get("/watch/simulator/").content.decode()
    assert "sim:follow" in page
    page = client.post("/watch/simulator/", {"choice": "sim:follow"}, follow=True).content.decode()
    assert "PDPA" in page
    page = client.post("/watch/simulator/", {"choice": "cmd:report"}, follow=True).content.decode()
    assert "cat:bribery" in page
    client.post("/watch/simulator/", {"choice": "cat:bribery"})
    client.post("/watch/simulator/", {"files": [SimpleUploadedFile("p.jpg", photo())]})
    report = Report.objects.get()
    assert report.channel == "simulator" and report.live_evidence().count() == 1
    page = client.post("/watch/simulator/", {"choice": "sim:reset"}, follow=True).content.decode()
    assert "sim:follow" in page and "cat:bribery" not in page


def test_simulator_refuses_other_roles() -> None:
    client = Client()
    login_staff(client, make_staff("partner1", Role.PARTNER))
    assert client.get("/watch/simulator/").status_code == 403


def test_the_form_can_start_over_cancel_and_refuses_bad_files_politely() -> None:
    client = Client()
    answer(client, choice="cmd:report")
    answer(client, choice="cat:other")
    page = answer(client, choice="cmd:restart")
    assert "คำถามที่ 1 จาก 11" in page and not Report.objects.exists()
    answer(client, choice="cat:other")
    with override_settings(WATCH_EVIDENCE_MAX_BYTES=1000):
        page = answer(client, files=[SimpleUploadedFile("big.jpg", photo() + b"\0" * 2000)])
    assert "ใหญ่เกินไป" in page
    page = answer(client, files=[SimpleUploadedFile("fake.jpg", b"MZ this is a program")])
    assert "รับได้เฉพาะรูปภาพ" in page
    assert Report.objects.get().live_evidence().count() == 0
    answer(client, choice="cmd:cancel")
    page = answer(client, choice="cmd:confirm")
    assert not Report.objects.exists()
    assert "ยกเลิกและลบเรื่องของคุณแล้ว" in page


def test_the_simulator_is_on_the_staff_home() -> None:
    client = Client()
    login_staff(client, make_staff("editor1", Role.EDITOR))
    assert "/watch/simulator/" in client.get("/staff/").content.decode()


def test_a_web_reporter_asks_for_their_data_with_the_contact_they_gave() -> None:
    from sodsong.watch.models import AuditEntry, DataRequest

    client = Client()
    walk_form(client)
    report = Report.objects.get()
    report.contact = "โทร 081-234-5678"
    report.save(update_fields=["contact"])
    visitor = Client()
    visitor.post("/track/", {"code": report.code})
    page = visitor.post(
        "/track/case/", {"action": "data_request", "kind": "delete", "contact": "0899999999"}, follow=True
    ).content.decode()
    assert not DataRequest.objects.exists()
    assert AuditEntry.objects.filter(action="data_request.delete", refused=True).exists()
    assert "081" not in page
    page = visitor.post(
        "/track/case/", {"action": "data_request", "kind": "export", "contact": "๐๘๑ ๒๓๔ ๕๖๗๘"}, follow=True
    ).content.decode()
    assert DataRequest.objects.get().kind == "export"
    assert not report.events.filter(kind=EventKind.MESSAGE_IN).exists()
