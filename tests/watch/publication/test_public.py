"""The public site shows approved redacted text and the public timeline only, in every format."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client

from sodsong.watch.models import Report, Status
from sodsong.watch.publication import editing

from .conftest import CITIZEN_ID, NAME, PHONE, SECRETS, approve_and_publish, make_case

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def published(case: Report, editor_user: Any) -> Report:
    report = approve_and_publish(case, editor_user)
    report.record("note", note=f"internal: call {PHONE}", public=False)
    report.record("note", note=f"ส่งเรื่องแล้ว ติดต่อ {PHONE}", public=True)
    return report


def public_urls(report: Report) -> list[str]:
    code = report.code
    return [
        "/cases/",
        "/cases/?format=json",
        "/cases.json",
        f"/cases/{code}/",
        f"/cases/{code}/?format=json",
        f"/cases/{code}.json",
        "/cases/stats/",
        "/cases/stats.json",
        "/cases/data.csv",
        "/cases/data.json",
        "/cases/feed.atom",
        "/cases/feeds/province/TH40.atom",
        "/cases/feeds/category/extortion.atom",
        "/cases/feeds/agency/หนองบัว.atom",
        "/cases/?agency=หนองบัว&province=TH40&category=extortion&status=published",
    ]


def test_no_personal_data_on_any_public_page_feed_or_download(published: Report) -> None:
    client = Client()
    for url in public_urls(published):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode("utf-8")
        assert published.code in body or "/stats" in url, url
        for secret in SECRETS:
            assert secret not in body, (url, secret)
        assert "internal:" not in body, url


def test_the_case_page_shows_the_approved_text_and_the_public_timeline(published: Report) -> None:
    html = Client().get(f"/cases/{published.code}/").content.decode()
    publication = published.publication
    assert publication.approved_title in html
    assert "[เลขบัตรประชาชน]" in html and "[เบอร์โทรศัพท์]" in html
    assert "ส่งเรื่องแล้ว ติดต่อ [เบอร์โทรศัพท์]" in html  # a public note, redacted by the rules
    assert "เผยแพร่" in html  # the status of the publish event, in Thai


def test_only_approved_text_even_after_the_draft_changes(published: Report, editor_user: Any) -> None:
    publication = editing.publication_for(published)
    editing.remove(publication, "what_happened", 1, expected_version=publication.version)  # shows the id
    html = Client().get(f"/cases/{published.code}/").content.decode()
    assert CITIZEN_ID not in html


def test_unpublished_cases_are_not_public(case: Report, editor_user: Any) -> None:
    publication = editing.publication_for(case)
    publication = editing.set_source(publication, "title", "เรื่อง", expected_version=publication.version)
    editing.approve(publication, editor_user, expected_version=publication.version)  # approved, not published
    client = Client()
    assert client.get(f"/cases/{case.code}/").status_code == 404
    assert client.get(f"/cases/{case.code}.json").status_code == 404
    assert case.code not in client.get("/cases/").content.decode()
    assert case.code not in client.get("/cases/data.csv").content.decode()
    assert client.get("/cases/NOTACODE/").status_code == 404


def test_the_list_filters_paginates_and_has_a_json_twin(editor_user: Any) -> None:
    for i in range(23):
        report = make_case(
            category="bribery" if i % 2 else "extortion", province_code="TH10" if i < 3 else "TH40"
        )
        approve_and_publish(report, editor_user, title=f"เรื่องที่ {i}")
    client = Client()
    first = client.get("/cases/?format=json").json()
    assert first["count"] == 23 and len(first["cases"]) == 20 and first["pages"] == 2
    assert first["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert first["next"].endswith("/cases.json?page=2")
    assert len(client.get(first["next"]).json()["cases"]) == 3
    assert client.get("/cases.json?province=TH10").json()["count"] == 3
    assert client.get("/cases.json?province=กรุงเทพมหานคร").json()["count"] == 3
    assert client.get("/cases.json?category=bribery").json()["count"] == 11
    month = first["cases"][0]["reported_month"]
    assert client.get(f"/cases.json?month={month}").json()["count"] == 23
    be_year = int(month[:4]) + 543
    assert client.get(f"/cases.json?month={be_year}-{month[5:]}").json()["count"] == 23
    html = client.get("/cases/?page=2&category=extortion").content.decode()
    assert "?category=extortion" in html


def test_bad_filters_are_reported_not_crashing(published: Report) -> None:
    client = Client()
    body = client.get("/cases.json?category=nope&month=13-2025&province=Atlantis&status=draft&page=x").json()
    assert {e["field"] for e in body["errors"]} == {"category", "month", "province", "status"}
    assert client.get("/cases/?month=abc").status_code == 200
    assert client.get("/cases/feeds/category/nope.atom").status_code == 400


def test_feeds_are_valid_atom(published: Report) -> None:
    for url in ("/cases/feed.atom", "/cases/feeds/province/TH40.atom", "/cases/feeds/agency/หนองบัว.atom"):
        response = Client().get(url)
        assert response["Content-Type"].startswith("application/atom+xml")
        root = ET.fromstring(response.content)
        assert root.tag == f"{ATOM}feed"
        entries = root.findall(f"{ATOM}entry")
        assert len(entries) == 1
        assert entries[0].find(f"{ATOM}link").get("href").endswith(f"/cases/{published.code}/")
        assert entries[0].find(f"{ATOM}id") is not None and entries[0].find(f"{ATOM}updated") is not None
    empty = ET.fromstring(Client().get("/cases/feeds/province/TH10.atom").content)
    assert empty.findall(f"{ATOM}entry") == []


def test_open_data_has_stable_ids_licence_and_only_approved_fields(published: Report) -> None:
    client = Client()
    data = client.get("/cases/data.json")
    body = json.loads(data.content)
    assert body["licence"]["name"].startswith("Creative Commons Attribution 4.0")
    assert 'rel="license"' in data["Link"]
    (record,) = body["cases"]
    assert record["code"] == published.code and record["url"].endswith(f"/cases/{published.code}/")
    assert record["what_happened"] == published.publication.approved_text
    assert not {"contact", "reporter", "what_happened_original", "close_note"} & set(record)
    response = client.get("/cases/data.csv")
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["code"] == published.code and rows[0]["licence"] == "CC BY 4.0"
    assert rows[0]["title"] == published.publication.approved_title


def test_stats_count_published_cases_only(published: Report, editor_user: Any) -> None:
    make_case(category="bribery")  # not published: not counted
    body = Client().get("/cases/stats.json").json()
    assert body["total"] == 1
    assert body["by_category"] == {"extortion": 1}
    assert body["by_status"] == {Status.PUBLISHED: 1}
    assert body["by_province"] == {"TH40": 1}
    assert body["by_amount_band"] == {"< 10,000": 1}
    html = Client().get("/cases/stats/").content.decode()
    assert "<svg" in html and 'data-province="TH40"' in html
    month = next(iter(body["by_month"]))
    assert f"{int(month[:4]) + 543}" in html  # months in the Buddhist Era for Thai readers
    english = Client().get("/cases/stats/?lang=en").content.decode()
    assert "Statistics of published cases" in english and f"{month[:4]}</text>" in english
    assert NAME not in html
