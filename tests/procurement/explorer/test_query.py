"""Reading the search box and the filters from a query string."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from sodsong.procurement.search.build import duckdb_normalise_macro
from sodsong.procurement.search.query import MAX_QUERY, parse_query, parse_request
from sodsong.thai import normalize_text


def test_words_phrases_and_thai_digits() -> None:
    parsed = parse_query('  "ถนน คอนกรีต"   หมู่ที่ ๕ ')
    assert parsed.terms == ("ถนน คอนกรีต", "หมู่ที่", "5")
    assert parsed.short  # "5" is shorter than a trigram


def test_numbers_ids_and_provinces_are_recognised() -> None:
    assert parse_query("๖๕๐๕๗๓๖๐๗๒๑").project_no == "65057360721"
    assert parse_query("0105556526019").juristic_id == "0105556526019"
    assert parse_query("0-1055-56526-01-9").juristic_id == "0105556526019"
    assert parse_query("จ.ขอนแก่น").province_code == "TH40"
    assert parse_query("").empty


def test_a_huge_query_is_cut_and_says_so() -> None:
    parsed = parse_query("ถนน" * 5000)
    assert parsed.truncated
    assert len(parsed.text) == MAX_QUERY


def test_filters_are_read_and_wrong_values_reported() -> None:
    req = parse_request(
        {"q": "ถนน", "fy": "๒๕๖๗", "province": "ขอนแก่น", "method": "open", "min": "1,000", "flagged": "1"}
    )
    assert req.filters.fiscal_year == 2567
    assert req.filters.province == "TH40"
    assert req.filters.amount_min == Decimal("1000")
    assert req.filters.flagged and not req.errors
    bad = parse_request({"fy": "abc", "method": "cheap", "min": "lots", "page": "-1", "agency": "<script>"})
    assert {field for field, _expected in bad.errors} == {"fy", "method", "min", "page", "agency"}
    assert bad.filters == parse_request({}).filters
    assert bad.page == 1


def test_the_url_round_trips() -> None:
    req = parse_request({"q": "ถนน", "fy": "2567", "flagged": "1", "sort": "amount_desc", "page": "3"})
    again = parse_request(
        dict(item.split("=", 1) for item in req.url().lstrip("?").split("&")) | {"q": "ถนน"}
    )
    assert again.filters == req.filters and again.sort == req.sort and again.page == 3


@pytest.mark.parametrize(
    "text",
    ["  ถนน\u200bคอนกรีต  เสริม\tเหล็ก ", "หมู่ที่ ๑๒", "Cafe\u0301  ONE", "ก\u00a0ข", "ไม้\u2060ยาง\ufeff"],
)
def test_the_index_normalises_text_like_python(text: str) -> None:
    con = duckdb.connect()
    con.execute(duckdb_normalise_macro())
    row = con.execute("SELECT norm(?)", [text]).fetchone()
    assert row is not None and row[0] == normalize_text(text)
