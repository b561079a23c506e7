"""The schema as code: DDL, documentation, provinces and keys agree with each other."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest

from sodsong.procurement.warehouse import keys, schema
from sodsong.thai import fold_spaces
from sodsong.thai.provinces import PROVINCES

REPO = Path(__file__).resolve().parents[3]


def test_every_table_is_created_with_its_columns_in_order() -> None:
    con = duckdb.connect()
    schema.create_schema(con)
    for t in schema.TABLES:
        columns = [row[0] for row in con.execute(f'DESCRIBE "{t.name}"').fetchall()]
        assert columns == list(t.column_names), t.name
        assert set(t.primary_key) <= set(t.column_names), t.name


def test_every_row_keeps_its_source_file_and_line() -> None:
    exempt = {"meta", "source_file", "province", "award_supplier", "name_match", "rejection", "source_row"}
    for t in schema.TABLES:
        if t.name not in exempt:
            assert {"source_file_id", "source_line"} <= set(t.column_names), t.name


def test_money_is_decimal_and_dates_are_dates() -> None:
    for t in schema.TABLES:
        for c in t.columns:
            if c.name in {"budget", "reference_price", "value_amount", "amount", "capital", "unit_price"}:
                assert c.type == "DECIMAL(18,2)", (t.name, c.name)
            if c.name.endswith("_date") or c.name in {"date_published", "date_signed", "period_end"}:
                assert c.type == "DATE", (t.name, c.name)


def test_checks_reject_values_outside_the_codelists() -> None:
    con = duckdb.connect()
    schema.create_schema(con)
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO bid (bid_id, process_id, tenderer_id, stage) VALUES ('b', 'p', 't', 'won')")
    con.execute("INSERT INTO bid (bid_id, process_id, tenderer_id, stage) VALUES ('b', 'p', 't', 'priced')")


def test_a_warehouse_of_another_version_is_refused() -> None:
    con = duckdb.connect()
    schema.create_schema(con)
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(schema.SchemaVersionError, match="999"):
        schema.create_schema(con)


def test_duplicate_keys_are_found() -> None:
    con = duckdb.connect()
    schema.create_schema(con)
    assert schema.duplicate_keys(con) == {}
    con.execute("INSERT INTO province VALUES ('TH10', 'ซ้ำ', 'Duplicate')")
    assert schema.duplicate_keys(con) == {"province": 1}


def test_docs_show_the_schema_exactly() -> None:
    text = (REPO / "docs" / "warehouse.md").read_text()
    match = re.search(r"<!-- schema:begin -->\n(.*)<!-- schema:end -->", text, re.S)
    assert match, "docs/warehouse.md lacks the schema markers"
    assert match.group(1).strip() == schema.markdown().strip(), (
        "docs/warehouse.md is out of date: paste `python -m sodsong.procurement.warehouse.schema`"
    )


def test_the_province_table_is_the_shared_list(sample_data: Path) -> None:
    con = duckdb.connect()
    schema.create_schema(con)
    assert sorted(con.execute("SELECT * FROM province").fetchall()) == sorted(PROVINCES)


def test_provinces_agree_with_the_geojson(sample_data: Path) -> None:
    features = json.loads((sample_data / "geo" / "th_adm1.geojson").read_text())["features"]
    expected = sorted(
        (f["properties"]["ADM1_PCODE"], f["properties"]["ADM1_TH"], f["properties"]["ADM1_EN"])
        for f in features
    )
    assert sorted(PROVINCES) == expected
    assert len(PROVINCES) == 77


@pytest.mark.parametrize(
    "name",
    ["กรมชลประทาน", "  กรม\u200bชล  ประทาน\u00a0", "สำนักงาน\u2009ตำรวจ\tแห่งชาติ\n", "A\x0bB\u3000C"],
)
def test_sql_keys_equal_python_keys(name: str) -> None:
    con = duckdb.connect()
    keys.define_key_macros(con)
    assert con.execute("SELECT fold(?)", [name]).fetchone() == (fold_spaces(name),)
    assert con.execute("SELECT agency_id(?)", [name]).fetchone() == (keys.agency_id(name),)
    assert con.execute("SELECT egp_process_id('65057360721')").fetchone() == (
        keys.egp_process_id("65057360721"),
    )


def test_keys_are_deterministic_and_readable() -> None:
    assert keys.egp_process_id("65057360721") == "ocds-sodsong-egp-65057360721"
    assert keys.company_id("0305560001659") == "th-dbd-0305560001659"
    same = keys.name_org_id("บริษัท ไอครีเอทีฟซิสเตมส์ จำกัด")
    assert same == keys.name_org_id("บจก. ไอครีเอทีฟซิสเตมส์")
    assert same.startswith("th-name-") and len(same) == len("th-name-") + 16
    assert keys.procuring_entity_id("มหาวิทยาลัยเทคโนโลยีสุรนารี", "เทคโนธานี") == keys.agency_id(
        "มหาวิทยาลัยเทคโนโลยีสุรนารี / เทคโนธานี"
    )
