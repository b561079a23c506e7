"""Every trap of the data.go.th e-GP CSV (docs/warehouse.md), each with its own test."""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from sodsong.procurement import warehouse
from sodsong.procurement.sources.egp_csv import date_lookup_select
from sodsong.procurement.sources.egp_sql import METHOD_RULES, define_egp_macros
from sodsong.procurement.sources.runs import import_egp
from sodsong.thai import (
    THAI_MONTHS_LONG,
    THAI_MONTHS_SHORT,
    ThaiDateError,
    company_match_key,
    parse_thai_date,
    to_thai_digits,
)
from tests.procurement.sources.conftest import one
from tests.procurement.sources.egp_files import (
    HEADER_26,
    HEADER_28,
    HEADER_31,
    ics_rows,
    render,
    rows_28,
    rows_31,
    write,
)

Run = Callable[..., Any]
Query = Callable[..., list[tuple[Any, ...]]]
FIELDS = "project_no, province, district, subdistrict, winner_name, contract_no, contract_signed, contract_amount, contract_status"
EXPECTED_2568 = (
    "67119524444",
    "กรุงเทพมหานคร",
    "ทุ่งครุ",
    "บางมด",
    "บริษัท ไอครีเอทีฟซิสเตมส์ จำกัด",
    "C68000246",
    datetime.date(2025, 1, 17),
    Decimal("136809.00"),
    "ระหว่างดำเนินการ",
)


# Trap 1: headers that do not match the data.
@pytest.mark.parametrize(
    ("header", "layout_note"),
    [
        (HEADER_28, "columns named by the header (28 cells)"),
        (HEADER_26, "header has 26 cells but rows have 28 fields"),
        (HEADER_31, "header has 31 cells"),
    ],
)
def test_28_field_rows_land_in_the_right_fields_whatever_the_header(
    tmp_path: Path, egp: Run, query: Query, header: list[str], layout_note: str
) -> None:
    path = write(tmp_path / "2568-egp-contract-1.csv", render(header, rows_28(ics_rows())))
    summary = egp(path)
    assert (summary.read, summary.imported, summary.rejected) == (5, 5, 0)
    assert layout_note in (summary.files[0].layout_note or "")
    rows = query(f"SELECT {FIELDS} FROM egp_row ORDER BY source_line")
    assert rows[-1] == EXPECTED_2568
    assert [r[1] for r in rows] == ["นครราชสีมา", "นครราชสีมา", "กรุงเทพมหานคร", "นนทบุรี", "กรุงเทพมหานคร"]


def test_31_field_rows_with_their_english_columns(tmp_path: Path, egp: Run, query: Query) -> None:
    path = write(tmp_path / "2566-cgd-contract-1.csv", render(HEADER_31, rows_31(ics_rows())))
    summary = egp(path)
    assert summary.files[0].layout == "egp-31"
    assert query(f"SELECT {FIELDS} FROM egp_row WHERE project_no = '67119524444'") == [EXPECTED_2568]
    assert query("SELECT province_code FROM egp_row WHERE project_no = '67069142413'") == [("TH12",)]


def test_a_file_whose_columns_cannot_be_told_apart_is_refused_whole(
    tmp_path: Path, egp: Run, query: Query
) -> None:
    rows = [["x"] * 20, ["y"] * 20]
    path = write(tmp_path / "other.csv", render([f"col{i}" for i in range(20)], rows))
    summary = egp(path)
    assert summary.imported == 0
    assert "cannot tell which column is which" in summary.errors[0]
    assert str(path) in summary.errors[0]
    assert query("SELECT count(*) FROM source_file") == [(0,)]


# Trap 2: ids Excel destroyed are kept as published and never repaired.
def test_excel_mangled_ids_are_unusable_and_kept_as_published(tmp_path: Path, egp: Run, query: Query) -> None:
    rows = rows_28(ics_rows())
    rows[0][HEADER_28.index("เลขนิติบุคคล")] = "1.05559E+11"
    rows[1][HEADER_28.index("เลขนิติบุคคล")] = "305560001659"  # the leading zero Excel dropped
    egp(write(tmp_path / "f.csv", render(HEADER_28, rows)))
    assert query("SELECT winner_id_raw, winner_id, winner_id_status FROM egp_row ORDER BY source_line")[
        :2
    ] == [
        ("1.05559E+11", None, "excel_mangled"),
        ("305560001659", None, "excel_mangled"),
    ]


