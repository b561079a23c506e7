"""The real e-GP sample files import completely, and their rows read back field by field."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from sodsong.procurement import warehouse
from sodsong.procurement.sources.runs import import_egp
from sodsong.procurement.warehouse.schema import table
from tests.procurement.sources.egp_files import DRONE, ICS


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """Both sample files imported once for this module's tests (they only read)."""
    path = tmp_path_factory.mktemp("samples") / "warehouse.duckdb"
    return path, import_egp([DRONE, ICS], warehouse_path=path)


@pytest.fixture
def both(imported: tuple[Path, Any]) -> Any:
    return imported[1]


@pytest.fixture
def query(imported: tuple[Path, Any]) -> Callable[..., Any]:
    def run(sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        with warehouse.open(imported[0]) as con:
            return con.execute(sql, params or []).fetchall()

    return run


def test_both_sample_files_import_every_row(
    both: Any, query: Callable[..., Any], imported: tuple[Path, Any]
) -> None:
    assert [(Path(f.file).name, f.layout, f.read, f.imported, f.rejected) for f in both.files] == [
        ("egp_drone_projects.csv", "egp-extract", 2401, 2401, 0),
        ("ics_egp_contracts.csv", "egp-api", 5, 5, 0),
    ]
    assert both.errors == []
    # Two projects are in both files: one process and one award each, the extract's row merged.
    assert query("SELECT count(*) FROM process") == [(2404,)]
    assert query("SELECT count(*) FROM award") == [(2404,)]
    assert query("SELECT status, count(*) FROM source_row GROUP BY 1 ORDER BY 1") == [
        ("imported", 2404),
        ("merged", 2),
    ]
    with warehouse.open(imported[0]) as con:
        assert warehouse.duplicate_keys(con) == {}


def _row(query: Callable[..., Any], project_no: str, source: str) -> dict[str, Any]:
    rows = query(
        "SELECT e.* FROM egp_row e JOIN source_file f USING (source_file_id) WHERE project_no = ? AND f.file_name = ?",
        [project_no, source],
    )
    assert len(rows) == 1
    names = list(table("egp_row").column_names)
    return dict(zip(names, rows[0], strict=True))


def test_an_extract_row_with_a_mangled_id_and_the_method_in_its_name(
    both: Any, query: Callable[..., Any]
) -> None:
    row = _row(query, "65057360721", "egp_drone_projects.csv")
    assert row["source_line"] == 2
    assert row["agency"] == "กรมอุทยานแห่งชาติ สัตว์ป่าและพันธุ์พืช"
    assert row["sub_agency"] == "กรมอุทยานแห่งชาติ สัตว์ป่า และพันธุ์พืช กรุงเทพฯ"
    assert row["method_group_raw"] == "วิธีการจัดหา ประกาศเชิญชวนทั่วไป คัดเลือก เฉพาะเจาะจง"
    assert (row["method_details"], row["method_source"], row["procurement_method"]) == (
        "คัดเลือก",
        "project_name",
        "selective",
    )
    assert row["budget"] == Decimal("48735000.00")
    assert row["reference_price"] == Decimal("48685000.00")
    assert row["agreed_price"] == Decimal("48085800.00")
    assert row["contract_amount"] == Decimal("48085800.00")
    assert (row["winner_id_raw"], row["winner_id"], row["winner_id_status"]) == (
        "1.05559E+11",
        None,
        "excel_mangled",
    )
    assert row["winner_name"] == "บริษัท ซีอินสไพร์ จำกัด"
    assert (row["date_published_raw"], row["date_published"]) == (None, None)
    assert row["fiscal_year"] == 2565
    assert (row["province"], row["province_code"], row["district"]) == ("กรุงเทพมหานคร", "TH10", "จตุจักร")


def test_an_original_row_with_a_usable_id_and_swapped_method_columns(
    both: Any, query: Callable[..., Any]
) -> None:
    row = _row(query, "67119524444", "ics_egp_contracts.csv")
    assert row["method_raw"] == "วิธีการจัดหา ประกาศเชิญชวนทั่วไป คัดเลือก เฉพาะเจาะจง"
    assert row["method_group_raw"] == "เฉพาะเจาะจง"
    assert (row["method_details"], row["method_source"], row["procurement_method"]) == (
        "เฉพาะเจาะจง",
        "column",
        "direct",
    )
    assert (row["winner_id"], row["winner_id_status"]) == ("0305560001659", "valid")
    assert row["transaction_date"] == datetime.date(2025, 1, 17)
    assert (row["contract_no"], row["contract_signed"], row["contract_end"]) == (
        "C68000246",
        datetime.date(2025, 1, 17),
        datetime.date(2025, 3, 18),
    )
    assert (row["budget"], row["reference_price"], row["agreed_price"]) == (
        Decimal("150000.00"),
        Decimal("136809.00"),
        Decimal("136809.00"),
    )
    assert row["fiscal_year"] == 2568


def test_a_process_reads_back_with_its_award_contract_and_supplier(
    both: Any, query: Callable[..., Any]
) -> None:
    (process,) = query(
        "SELECT project_no, title, buyer_name, procuring_entity_name, procurement_method, method_details, "
        "main_procurement_category, budget, reference_price, date_published, status_details, tender_status "
        "FROM process WHERE process_id = 'ocds-sodsong-egp-65117587281'"
    )
    assert process == (
        "65117587281",
        "ประกวดราคาซื้อรายการ ชุดปฏิบัติการระบบอากาศยานไร้คนขับ จำนวน ๑ ชุด ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
        "มหาวิทยาลัยเทคโนโลยีพระจอมเกล้าพระนครเหนือ",
        "สำนักงานอธิการบดี",
        "open",
        "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
        "goods",
        Decimal("9950000.00"),
        Decimal("9950000.00"),
        datetime.date(2022, 12, 13),
        "ระหว่างดำเนินการ",
        "active",
    )
    (award,) = query(
        "SELECT a.value_amount, a.winner_id_status, a.winner_name, s.org_id FROM award a "
        "JOIN award_supplier s USING (award_id) WHERE a.process_id = 'ocds-sodsong-egp-65117587281'"
    )
    assert award[:3] == (Decimal("9890000.00"), "excel_mangled", "บริษัท ไอครีเอทีฟซิสเตมส์ จำกัด")
    assert award[3].startswith("th-name-")
    (contract,) = query(
        "SELECT contract_no, date_signed, period_end, value_amount, status_details, status FROM contract "
        "WHERE process_id = 'ocds-sodsong-egp-65117587281'"
    )
    assert contract == (
        "สนอ. 10/2566",
        datetime.date(2023, 1, 24),
        datetime.date(2023, 5, 24),
        Decimal("9890000.00"),
        "ระหว่างดำเนินการ",
        "active",
    )


def test_a_mangled_winner_is_only_suggested_as_the_registered_company(
    both: Any, query: Callable[..., Any]
) -> None:
    matches = query(
        "SELECT subject_name, candidate_id, status FROM name_match WHERE candidate_id = 'th-dbd-0305560001659'"
    )
    assert matches == [("บริษัท ไอครีเอทีฟซิสเตมส์ จำกัด", "th-dbd-0305560001659", "suggested")]
    # A suggestion changes nothing until a person confirms it.
    assert query(
        "SELECT count(*) FROM organisation WHERE name_key = 'ไอครีเอทีฟซิสเตมส์' AND resolved_id <> org_id"
    ) == [(0,)]


def test_persons_ids_are_never_stored(both: Any, query: Callable[..., Any]) -> None:
    assert query("SELECT count(*) FROM egp_row WHERE winner_id_raw LIKE '%xxxx'") == [(0,)]
    withheld = query("SELECT count(*) FROM egp_row WHERE winner_id_status = 'person_id_withheld'")[0][0]
    assert withheld > 600
    assert query(
        "SELECT count(*) FROM award WHERE winner_id_status = 'person_id_withheld' AND winner_id_raw IS NOT NULL"
    ) == [(0,)]


def test_agencies_and_procuring_entities_are_organisations(both: Any, query: Callable[..., Any]) -> None:
    (row,) = query(
        "SELECT b.kind, b.name, pe.kind, pe.name, pe.parent_id = b.org_id FROM process p "
        "JOIN organisation b ON b.org_id = p.buyer_id JOIN organisation pe ON pe.org_id = p.procuring_entity_id "
        "WHERE p.project_no = '64097344169'"
    )
    assert row == ("agency", "มหาวิทยาลัยเทคโนโลยีสุรนารี", "agency", "เทคโนธานี", True)
