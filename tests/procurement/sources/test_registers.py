"""Companies (DBD JSON, bulk CSV), politicians (YAML) and the blacklist (CSV): keyed the right way,
linked, as FollowTheMoney entities, bad rows rejected with a clear message."""

from __future__ import annotations

import datetime
import gzip
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model

from sodsong.procurement import warehouse
from sodsong.procurement.sources.runs import (
    import_blacklist,
    import_companies,
    import_egp,
    import_politicians,
)
from sodsong.procurement.warehouse.keys import company_id, name_org_id, person_id
from tests.conftest import SAMPLE_DATA
from tests.procurement.sources.egp_files import ICS

DBD = SAMPLE_DATA / "dbd" / "dbd_ics_0305560001659.json"
PEOPLE = SAMPLE_DATA / "politicians" / "people.yaml"
PARTIES = SAMPLE_DATA / "politicians" / "party.yaml"
Query = Callable[..., list[tuple[Any, ...]]]


def test_a_dbd_profile_becomes_a_company_with_its_directors(warehouse_path: Path, query: Query) -> None:
    summary = import_companies([DBD], warehouse_path=warehouse_path)
    assert (summary.read, summary.imported, summary.rejected) == (1, 1, 0)
    (company,) = query(
        "SELECT kind, name, juristic_id, legal_form, status, registration_date, capital, business_group, tsic_code, "
        "province_code, source_kind FROM organisation WHERE org_id = ?",
        [company_id("0305560001659")],
    )
    assert company == (
        "company",
        "บริษัท ไอครีเอทีฟซิสเตมส์ จำกัด",
        "0305560001659",
        "บริษัทจำกัด",
        "ยังดำเนินกิจการอยู่",
        datetime.date(2017, 3, 9),
        Decimal("5000000.00"),
        "ผลิต",
        "30300",
        "TH30",
        "dbd_json",
    )
    directors = query(
        "SELECT o.name, o.name_key, r.role FROM relation r JOIN organisation o ON o.org_id = r.subject_id "
        "WHERE r.kind = 'director_of' AND r.object_id = ? ORDER BY 1",
        [company_id("0305560001659")],
    )
    assert directors == [
        ("ธิดารัตน์ ตัญตรัยรัตน์", "ธิดารัตน์ ตัญตรัยรัตน์", "กรรมการ"),
        ("ลัดดา ศุภบรรณพงษ์", "ลัดดา ศุภบรรณพงษ์", "กรรมการ"),
    ]


def test_a_dbd_profile_saved_with_a_bom_or_gzipped_reads_the_same(
    tmp_path: Path, warehouse_path: Path, query: Query
) -> None:
    """A Windows editor's BOM and a gzip download are the same profile, not an error."""
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + DBD.read_bytes())
    packed = tmp_path / "profile.json.gz"
    packed.write_bytes(gzip.compress(DBD.read_bytes()))
    summary = import_companies([bom, packed], warehouse_path=warehouse_path)
    assert summary.errors == []
    assert [(f.read, f.imported) for f in summary.files] == [(1, 1), (1, 1)]
    assert query("SELECT count(*) FROM organisation WHERE juristic_id = '0305560001659'") == [(1,)]


def test_every_entity_is_valid_followthemoney(warehouse_path: Path, query: Query) -> None:
    import_companies([DBD], warehouse_path=warehouse_path)
    import_politicians([PARTIES, PEOPLE], warehouse_path=warehouse_path)
    rows = query("SELECT entity_id, schema, properties FROM ftm_entity")
    schemas = {schema for _, schema, _ in rows}
    assert {
        "Company",
        "Person",
        "Directorship",
        "Position",
        "Occupancy",
        "Membership",
        "Organization",
    } <= schemas
    for entity_id, schema, properties in rows:
        proxy = model.get_proxy(
            {"id": entity_id, "schema": schema, "properties": json.loads(properties)}, cleaned=False
        )
        assert all(proxy.get(p) for p in proxy.schema.required), (entity_id, schema)


