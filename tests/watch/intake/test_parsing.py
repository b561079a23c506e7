"""The readers of citizens' answers: Thai date phrases, amounts, e-GP numbers, places."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from sodsong.watch.conversation.parsing import (
    clean_text,
    parse_amount,
    parse_egp_number,
    parse_place,
    parse_when,
    parse_yes_no,
)

TODAY = datetime.date(2024, 3, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("วันนี้", datetime.date(2024, 3, 15)),
        ("เมื่อวาน", datetime.date(2024, 3, 14)),
        ("เมื่อวานนี้", datetime.date(2024, 3, 14)),
        ("เมื่อวานซืน", datetime.date(2024, 3, 13)),
        ("สัปดาห์ที่แล้ว", datetime.date(2024, 3, 8)),
        ("อาทิตย์ที่แล้ว", datetime.date(2024, 3, 8)),
        ("เดือนที่แล้ว", datetime.date(2024, 2, 15)),
        ("ปีที่แล้ว", datetime.date(2023, 3, 15)),
        ("เมื่อ 3 วันก่อน", datetime.date(2024, 3, 12)),
        ("3 วันที่แล้ว", datetime.date(2024, 3, 12)),
        ("เมื่อ ๓ วันก่อน", datetime.date(2024, 3, 12)),
        ("2 สัปดาห์ก่อน", datetime.date(2024, 3, 1)),
        ("ประมาณ 2 เดือนที่แล้ว", datetime.date(2024, 1, 15)),
        ("1 ปีก่อน", datetime.date(2023, 3, 15)),
        ("10 มีนาคม 2567", datetime.date(2024, 3, 10)),
        ("10 มี.ค. 67", datetime.date(2024, 3, 10)),
        ("๑๐/๐๓/๒๕๖๗", datetime.date(2024, 3, 10)),
        ("2024-03-10", datetime.date(2024, 3, 10)),
        ("มีนาคม", datetime.date(2024, 3, 1)),
        ("เดือนมกราคม", datetime.date(2024, 1, 1)),
        ("ธันวาคม", datetime.date(2023, 12, 1)),
        ("ธันวาคม 2565", datetime.date(2022, 12, 1)),
        ("5 ธ.ค.", datetime.date(2023, 12, 5)),
        ("today", datetime.date(2024, 3, 15)),
        ("Yesterday", datetime.date(2024, 3, 14)),
        ("last month", datetime.date(2024, 2, 15)),
        ("3 days ago", datetime.date(2024, 3, 12)),
        ("February", datetime.date(2024, 2, 1)),
        ("\u200bเมื่อวาน\u200b", datetime.date(2024, 3, 14)),
    ],
)
def test_thai_date_phrases(text: str, expected: datetime.date) -> None:
    assert parse_when(text, TODAY) == expected


@pytest.mark.parametrize(
    "text", ["", "พรุ่งนี้", "asdf", "31 กุมภาพันธ์ 2567", "10 มีนาคม 2570", "32/01/2567", "99 วันก่อนหน้า"]
)
def test_unreadable_or_future_dates(text: str) -> None:
    assert parse_when(text, TODAY) is None


def test_month_ends_are_clamped() -> None:
    assert parse_when("เดือนที่แล้ว", datetime.date(2024, 3, 31)) == datetime.date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50,000", "50000"),
        ("๕๐,๐๐๐ บาท", "50000"),
        ("2 ล้าน", "2000000"),
        ("1.5 ล้านบาท", "1500000"),
        ("5 หมื่น", "50000"),
        ("3 แสน", "300000"),
        ("2 ล้าน 5 แสน", "2500000"),
        ("ประมาณ 20,000 บาท", "20000"),
        ("฿1,234.50", "1234.50"),
        ("50k", "50000"),
        ("2 million", "2000000"),
    ],
)
def test_amounts(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "ไม่รู้", "1,2,3", "-5", "0", "1e6", "หลายบาท", "9" * 20])
def test_unreadable_amounts(text: str) -> None:
    assert parse_amount(text) is None


def test_egp_numbers() -> None:
    assert parse_egp_number("67019123456") == "67019123456"
    assert parse_egp_number("๖๗๐๑๙ ๑๒๓-๔๕๖") == "67019123456"
    assert parse_egp_number("6701912345") is None
    assert parse_egp_number("670191234567") is None
    assert parse_egp_number("abc") is None


def test_places() -> None:
    assert parse_place("อ.แม่ริม จ.เชียงใหม่") == ("TH50", "แม่ริม")
    assert parse_place("เชียงใหม่") == ("TH50", "")
    assert parse_place("Chiang Mai") == ("TH50", "")
    assert parse_place("กทม.") == ("TH10", "")
    assert parse_place("123 ถนนสีลม แขวงสุริยวงศ์ เขตบางรัก กรุงเทพมหานคร 10500 ประเทศไทย") == ("TH10", "บางรัก")
    assert parse_place("อำเภอเมือง ขอนแก่น") == ("TH40", "เมือง")
    assert parse_place("ไม่รู้ที่ไหน") is None


def test_yes_no_and_cleaning() -> None:
    assert parse_yes_no("ได้") is True and parse_yes_no("ไม่") is False and parse_yes_no("อาจจะ") is None
    assert clean_text("\u200bสวัสดี\u200c\ufeff ") == "สวัสดี"


def test_english_places() -> None:
    assert parse_place("Mae Rim district, Chiang Mai") == ("TH50", "Mae Rim")
    assert parse_place("Bang Kapi District, Bangkok") == ("TH10", "Bang Kapi")


def test_places_written_without_spaces() -> None:
    assert parse_place("อำเภอแม่ริมจังหวัดเชียงใหม่") == ("TH50", "แม่ริม")
    assert parse_place("เขตปทุมวันแขวงลุมพินี กรุงเทพฯ") == ("TH10", "ปทุมวัน")
