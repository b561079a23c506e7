"""The explorer pages through Django's test client: content, language, bad input, downloads."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from sodsong.procurement.search.engine import ProjectRow
from sodsong.procurement.search.labels import indicator_title
from sodsong.procurement.templatetags.procurement import _linker
from sodsong.web.templatetags.thai import baht
from tests.procurement.explorer.sample import CMIT, KORAT, NADI, PROJECTS, SILATHONG, SOMYING_SHOP, UDON, pid

pytestmark = pytest.mark.django_db


def _html(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    html = response.content.decode()
    assert not re.search(r"\sstyle=", html) and not re.search(r"<script(?![^>]*\bsrc=)", html)
    return html


def test_before_any_index_the_home_page_says_how_to_load(client: Client, warehouse_path: Path) -> None:
    html = _html(client, "/procurement/")
    assert "sodsong search build" in html
    assert client.get("/procurement/search.json?q=x").status_code == 503


def test_home(client: Client, explorer: Path) -> None:
    html = _html(client, "/procurement/")
    assert "ค้นหาการจัดซื้อจัดจ้างภาครัฐ" in html
    assert "เป็นเพียงการระบุความเสี่ยงเท่านั้น" in html
    assert "วิธีอ่านธงแดง" in html  # the explainer
    assert "ซื้อครุภัณฑ์คอมพิวเตอร์" in html or "จ้างเหมาขุดลอกคลอง" in html or "โรงเรียน" in html
    english = _html(client, "/procurement/?lang=en")
    assert "How to read a red flag" in english


def test_search_tabs_filters_and_summary(client: Client, explorer: Path) -> None:
    html = _html(client, "/procurement/search?q=ถนนคอนกรีต")
    assert "จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 5" in html
    assert 'data-province="TH40"' in html  # the choropleth
    assert "<svg" in html and "2566" in html
    assert re.search(r"โครงการ <span class=\"badge\">2</span>", html)
    flagged = _html(client, "/procurement/search?q=ถนน&flagged=1")
    assert PROJECTS["road"] in flagged and PROJECTS["laterite"] not in flagged
    companies = _html(client, "/procurement/search?q=คอนกรีต&kind=companies")
    assert "บริษัท อุดรคอนกรีต จำกัด" in companies
    agencies = _html(client, "/procurement/search?q=นาดี&kind=agencies")
    assert f"/procurement/agency/{NADI}" in agencies


@pytest.mark.parametrize(
    "query",
    [
        "",
        "ก",
        "ถ" * 10_000,
        "'; DROP TABLE project; --",
        '<script>alert("x")</script>',
        '"',
        'ถนน" OR "',
        "*",
        "NEAR(a b)",
    ],
)
def test_bad_queries_get_a_friendly_page(client: Client, explorer: Path, query: str) -> None:
    response = client.get("/procurement/search", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    if len(query) == 1 and query not in '"*':
        assert "อย่างน้อย 2 ตัวอักษร" in html
    if len(query) > 200:
        assert "200 ตัวอักษรแรก" in html


@pytest.mark.parametrize(
    "params",
    [
        {"fy": "abc"},
        {"min": "lots"},
        {"method": "x"},
        {"page": "0"},
        {"agency": "../../etc"},
        {"province": "Atlantis"},
    ],
)
def test_wrong_filter_types_are_reported_not_fatal(
    client: Client, explorer: Path, params: dict[str, str]
) -> None:
    html = _html(client, "/procurement/search?" + "&".join(f"{k}={v}" for k, v in params.items()))
    assert "ตัวกรองบางรายการไม่ถูกต้อง" in html
    assert client.get("/procurement/search.json", params).status_code == 200


def test_project_page(client: Client, explorer: Path) -> None:
    html = _html(client, f"/procurement/project/{pid('road')}")
    assert "66017123456" in html
    assert "เสนอราคาใกล้ราคากลาง" in html and "เสนอราคาเกาะกลุ่ม" in html
    assert "winning_bid" in html and "2,475,000" in html
    assert html.count("เป็นเพียงการระบุความเสี่ยงเท่านั้น ซึ่งไม่ได้หมายความว่ามีการทุจริตเกิดขึ้นแล้ว") >= 3
    assert "procsearch.sch?projectId=66017123456" in html  # verify at source
    assert "ผู้ชนะ" in html and "ผ่านเข้ารอบต่อไป" in html and "ตกรอบ" in html
    assert "ซื้อเอกสาร" in html  # the funnel's first stage
    assert "ระยะเวลายื่นข้อเสนอสั้น" in html  # R003 not computable, shown as such
    assert "ยังไม่มีรายงานจากประชาชน" in html
    assert "data-province" not in html or "TH40" in html
    assert f"/procurement/company/{SILATHONG}" in html


def test_a_project_without_bids_says_which_indicators_could_not_be_computed(
    client: Client, explorer: Path
) -> None:
    html = _html(client, f"/procurement/project/{pid('drone')}")
    assert "ไม่มีรายชื่อผู้เสนอราคา" in html
    assert "คำนวณไม่ได้สำหรับโครงการนี้" in html
    assert "เสนอราคาใกล้ราคากลาง" in html  # listed as not computable, not as "no flag"


def test_project_number_and_unknown_ids(client: Client, explorer: Path) -> None:
    response = client.get("/procurement/project/66017123456")
    assert response.status_code == 302 and response["Location"].endswith(pid("road"))
    assert "ไม่พบ" in _html(client, "/procurement/project/ocds-nothing-1", 404)
    assert client.get("/procurement/agency/th-agency-nothing").status_code == 404
    assert client.get("/procurement/company/" + "x" * 5000).status_code == 404
    assert client.get("/procurement/project/nothing.json").json()["error"] == "not_found"


def test_agency_page(client: Client, explorer: Path) -> None:
    html = _html(client, f"/procurement/agency/{NADI}")
    assert "องค์การบริหารส่วนตำบลนาดี" in html
    assert "บริษัท ศิลาทองก่อสร้าง จำกัด" in html and "%" in html
    assert "ซื้อวัสดุสำนักงาน" in html  # flagged projects
    assert "<svg" in html


def test_company_page(client: Client, explorer: Path) -> None:
    html = _html(client, f"/procurement/company/{SILATHONG}")
    assert "0105556526019" in html and "นายสมชาย ใจดี" in html
    assert "ตรวจพบความน่าสนใจ" in html
    assert "กรรมการเป็นญาติของนักการเมือง" in html and "บริษัทบริจาคเงินให้พรรคการเมือง" in html
    assert "ที่อยู่เดียวกับ" in html
    assert f"/procurement/company/{KORAT}" in html and f"/procurement/company/{UDON}" in html  # network
    assert 'class="chart network"' in html
    blacklisted = _html(client, f"/procurement/company/{CMIT}")
    assert "ทิ้งงานจ้างซ่อมแซมอาคาร" in blacklisted
    shop = _html(client, f"/procurement/company/{SOMYING_SHOP}")
    assert "รอการยืนยัน" in shop


def test_csv_download_streams_every_match_with_attribution(client: Client, explorer: Path) -> None:
    response = client.get("/procurement/search.csv", {"q": "จ้าง"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 7
    assert all("CC BY" in r["attribution"] for r in rows)
    assert "CC BY" in response["X-Data-Licence"]
    orgs = client.get("/procurement/search.csv", {"q": "คอนกรีต", "kind": "companies"})
    assert "บริษัท อุดรคอนกรีต จำกัด" in b"".join(orgs.streaming_content).decode()


def test_json_twins(client: Client, explorer: Path) -> None:
    body = client.get("/procurement/search.json", {"q": "ถนน", "per_page": "2"}).json()
    assert body["count"] == {"n": 3, "exact": True}
    assert len(body["rows"]) == 2 and body["next"]
    assert "CC BY" in body["licence"]["name"]
    assert body["attribution"][0]["attribution"].startswith("ข้อมูล e-GP")
    project = client.get(f"/procurement/project/{pid('road')}.json").json()
    assert project["flags"][0]["details"]
    assert client.get(f"/procurement/agency/{NADI}.json").json()["agency"]["org_id"] == NADI
    company = json.loads(client.get(f"/procurement/company/{SILATHONG}.json").content)
    assert company["company"]["juristic_id"] == "0105556526019"


def test_pages_carry_an_etag_and_answer_304_until_the_index_changes(client: Client, explorer: Path) -> None:
    url = f"/procurement/project/{pid('road')}"
    client.get(url)  # the first visit sets the CSRF cookie, which is part of the tag
    first = client.get(url)
    tag = first["ETag"]
    assert first.status_code == 200 and tag.startswith('"') and "no-cache" in first["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304 and again["ETag"] == tag and not again.content
    assert client.get(f"/procurement/agency/{NADI}", HTTP_IF_NONE_MATCH=tag).status_code == 200
    assert client.get(url + "?lang=en", HTTP_IF_NONE_MATCH=tag).status_code == 200  # another language
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 200
    assert client.get("/procurement/project/ocds-nothing-1", HTTP_IF_NONE_MATCH=tag).status_code == 404


@pytest.mark.parametrize("kind", ["project", "agency", "company"])
def test_a_page_looks_up_its_index_once_the_one_its_etag_names(
    client: Client, explorer: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    from sodsong.procurement import etag
    from sodsong.procurement.search import engine, store

    key = {"project": pid("road"), "agency": NADI, "company": SILATHONG}[kind]
    found: list[Path] = []

    def counting(link: Path | None = None) -> store.IndexLocation:
        location = store.locate(link)
        found.append(location.path)
        return location

    monkeypatch.setattr(etag, "locate", counting)
    monkeypatch.setattr(engine, "locate", counting)
    response = client.get(f"/procurement/{kind}/{key}")
    assert response.status_code == 200 and response["ETag"]
    assert len(found) == 1  # the ETag's lookup, reused by the view


def test_project_list_tag_escapes_links_and_fills_blanks() -> None:
    from sodsong.procurement.search.engine import ProjectRow
    from sodsong.procurement.templatetags.procurement import project_list

    row = ProjectRow(
        1, "ocds-x-1", None, "<b>ถนน</b>", "th-agency-1", "อบต. <นาดี>", None, None, None, None, None,
        "วิธีเฉพาะเจาะจง", None, None, None, 1500000.0, None, 1200000.0, None, "หจก. ไม่มีเลข", 1,
        "TH-NEAR-REF", None, 1,
    )  # fmt: skip
    html = str(project_list([row]))
    assert "&lt;b&gt;ถนน&lt;/b&gt;" in html and "<b>ถนน</b>" not in html
    assert 'href="/procurement/project/ocds-x-1"' in html
    assert 'href="/procurement/agency/th-agency-1"' in html and "อบต. &lt;นาดี&gt;" in html
    assert "1,500,000" in html and "1,200,000" in html and "หจก. ไม่มีเลข" in html
    assert "/procurement/company/" not in html  # a winner without an id is text, not a link
    assert '<span class="flag">⚑ ' in html
    assert "No projects found." in str(project_list([])) or "ไม่พบโครงการ" in str(project_list([]))


def test_project_list_rows_sharing_an_agency_or_winner_each_render_their_own() -> None:
    """The list makes the markup of a buyer, winner, method or status once: rows must still differ."""
    from dataclasses import replace

    from sodsong.procurement.search.engine import ProjectRow
    from sodsong.procurement.templatetags.procurement import project_list

    base = ProjectRow(
        1, "ocds-x-1", "1", "t", "th-agency-1", "อบต. ก", None, None, None, None, None, "เฉพาะเจาะจง", None,
        None, "สิ้นสุดสัญญา", 1.0, None, None, "th-dbd-1", "บริษัท ก", 0, None, None, 1,
    )  # fmt: skip
    rows = [
        base,
        replace(base, process_id="ocds-x-2", winner_id=None, winner_name="บริษัท ก", status=None),
        replace(base, process_id="ocds-x-3", buyer_id=None, method_details="วิธีคัดเลือก", winner_name=None),
        replace(base, process_id="ocds-x-4", buyer_name="อบต. ข", status="เฉพาะเจาะจง"),
    ]
    items = str(project_list(rows)).split("<li ")[1:]
    assert len(items) == 4
    assert "/procurement/company/th-dbd-1" in items[0] and "บริษัท ก" in items[0]
    assert "/procurement/company/" not in items[1] and "บริษัท ก" in items[1] and "สิ้นสุดสัญญา" not in items[1]
    assert "/procurement/agency/" not in items[2] and "วิธีคัดเลือก" in items[2] and "บริษัท ก" not in items[2]
    assert (
        "อบต. ข" in items[3] and "อบต. ก" not in items[3] and items[3].count("<span>เฉพาะเจาะจง</span>") == 2
    )


def test_project_list_tag_gives_the_bytes_format_html_gave(client: Client, explorer: Path) -> None:
    """The tag's hand-escaped markup equals the `format_html` version's on every sample project,
    in Thai and English, and on hostile text."""
    from django.utils import translation

    from sodsong.procurement.search.engine import ProjectRow, open_index
    from sodsong.procurement.search.results import PROJECT_COLUMNS, PROJECT_JOINS
    from sodsong.procurement.templatetags.procurement import project_list

    with open_index() as idx:
        rows = [
            ProjectRow(*r)
            for r in idx.con.execute(f"SELECT {PROJECT_COLUMNS} FROM project p {PROJECT_JOINS}")  # noqa: S608
        ]
    hostile = ProjectRow(
        1, "ocds-x-1/\"'<&", "<1>", "<b>ถนน</b> & 'x'", "th-agency-1?&", "อบต. <นาดี> \"", None, None, "TH10",
        2567, "open", "<m>", None, None, "<s>", 1500000.0, None, 1200000.0, "th-dbd-1 2", "หจก. <ไม่มี>", 1,
        "TH-NEAR-REF <x>", None, 1,
    )  # fmt: skip
    assert len(rows) > 10
    for language in ("th", "en"):
        with translation.override(language):
            for chunk in ([*rows, hostile], [], rows[:1]):
                assert str(project_list(chunk)) == str(_reference_project_list(chunk))


def _reference_project_list(rows: Iterable[ProjectRow]) -> SafeString:
    """The tag as it was written with `format_html`: the faster one must give the same bytes."""
    project, agency, company = (_linker(f"procurement:{k}") for k in ("project", "agency", "company"))
    no, fy, budget, contract, winner = _("No."), _("FY"), _("Budget"), _("Contract"), _("Winner")
    parts = ['<ol class="results">\n']
    for r in rows:
        buyer = (
            format_html('<span><a href="{}">{}</a></span>', agency(r.buyer_id), r.buyer_name or "")
            if r.buyer_id
            else ""
        )
        won = ""
        if r.winner_name:
            who = (
                format_html('<a href="{}">{}</a>', company(r.winner_id), r.winner_name)
                if r.winner_id
                else escape(r.winner_name)
            )
            won = format_html("<span>{}: {}</span>", winner, who)
        flags = ""
        if r.flags:
            flags = format_html(
                '<div class="result-flags">{}</div>',
                format_html_join(
                    "", '<span class="flag">⚑ {}</span> ', ((indicator_title(c),) for c in r.indicator_codes)
                ),
            )
        parts.append(
            format_html(
                '  <li class="result">\n    <a class="result-title" href="{}">{}</a>\n'
                '    <div class="result-meta">\n      <span>{} {}</span>\n      {}\n      <span>{} {}</span>\n'
                "      {}\n      {}\n    </div>\n"
                '    <div class="result-money">\n      <span>{} <b class="num">{}</b></span>\n      {}\n      {}\n'
                "    </div>\n    {}\n  </li>\n",
                project(r.process_id),
                r.title or r.process_id,
                no,
                r.project_no or "-",
                buyer,
                fy,
                r.fiscal_year or "-",
                format_html("<span>{}</span>", r.method_details) if r.method_details else "",
                format_html("<span>{}</span>", r.status) if r.status else "",
                budget,
                baht(r.budget, 0),
                format_html('<span>{} <b class="num">{}</b></span>', contract, baht(r.contract_value, 0))
                if r.contract_value
                else "",
                won,
                flags,
            )
        )
    if len(parts) == 1:
        parts.append(format_html('  <li class="empty">{}</li>\n', _("No projects found.")))
    parts.append("</ol>")
    return mark_safe("".join(parts))  # every part above was escaped by format_html


def test_flag_cards_tag_gives_the_bytes_of_the_flag_template(client: Client, explorer: Path) -> None:
    """The company page's flags, rendered by the tag, equal `_flag.html` included per flag."""
    from datetime import date
    from decimal import Decimal

    from django.template import Context, Template
    from django.test import override_settings
    from django.utils import translation

    from sodsong.procurement.search.engine import open_index
    from sodsong.procurement.search.labels import DISCLAIMER_TH
    from sodsong.procurement.search.org_pages import company_page
    from sodsong.procurement.search.pages import FlagView
    from sodsong.procurement.search.store import connect_details
    from sodsong.procurement.templatetags.procurement import flag_cards
    from sodsong.procurement.views_pages import _detail_items

    included = Template(
        '{% for f, label, items in flags %}{% include "procurement/_flag.html" %}{% endfor %}'
    )
    hostile = FlagView("TH-<X>", "process", "a&b", 1234567.891, {"<k>": "<v> & 'q'", "n": [1, {"a": 2.5}]})
    with open_index() as idx:
        details = connect_details(idx.location.path)
        pages = [
            company_page(details, idx, org)
            for org in (idx.org(r[0]) for r in idx.con.execute("SELECT org_id FROM org WHERE NOT is_agency"))
            if org is not None
        ]
        details.close()
    # Values of every number type the tag formats itself (grouping on and off), and others.
    values = [1e20, -0.5, 1e-7, 0.0, 1234567, -42, Decimal("1234.5600"), True, "1 < 2", date(2024, 1, 2)]
    numbers = [FlagView("TH-N", "org", None, v, {"k": "v"}) for v in values]  # type: ignore[arg-type]
    flags = [f for page in pages for f in page.flags] + [
        hostile,
        FlagView("TH-Y", "org", None, None, {}),
        *numbers,
    ]
    assert len(flags) > 5
    for language, grouping in (("th", False), ("en", False), ("th", True), ("en", True)):
        with translation.override(language), override_settings(USE_THOUSAND_SEPARATOR=grouping):
            triples = [(f, indicator_title(f.indicator), _detail_items(f.details)) for f in flags]
            expected = included.render(Context({"flags": triples, "disclaimer": DISCLAIMER_TH}))
            assert str(flag_cards(triples, DISCLAIMER_TH)) == expected