# Trap 3: BE dates with Thai months, `-` for null, Thai digits.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15-ก.ย.-64", datetime.date(2021, 9, 15)),
        ("17 ม.ค. 68", datetime.date(2025, 1, 17)),
        ("๑๗ ม.ค. ๖๘", datetime.date(2025, 1, 17)),
        ("10 มีนาคม 2564", datetime.date(2021, 3, 10)),
        ("10/03/2564", datetime.date(2021, 3, 10)),
        ("2021-03-10", datetime.date(2021, 3, 10)),
        ("-", None),
        ("", None),
    ],
)
def test_thai_dates_parse_in_the_import(
    tmp_path: Path, egp: Run, query: Query, text: str, expected: Any
) -> None:
    rows = rows_28(ics_rows()[:1])
    rows[0][HEADER_28.index("วันที่ลงนามสัญญา")] = text
    egp(write(tmp_path / "f.csv", render(HEADER_28, rows)))
    assert query("SELECT contract_signed FROM egp_row") == [(expected,)]


def test_thai_digits_in_amounts_and_ids(tmp_path: Path, egp: Run, query: Query) -> None:
    rows = rows_28(ics_rows()[4:])
    rows[0][HEADER_28.index("งบประมาณ(บาท)")] = "๑๕๐,๐๐๐"
    rows[0][HEADER_28.index("เลขนิติบุคคล")] = to_thai_digits("0305560001659")
    egp(write(tmp_path / "f.csv", render(HEADER_28, rows)))
    assert query("SELECT budget, winner_id FROM egp_row") == [(Decimal("150000.00"), "0305560001659")]


def _corpus() -> list[str]:
    """Dates as sources write them, and near misses, with Arabic and Thai digits."""
    rng = random.Random(2567)
    months = [*THAI_MONTHS_SHORT, *THAI_MONTHS_LONG, "ก.พ", "มี.ค", "Mar", "sep", "xyz", ""]
    texts = {"", "-", "–", " - ", "31-ก.พ.-64", "29-ก.พ.-63", "29-ก.พ.-64", "0-ม.ค.-64", "1-ม.ค.-1"}
    for _ in range(3000):
        day, month, year = (
            rng.randint(0, 33),
            rng.choice(months),
            rng.choice([rng.randint(0, 99), rng.randint(1800, 2700)]),
        )
        texts.add(f"{day}{rng.choice(['-', ' ', '  '])}{month}{rng.choice(['-', ' '])}{year}")
        texts.add(f"{day}/{rng.randint(0, 13)}/{year}")
        texts.add(f"{rng.randint(1890, 2210)}-{rng.randint(0, 13):02d}-{day:02d}")
        texts.add("".join(rng.choice("0123456789-/ .กข") for _ in range(rng.randint(1, 10))))
    return sorted(texts | {to_thai_digits(t) for t in texts})


def test_the_sql_date_parser_agrees_with_the_thai_toolkit() -> None:
    texts = _corpus()
    con = duckdb.connect()
    define_egp_macros(con)
    con.register("texts", pa.table({"raw": texts}))
    parsed = dict(con.execute(date_lookup_select("SELECT raw FROM texts")).fetchall())
    mismatches = []
    for text in texts:
        try:
            expected = parse_thai_date(text)
        except ThaiDateError:
            expected = None
        if parsed.get(text) != expected and not (expected is None and text.strip() in ("", "-", "–")):
            mismatches.append((text, parsed.get(text), expected))
    assert mismatches == []
    assert len(texts) > 10000


# Trap 4: encodings.
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874"])
def test_every_encoding_imports_the_same_rows(tmp_path: Path, egp: Run, query: Query, encoding: str) -> None:
    path = write(tmp_path / "f.csv", render(HEADER_28, rows_28(ics_rows())), encoding)
    summary = egp(path)
    assert summary.files[0].encoding == encoding
    assert query(f"SELECT {FIELDS} FROM egp_row WHERE project_no = '67119524444'") == [EXPECTED_2568]


# Trap 6: method names before and after the 2017 Act, and methods written in the project name.
@pytest.mark.parametrize(
    ("method", "ocds"),
    [
        ("ประกวดราคา", "open"),
        ("ประกวดราคานานาชาติ", "open"),
        ("ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", "open"),
        ("ตกลงราคา", "direct"),
        ("สอบราคา", "open"),
        ("ตลาดอิเล็กทรอนิกส์ (e-market)", "open"),
        ("พิเศษ", "limited"),
        ("กรณีพิเศษ", "direct"),
        ("คัดเลือก", "selective"),
        ("เฉพาะเจาะจง", "direct"),
        ("อื่นๆ", None),
    ],
)
def test_method_names_map_to_ocds(
    tmp_path: Path, egp: Run, query: Query, method: str, ocds: str | None
) -> None:
    rows = rows_28(ics_rows()[:1])
    rows[0][HEADER_28.index("วิธีจัดซื้อฯ")] = method
    egp(write(tmp_path / "f.csv", render(HEADER_28, rows)))
    assert query("SELECT method_details, method_source, procurement_method FROM egp_row") == [
        (method, "column", ocds)
    ]
    assert query(
        "SELECT procurement_method_details FROM (SELECT method_details AS procurement_method_details FROM process)"
    ) == [(method,)]