def test_politicians_hold_positions_and_belong_to_parties(warehouse_path: Path, query: Query) -> None:
    summary = import_politicians([PARTIES, PEOPLE], warehouse_path=warehouse_path)
    assert (summary.read, summary.imported, summary.rejected) == (31 + 1040, 31 + 1040, 0)
    prayut = person_id("politician", "1")
    assert query("SELECT name, birth_date, kind FROM organisation WHERE org_id = ?", [prayut]) == [
        ("ประยุทธ์ จันทร์โอชา", datetime.date(1954, 3, 21), "person")
    ]
    roles = query(
        "SELECT role FROM relation WHERE subject_id = ? AND kind = 'holds_position' ORDER BY 1", [prayut]
    )
    assert roles == [("นายกรัฐมนตรี",), ("รัฐมนตรีว่าการกระทรวงกลาโหม",)]
    assert query("SELECT count(*) FROM organisation WHERE kind = 'party'")[0][0] >= 28
    members = query("SELECT count(*) FROM relation WHERE kind = 'member_of'")[0][0]
    assert members == 530
    # No id derived from a citizen id: person ids come from the directory's own ids.
    assert query(
        "SELECT count(*) FROM organisation WHERE kind = 'person' AND org_id NOT LIKE 'th-person-%'"
    ) == [(0,)]


BULK_HEADER = "juristic_id,name,name_en,legal_form,status,registration_date,capital,business_group,tsic_code,address,province,postal_code,directors"


def test_the_bulk_company_csv(tmp_path: Path, warehouse_path: Path, query: Query) -> None:
    path = tmp_path / "register.csv"
    path.write_text(
        "\n".join(
            [
                BULK_HEADER,
                '0305560001659,บริษัท ไอครีเอทีฟซิสเตมส์ จำกัด,ICREATIVE SYSTEMS,บริษัทจำกัด,ยังดำเนินกิจการอยู่,9 มี.ค. 2560,"5,000,000",ผลิต,30300,"399/15 ต.ไชยมงคล จ.นครราชสีมา 30000",,,นางลัดดา ศุภบรรณพงษ์|นายสมชาย ใจดี',
                "0305560001658,บริษัท เลขผิด จำกัด,,,,2020-01-01,1,,,,,,",
                "0105556526019,บริษัท ทดสอบ จำกัด,,,,31 ก.พ. 2560,1,,,,,,",
                "0105556526019,บริษัท ทดสอบ จำกัด,,,,2017-01-01,หนึ่งล้าน,,,,,,",
                '0105556526019,บริษัท ร่วมที่อยู่ จำกัด,,,,,,,,"399/15 ต.ไชยมงคล  จ.นครราชสีมา 30000",,,',
            ]
        )
        + "\n"
    )
    summary = import_companies([path], warehouse_path=warehouse_path)
    assert (summary.read, summary.imported, summary.rejected) == (5, 2, 3)
    assert [(r.line, r.field, r.value) for r in summary.rejections] == [
        (3, "juristic_id", "0305560001658"),
        (4, "registration_date", "31 ก.พ. 2560"),
        (5, "capital", "หนึ่งล้าน"),
    ]
    assert query(
        "SELECT capital, postal_code, province_code FROM organisation WHERE juristic_id = '0305560001659'"
    ) == [(Decimal("5000000.00"), "30000", "TH30")]
    assert query("SELECT count(*) FROM relation WHERE kind = 'director_of'") == [(2,)]
    assert query("SELECT subject_id, object_id FROM relation WHERE kind = 'same_address'") == [
        (company_id("0105556526019"), company_id("0305560001659"))
    ]


def test_the_registry_outranks_an_egp_row_and_keeps_its_name(warehouse_path: Path, query: Query) -> None:
    import_egp([ICS], warehouse_path=warehouse_path)
    assert query("SELECT source_kind FROM organisation WHERE org_id = ?", [company_id("0305560001659")]) == [
        ("egp_csv",)
    ]
    import_companies([DBD], warehouse_path=warehouse_path)
    assert query(
        "SELECT source_kind, capital FROM organisation WHERE org_id = ?", [company_id("0305560001659")]
    ) == [("dbd_json", Decimal("5000000.00"))]
    import_egp([ICS], warehouse_path=warehouse_path)
    assert query("SELECT source_kind FROM organisation WHERE org_id = ?", [company_id("0305560001659")]) == [
        ("dbd_json",)
    ]


BLACKLIST = "juristic_id,name,date_listed,agency,reason"