def test_every_method_rule_is_exercised() -> None:
    # The table above covers each rule (e-auction and the junk value are covered elsewhere).
    assert {ocds for _, ocds in METHOD_RULES} == {"open", "selective", "direct", "limited", None}


@pytest.mark.parametrize(
    ("title", "details", "ocds"),
    [
        ("ซื้อโดรน จำนวน 1 ลำ โดยวิธีเฉพาะเจาะจง", "เฉพาะเจาะจง", "direct"),
        (
            "ประกวดราคาซื้อ ... ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
            "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
            "open",
        ),
        ("จ้างสำรวจ โดยวิธีคัดเลือก", "คัดเลือก", "selective"),
        ("ซื้อวัสดุตามวิธีการที่กำหนด", None, None),
    ],
)
def test_the_method_in_the_project_name_replaces_the_junk_column(
    tmp_path: Path, egp: Run, query: Query, title: str, details: str | None, ocds: str | None
) -> None:
    rows = rows_28(ics_rows()[:1])
    rows[0][HEADER_28.index("ชื่อโครงการ")] = title
    rows[0][HEADER_28.index("วิธีจัดซื้อฯ")] = "วิธีการจัดหา ประกาศเชิญชวนทั่วไป คัดเลือก เฉพาะเจาะจง"
    rows[0][HEADER_28.index("กลุ่มวิธีจัดซื้อฯ")] = "งานจ้างที่ปรึกษา"
    egp(write(tmp_path / "f.csv", render(HEADER_28, rows)))
    source = "project_name" if details else "none"
    assert query("SELECT method_details, method_source, procurement_method FROM egp_row") == [
        (details, source, ocds)
    ]


# Several rows of one project: one process, several awards and contracts.
def test_rows_of_one_project_become_one_process_with_several_contracts(
    tmp_path: Path, egp: Run, query: Query
) -> None:
    rows = [list(rows_28(ics_rows()[4:])[0]) for _ in range(3)]
    for number, row in enumerate(rows, start=1):
        row[HEADER_28.index("ชื่อผู้ชนะ")] = f"บริษัท ผู้ชนะ {number} จำกัด"
        row[HEADER_28.index("เลขที่สัญญา")] = f"C-{number}"
        row[HEADER_28.index("งบสัญญา(บาท)")] = f"{number}000"
        row[HEADER_28.index("เลขนิติบุคคล")] = "-"
    egp(write(tmp_path / "f.csv", render(HEADER_28, rows)))
    assert query("SELECT count(*) FROM process") == [(1,)]
    assert query("SELECT count(*), count(DISTINCT award_id) FROM contract") == [(3, 3)]
    assert query("SELECT contract_no, value_amount FROM contract ORDER BY contract_no") == [
        ("C-1", Decimal("1000.00")),
        ("C-2", Decimal("2000.00")),
        ("C-3", Decimal("3000.00")),
    ]
    assert query("SELECT count(DISTINCT org_id) FROM award_supplier") == [(3,)]


def test_a_zero_agreed_price_is_a_pending_award(tmp_path: Path, egp: Run, query: Query) -> None:
    rows = rows_28(ics_rows()[4:])
    rows[0][HEADER_28.index("ราคาตกลงซื้อ/จ้าง")] = "0"
    egp(write(tmp_path / "f.csv", render(HEADER_28, rows)))
    assert query("SELECT status, value_amount FROM award") == [("pending", Decimal("0.00"))]


def test_a_company_named_differently_keeps_the_match_key_of_the_name_it_is_shown_by(
    tmp_path: Path, warehouse_path: Path
) -> None:
    """One juristic id under two names (in two files): the organisation takes the first name
    (by file and line) and its match key must be that name's key, whatever order the files are
    imported in, or name matches pair it with the wrong suppliers."""
    files = []
    for number, name in enumerate(("บริษัท ไอครีเอทีฟซิสเตมส์ จำกัด", "บริษัท พรูเดนเทล จำกัด"), start=1):
        row = list(rows_28(ics_rows()[:1])[0])
        row[HEADER_28.index("รหัสโครงการ")] = f"6500000000{number}"
        row[HEADER_28.index("เลขนิติบุคคล")] = "0305560001659"
        row[HEADER_28.index("ชื่อผู้ชนะ")] = name
        files.append(write(tmp_path / f"f{number}.csv", render(HEADER_28, [row])))
    for order, paths in enumerate((files, files[::-1])):
        path = tmp_path / f"w{order}" / "warehouse.duckdb"
        import_egp(paths, warehouse_path=path)
        with warehouse.open(path) as con:
            name, key = one(
                con, "SELECT name, name_key FROM organisation WHERE org_id = 'th-dbd-0305560001659'"
            )
        assert key == company_match_key(name), (order, name, key)