def test_the_blacklist(tmp_path: Path, warehouse_path: Path, query: Query) -> None:
    path = tmp_path / "blacklist.csv"
    path.write_text(
        "\n".join(
            [
                BLACKLIST,
                "0305560001659,บริษัท ไอครีเอทีฟซิสเตมส์ จำกัด,10 มี.ค. 2564,กรมชลประทาน,ไม่ส่งมอบงานตามสัญญา",
                ",ห้างหุ้นส่วนจำกัด ไม่มีเลข,2020-05-01,องค์การบริหารส่วนตำบลนาดี,ทิ้งงาน",
                "3101701270009,นายสมชาย ใจดี,1 ม.ค. 2565,กรมทางหลวง,ทิ้งงาน",
                "0305560001658,บริษัท เลขผิด จำกัด,1 ม.ค. 2565,กรมทางหลวง,ทิ้งงาน",
                "0105556526019,บริษัท วันผิด จำกัด,ไม่ทราบ,กรมทางหลวง,ทิ้งงาน",
            ]
        )
        + "\n"
    )
    summary = import_blacklist([path], warehouse_path=warehouse_path)
    assert (summary.read, summary.imported, summary.rejected) == (5, 3, 2)
    assert [(r.line, r.field) for r in summary.rejections] == [(5, "juristic_id"), (6, "date_listed")]
    rows = query("SELECT org_id, juristic_id, date_listed, agency FROM sanction ORDER BY date_listed")
    assert rows == [
        (name_org_id("ห้างหุ้นส่วนจำกัด ไม่มีเลข"), None, datetime.date(2020, 5, 1), "องค์การบริหารส่วนตำบลนาดี"),
        (company_id("0305560001659"), "0305560001659", datetime.date(2021, 3, 10), "กรมชลประทาน"),
        (name_org_id("นายสมชาย ใจดี"), None, datetime.date(2022, 1, 1), "กรมทางหลวง"),
    ]
    # A citizen id is never stored, anywhere.
    with warehouse.open() as con:
        for table in ("sanction", "organisation", "ftm_entity", "rejection"):
            text = (
                con.execute(f"SELECT string_agg(CAST(t AS VARCHAR), '') FROM {table} t").fetchone()[0] or ""
            )
            assert "3101701270009" not in text, table
    assert query("SELECT kind FROM organisation WHERE org_id = ?", [name_org_id("นายสมชาย ใจดี")]) == [
        ("person",)
    ]


@pytest.mark.parametrize(
    ("importer", "content", "message"),
    [
        (import_companies, "", "the file is empty"),
        (import_companies, "a,b\n1,2\n", "expected the company CSV layout"),
        (import_companies, '{"profile": ', "expected a DBD profile as JSON"),
        (import_politicians, "- id: 1\n  name: [unclosed\n", "expected valid YAML"),
        (import_politicians, "just: a mapping\n", "expected a YAML list"),
        (import_blacklist, "x,y\n", "expected the blacklist layout"),
    ],
)
def test_files_of_the_wrong_shape_are_one_clear_error(
    tmp_path: Path, warehouse_path: Path, importer: Callable[..., Any], content: str, message: str
) -> None:
    path = tmp_path / (
        "f.json" if content.startswith("{") else "f.yaml" if importer is import_politicians else "f.csv"
    )
    path.write_text(content)
    summary = importer([path], warehouse_path=warehouse_path)
    (error,) = summary.errors
    assert error.startswith(str(path)) and message in error


def test_reimporting_registers_changes_nothing(tmp_path: Path, warehouse_path: Path) -> None:
    blacklist = tmp_path / "blacklist.csv"
    blacklist.write_text(BLACKLIST + "\n0305560001659,บริษัท ไอครีเอทีฟซิสเตมส์ จำกัด,10 มี.ค. 2564,กรมชลประทาน,x\n")

    def everything() -> dict[str, tuple[int, int]]:
        import_companies([DBD], warehouse_path=warehouse_path)
        import_politicians([PARTIES, PEOPLE], warehouse_path=warehouse_path)
        import_blacklist([blacklist], warehouse_path=warehouse_path)
        with warehouse.open() as con:
            return warehouse.table_checksums(con)

    assert everything() == everything()
