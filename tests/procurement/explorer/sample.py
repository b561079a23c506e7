"""A small, realistic procurement warehouse for the explorer tests (Thai rows, bids, flags).

The story it tells: a road builder (ศิลาทองก่อสร้าง) keeps winning road projects in Khon Kaen
against the same two co-bidders, one of which shares its director; an office-supplies shop known
only by name splits purchases just under 500,000 baht; a blacklisted IT firm wins a computer
purchase in Chiang Mai; drone purchases come from the real e-GP sample (no bid lists, so price
indicators are not computable there).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from sodsong.procurement import warehouse
from sodsong.procurement.search.build import build_index
from sodsong.procurement.warehouse.keys import agency_id, company_id, egp_process_id, name_org_id, person_id

# docs/flags.md, as DDL: the indicator engines create these tables; tests create them here.
FLAG_DDL = (
    """CREATE TABLE IF NOT EXISTS flag (flag_id VARCHAR, run_id VARCHAR, indicator VARCHAR, family VARCHAR,
    subject_kind VARCHAR, subject_id VARCHAR, process_id VARCHAR, org_id VARCHAR, fiscal_year INTEGER,
    value DOUBLE, details VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS flag_fence (run_id VARCHAR, indicator VARCHAR, group_key VARCHAR, n BIGINT,
    q1 DOUBLE, q3 DOUBLE, lower_fence DOUBLE, upper_fence DOUBLE, threshold DOUBLE)""",
    """CREATE TABLE IF NOT EXISTS flag_readiness (run_id VARCHAR, indicator VARCHAR, computable BOOLEAN,
    subjects_checked BIGINT, subjects_flagged BIGINT, missing_fields VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS flag_run (run_id VARCHAR, engine VARCHAR, family VARCHAR, settings VARCHAR,
    started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ)""",
)

SOURCE = "f-0000000000000000sample"
ATTRIBUTION = "ข้อมูล e-GP จาก data.go.th (กรมบัญชีกลาง) สัญญาอนุญาต CC BY"

# Agencies.
DLA = agency_id("กรมส่งเสริมการปกครองท้องถิ่น")
NADI = agency_id("องค์การบริหารส่วนตำบลนาดี")
NADI_UNIT = agency_id("องค์การบริหารส่วนตำบลนาดี อำเภอเมืองขอนแก่น")
DRR = agency_id("กรมทางหลวงชนบท")
DRR_KK = agency_id("สำนักงานทางหลวงชนบทจังหวัดขอนแก่น")
PARKS = agency_id("กรมอุทยานแห่งชาติ สัตว์ป่าและพันธุ์พืช")
PARKS_BKK = agency_id("กรมอุทยานแห่งชาติ สัตว์ป่า และพันธุ์พืช กรุงเทพฯ")
CM_SCHOOL = agency_id("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาเชียงใหม่ เขต 1")

# Companies (checksum-valid juristic ids) and a supplier known only by name.
SILATHONG = company_id("0105556526019")
KORAT = company_id("0305560815907")
UDON = company_id("0415558830162")
SKY = company_id("0105561613188")
CMIT = company_id("0505549609130")
SOMYING_CO = company_id("0345562909968")
SOMYING_SHOP = name_org_id("ร้านสมหญิงพาณิชย์")

SOMCHAI = person_id("sample", "somchai")
MALEE = person_id("sample", "malee")
PARTY = "th-party-sample0000000000"

PROJECTS = {
    "road": "66017123456",
    "repave": "67027234567",
    "drone": "65057360721",
    "office1": "67097345678",
    "office2": "67097345679",
    "drain": "68017456789",
    "computers": "68027567890",
    "laterite": "66037678901",
    "canal": "68037789012",
    "farm_drone": "67057890123",
    "road2": "66087901234",
    "school": "68047012345",
}


def pid(key: str) -> str:
    """The process id of one of the sample projects."""
    return egp_process_id(PROJECTS[key])


def _insert(con: duckdb.DuckDBPyConnection, table: str, **values: Any) -> None:
    columns = ", ".join(f'"{k}"' for k in values)
    marks = ", ".join("?" for _ in values)
    con.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(values.values()))  # noqa: S608


def _org(con: duckdb.DuckDBPyConnection, org_id: str, kind: str, name: str, **extra: Any) -> None:
    _insert(
        con,
        "organisation",
        org_id=org_id,
        kind=kind,
        name=name,
        resolved_id=extra.pop("resolved_id", org_id),
        source_kind="egp_csv",
        source_file_id=SOURCE,
        source_line=1,
        **extra,
    )


def _process(con: duckdb.DuckDBPyConnection, key: str, **values: Any) -> None:
    no = PROJECTS[key]
    values.setdefault("currency", "THB")
    published = values.get("date_published")
    _insert(
        con,
        "process",
        process_id=egp_process_id(no),
        source_kind="egp_csv",
        project_no=no,
        source_url=f"https://process3.gprocurement.go.th/egp2procmainWeb/jsp/procsearch.sch?projectId={no}",
        date_published_raw=None if published is None else published.isoformat(),
        source_file_id=SOURCE,
        source_line=10 + list(PROJECTS).index(key),
        **values,
    )


def _award(
    con: duckdb.DuckDBPyConnection, key: str, winner: str, name: str, amount: str, contract_status: str
) -> None:
    process = pid(key)
    award = f"{process}/award/1"
    juristic = winner.removeprefix("th-dbd-") if winner.startswith("th-dbd-") else None
    _insert(
        con,
        "award",
        award_id=award,
        process_id=process,
        status="active",
        value_amount=Decimal(amount),
        currency="THB",
        winner_id_raw=juristic,
        winner_id=juristic,
        winner_id_status="valid" if juristic else "missing",
        winner_name=name,
        source_file_id=SOURCE,
        source_line=1,
    )
    _insert(con, "award_supplier", award_id=award, org_id=winner, process_id=process)
    _insert(
        con,
        "contract",
        contract_id=f"{process}/contract/1",
        process_id=process,
        award_id=award,
        contract_no=f"{PROJECTS[key][-4:]}/25{PROJECTS[key][:2]}",
        value_amount=Decimal(amount),
        currency="THB",
        status_details=contract_status,
        status="active",
        date_signed=dt.date(2000 + int(PROJECTS[key][:2]) - 43, 2, 1),
        source_file_id=SOURCE,
        source_line=1,
    )


def _bids(
    con: duckdb.DuckDBPyConnection, key: str, rows: list[tuple[str, str, str, str, str | None]]
) -> None:
    """rows: (tenderer, name, stage, status, amount)."""
    process = pid(key)
    for tenderer, name, stage, status, amount in rows:
        _insert(
            con,
            "bid",
            bid_id=f"{process}/bid/{tenderer}/1",
            process_id=process,
            item_id=f"{process}/item/1",
            tenderer_id=tenderer,
            tenderer_name=name,
            stage=stage,
            status=status,
            amount=None if amount is None else Decimal(amount),
            currency="THB",
            source_file_id=SOURCE,
            source_line=1,
        )


def _item(con: duckdb.DuckDBPyConnection, key: str, description: str, reference: str) -> None:
    process = pid(key)
    _insert(
        con,
        "item",
        item_id=f"{process}/item/1",
        process_id=process,
        item_no="1",
        description=description,
        quantity=Decimal(1),
        unit="งาน",
        reference_price=Decimal(reference),
        currency="THB",
        source_file_id=SOURCE,
        source_line=1,
    )


def _flag(
    con: duckdb.DuckDBPyConnection,
    indicator: str,
    *,
    process: str | None,
    org: str | None = None,
    subject_kind: str = "process",
    subject_id: str | None = None,
    fiscal_year: int | None = None,
    value: float | None = None,
    details: dict[str, Any],
) -> None:
    subject = subject_id or process or org
    _insert(
        con,
        "flag",
        flag_id=f"{indicator}|{subject_kind}|{subject}|{process}",
        run_id="run-sample",
        indicator=indicator,
        family="thai",
        subject_kind=subject_kind,
        subject_id=subject,
        process_id=process,
        org_id=org,
        fiscal_year=fiscal_year,
        value=value,
        details=json.dumps(details, ensure_ascii=False),
    )


def load(con: duckdb.DuckDBPyConnection) -> None:
    """Insert the sample rows into an open (writable) warehouse connection."""
    for statement in FLAG_DDL:
        con.execute(statement)
    _insert(
        con,
        "source_file",
        source_file_id=SOURCE,
        source_kind="egp_csv",
        file_name="egp-sample.csv",
        sha256="0" * 64,
        size_bytes=1,
        attribution=ATTRIBUTION,
    )
    _org(con, DLA, "agency", "กรมส่งเสริมการปกครองท้องถิ่น")
    _org(con, NADI, "agency", "องค์การบริหารส่วนตำบลนาดี", parent_id=DLA, province_code="TH40")
    _org(con, NADI_UNIT, "agency", "องค์การบริหารส่วนตำบลนาดี อำเภอเมืองขอนแก่น", parent_id=NADI)
    _org(con, DRR, "agency", "กรมทางหลวงชนบท")
    _org(con, DRR_KK, "agency", "สำนักงานทางหลวงชนบทจังหวัดขอนแก่น", parent_id=DRR, province_code="TH40")
    _org(con, PARKS, "agency", "กรมอุทยานแห่งชาติ สัตว์ป่าและพันธุ์พืช")
    _org(con, PARKS_BKK, "agency", "กรมอุทยานแห่งชาติ สัตว์ป่า และพันธุ์พืช กรุงเทพฯ", parent_id=PARKS)
    _org(con, CM_SCHOOL, "agency", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาเชียงใหม่ เขต 1", province_code="TH50")

    company = {"kind": "company", "ftm_schema": "Company", "status": "ยังดำเนินกิจการอยู่"}
    _org(
        con,
        SILATHONG,
        name="บริษัท ศิลาทองก่อสร้าง จำกัด",
        juristic_id="0105556526019",
        legal_form="บริษัทจำกัด",
        registration_date=dt.date(2013, 5, 2),
        capital=Decimal("5000000"),
        business_group="การก่อสร้างถนน",
        tsic_code="42101",
        address="99/1 หมู่ 5 ต.ในเมือง อ.เมืองขอนแก่น จ.ขอนแก่น 40000",
        address_key="99/1 หมู่ 5 ในเมือง เมืองขอนแก่น ขอนแก่น 40000",
        province_code="TH40",
        **company,
    )
    _org(
        con,
        KORAT,
        name="ห้างหุ้นส่วนจำกัด โคราชรุ่งเรืองการโยธา",
        juristic_id="0305560815907",
        legal_form="ห้างหุ้นส่วนจำกัด",
        registration_date=dt.date(2017, 8, 14),
        capital=Decimal("1000000"),
        business_group="การก่อสร้างถนน",
        province_code="TH30",
        **company,
    )
    _org(
        con,
        UDON,
        name="บริษัท อุดรคอนกรีต จำกัด",
        juristic_id="0415558830162",
        legal_form="บริษัทจำกัด",
        registration_date=dt.date(2015, 3, 9),
        capital=Decimal("2000000"),
        business_group="ผลิตภัณฑ์คอนกรีต",
        address="99/1 หมู่ 5 ต.ในเมือง อ.เมืองขอนแก่น จ.ขอนแก่น 40000",
        address_key="99/1 หมู่ 5 ในเมือง เมืองขอนแก่น ขอนแก่น 40000",
        province_code="TH40",
        **company,
    )
    _org(
        con,
        SKY,
        name="บริษัท สกายอินสไปร์ จำกัด",
        juristic_id="0105561613188",
        legal_form="บริษัทจำกัด",
        registration_date=dt.date(2018, 1, 22),
        capital=Decimal("10000000"),
        business_group="อากาศยานไร้คนขับ",
        province_code="TH10",
        **company,
    )
    _org(
        con,
        CMIT,
        name="บริษัท เชียงใหม่ไอที จำกัด",
        juristic_id="0505549609130",
        legal_form="บริษัทจำกัด",
        registration_date=dt.date(2006, 6, 1),
        capital=Decimal("3000000"),
        business_group="คอมพิวเตอร์",
        province_code="TH50",
        **company,
    )
    _org(
        con,
        SOMYING_CO,
        name="บริษัท สมหญิงพาณิชย์ จำกัด",
        juristic_id="0345562909968",
        legal_form="บริษัทจำกัด",
        registration_date=dt.date(2024, 2, 1),
        capital=Decimal("1000000"),
        business_group="ขายส่งเครื่องเขียน",
        province_code="TH40",
        **company,
    )
    _org(con, SOMYING_SHOP, "company", "ร้านสมหญิงพาณิชย์", ftm_schema="LegalEntity")
    _org(con, SOMCHAI, "person", "นายสมชาย ใจดี", ftm_schema="Person")
    _org(con, MALEE, "person", "นางสาวมาลี ศรีสุข", ftm_schema="Person")
    _org(con, PARTY, "party", "พรรคตัวอย่าง")
    for rel_id, kind, subject, obj, role, start, end in (
        ("r1", "director_of", SOMCHAI, SILATHONG, "กรรมการผู้มีอำนาจ", dt.date(2013, 5, 2), None),
        ("r2", "director_of", SOMCHAI, UDON, "กรรมการ", dt.date(2015, 3, 9), dt.date(2021, 12, 31)),
        ("r3", "holds_position", MALEE, PARTY, "สมาชิกสภาผู้แทนราษฎร", dt.date(2019, 3, 24), None),
        ("r4", "relative_of", SOMCHAI, MALEE, "คู่สมรส", None, None),
        ("r5", "same_address", SILATHONG, UDON, None, None, None),
        ("r6", "director_of", MALEE, KORAT, "หุ้นส่วนผู้จัดการ", dt.date(2017, 8, 14), None),
    ):
        _insert(
            con,
            "relation",
            relation_id=rel_id,
            kind=kind,
            subject_id=subject,
            object_id=obj,
            role=role,
            start_date=start,
            end_date=end,
            source_kind="dbd_json",
            source_file_id=SOURCE,
            source_line=1,
        )
    _insert(
        con,
        "relation",
        relation_id="r7",
        kind="donated_to",
        subject_id=SILATHONG,
        object_id=PARTY,
        amount=Decimal("200000"),
        start_date=dt.date(2022, 6, 1),
        source_kind="politicians_yaml",
        source_file_id=SOURCE,
        source_line=1,
    )
    _insert(
        con,
        "sanction",
        sanction_id="s1",
        org_id=CMIT,
        juristic_id="0505549609130",
        name="บริษัท เชียงใหม่ไอที จำกัด",
        date_listed=dt.date(2023, 4, 1),
        agency="กรมบัญชีกลาง",
        reason="ทิ้งงานจ้างซ่อมแซมอาคาร",
        source_file_id=SOURCE,
        source_line=1,
    )
    _insert(
        con,
        "name_match",
        match_id="m1",
        subject_id=SOMYING_SHOP,
        subject_name="ร้านสมหญิงพาณิชย์",
        candidate_id=SOMYING_CO,
        candidate_name="บริษัท สมหญิงพาณิชย์ จำกัด",
        match_key="สมหญิงพาณิชย์",
        method="company_match_key",
        awards=2,
        status="suggested",
    )

    kk = {"province": "ขอนแก่น", "province_code": "TH40", "district": "เมืองขอนแก่น"}
    ebid = {
        "method_details": "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
        "procurement_method": "open",
        "method_source": "column",
    }
    specific = {"method_details": "เฉพาะเจาะจง", "procurement_method": "limited", "method_source": "column"}
    works = {"category_raw": "จ้างก่อสร้าง", "main_procurement_category": "works"}
    goods = {"category_raw": "ซื้อ", "main_procurement_category": "goods"}
    nadi = {
        "buyer_id": NADI,
        "buyer_name": "องค์การบริหารส่วนตำบลนาดี",
        "procuring_entity_id": NADI_UNIT,
        "procuring_entity_name": "องค์การบริหารส่วนตำบลนาดี อำเภอเมืองขอนแก่น",
    }
    drr = {
        "buyer_id": DRR,
        "buyer_name": "กรมทางหลวงชนบท",
        "procuring_entity_id": DRR_KK,
        "procuring_entity_name": "สำนักงานทางหลวงชนบทจังหวัดขอนแก่น",
    }
    parks = {
        "buyer_id": PARKS,
        "buyer_name": "กรมอุทยานแห่งชาติ สัตว์ป่าและพันธุ์พืช",
        "procuring_entity_id": PARKS_BKK,
        "procuring_entity_name": "กรมอุทยานแห่งชาติ สัตว์ป่า และพันธุ์พืช กรุงเทพฯ",
    }
    school = {
        "buyer_id": CM_SCHOOL,
        "buyer_name": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาเชียงใหม่ เขต 1",
        "procuring_entity_id": CM_SCHOOL,
        "procuring_entity_name": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาเชียงใหม่ เขต 1",
    }

    _process(
        con,
        "road",
        title="จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 5 บ้านหนองบัว ตำบลนาดี ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
        **nadi,
        **works,
        **ebid,
        **kk,
        budget=Decimal("2500000"),
        reference_price=Decimal("2480000"),
        date_published=dt.date(2023, 1, 16),
        fiscal_year=2566,
        status_details="แล้วเสร็จตามสัญญา",
        tender_status="complete",
        number_of_tenderers=3,
        latitude=16.4419,
        longitude=102.8360,
    )
    _item(con, "road", "ถนนคอนกรีตเสริมเหล็ก กว้าง 5 เมตร ยาว 800 เมตร", "2480000")
    _bids(
        con,
        "road",
        [
            (SILATHONG, "บริษัท ศิลาทองก่อสร้าง จำกัด", "priced", "valid", "2475000"),
            (KORAT, "ห้างหุ้นส่วนจำกัด โคราชรุ่งเรืองการโยธา", "priced", "valid", "2478000"),
            (UDON, "บริษัท อุดรคอนกรีต จำกัด", "priced", "valid", "2479000"),
            (CMIT, "บริษัท เชียงใหม่ไอที จำกัด", "bought_documents", "invited", None),
        ],
    )
    _award(con, "road", SILATHONG, "บริษัท ศิลาทองก่อสร้าง จำกัด", "2475000", "ส่งงานครบถ้วน")
    _flag(
        con,
        "TH-NEAR-REF",
        process=pid("road"),
        org=SILATHONG,
        fiscal_year=2566,
        value=0.2,
        details={"winning_bid": 2475000, "reference_price": 2480000, "difference_pct": 0.2},
    )
    _flag(
        con,
        "TH-CLUSTER",
        process=pid("road"),
        fiscal_year=2566,
        value=0.16,
        details={"bids": [2475000, 2478000, 2479000], "spread_pct": 0.16},
    )
    _flag(
        con,
        "TH-SHARED-DIRECTOR-ADDRESS",
        process=pid("road"),
        fiscal_year=2566,
        value=1.0,
        subject_kind="pair",
        subject_id="|".join(sorted([SILATHONG, UDON])),
        details={
            "bidders": ["บริษัท ศิลาทองก่อสร้าง จำกัด", "บริษัท อุดรคอนกรีต จำกัด"],
            "shared_director": "นายสมชาย ใจดี",
            "shared_address": "99/1 หมู่ 5 ต.ในเมือง อ.เมืองขอนแก่น",
        },
    )

    _process(
        con,
        "repave",
        title="จ้างซ่อมสร้างผิวจราจรแอสฟัลท์ติกคอนกรีต สายบ้านโนนสูง - บ้านหนองแวง",
        **drr,
        **works,
        **ebid,
        **kk,
        budget=Decimal("8900000"),
        reference_price=Decimal("8750000"),
        date_published=dt.date(2024, 2, 5),
        fiscal_year=2567,
        status_details="ระหว่างดำเนินการ",
        tender_status="active",
        number_of_tenderers=3,
    )
    _item(con, "repave", "ผิวจราจรแอสฟัลท์ติกคอนกรีต", "8750000")
    _bids(
        con,
        "repave",
        [
            (SILATHONG, "บริษัท ศิลาทองก่อสร้าง จำกัด", "priced", "valid", "8690000"),
            (KORAT, "ห้างหุ้นส่วนจำกัด โคราชรุ่งเรืองการโยธา", "priced", "valid", "8720000"),
            (UDON, "บริษัท อุดรคอนกรีต จำกัด", "submitted", "disqualified", None),
        ],
    )
    _award(con, "repave", SILATHONG, "บริษัท ศิลาทองก่อสร้าง จำกัด", "8690000", "ระหว่างดำเนินการ")
    _flag(
        con,
        "TH-FREQUENT-COBIDDERS",
        process=pid("repave"),
        fiscal_year=2567,
        value=3,
        subject_kind="pair",
        subject_id="|".join(sorted([SILATHONG, KORAT])),
        details={
            "bidders": ["บริษัท ศิลาทองก่อสร้าง จำกัด", "ห้างหุ้นส่วนจำกัด โคราชรุ่งเรืองการโยธา"],
            "projects_together": 3,
            "recurring_winner": "บริษัท ศิลาทองก่อสร้าง จำกัด",
        },
    )

    _process(
        con,
        "drone",
        title="ซื้อโครงการจัดซื้ออากาศยานไร้คนขับ (UAV) สำหรับเฝ้าระวังและติดตามการลักลอบตัดไม้และล่าสัตว์ในอุทยานแห่งชาติ โดยวิธีคัดเลือก",
        **parks,
        **goods,
        method_details="คัดเลือก",
        procurement_method="selective",
        method_source="project_name",
        budget=Decimal("48735000"),
        reference_price=Decimal("48685000"),
        fiscal_year=2565,
        status_details="ระหว่างดำเนินการ",
        province="กรุงเทพมหานคร",
        province_code="TH10",
        district="จตุจักร",
    )
    _award(con, "drone", SKY, "บริษัท สกายอินสไปร์ จำกัด", "48085800", "ระหว่างดำเนินการ")

    for key, title, amount, day in (
        ("office1", "ซื้อวัสดุสำนักงาน จำนวน 25 รายการ โดยวิธีเฉพาะเจาะจง", "480000", dt.date(2024, 9, 10)),
        ("office2", "ซื้อวัสดุสำนักงาน (กระดาษ หมึกพิมพ์) โดยวิธีเฉพาะเจาะจง", "490000", dt.date(2024, 9, 20)),
    ):
        _process(
            con,
            key,
            title=title,
            **nadi,
            **goods,
            **specific,
            **kk,
            budget=Decimal(amount),
            reference_price=Decimal(amount),
            date_published=day,
            fiscal_year=2567,
            status_details="จัดทำสัญญา/PO แล้ว",
            tender_status="complete",
            number_of_tenderers=1,
        )
        _award(con, key, SOMYING_SHOP, "ร้านสมหญิงพาณิชย์", amount, "ส่งงานตามกำหนด")
        _flag(
            con,
            "TH-YEAR-END-SPECIFIC",
            process=pid(key),
            fiscal_year=2567,
            value=1,
            details={"date_published": day.isoformat(), "method": "เฉพาะเจาะจง"},
        )
    _flag(
        con,
        "TH-SPLITTING",
        process=pid("office2"),
        org=SOMYING_SHOP,
        fiscal_year=2567,
        value=970000,
        details={
            "purchases": [
                {"process_id": pid("office1"), "date": "2024-09-10", "amount": 480000},
                {"process_id": pid("office2"), "date": "2024-09-20", "amount": 490000},
            ],
            "total": 970000,
            "threshold": 500000,
        },
    )

    _process(
        con,
        "drain",
        title="จ้างก่อสร้างรางระบายน้ำคอนกรีตเสริมเหล็ก พร้อมบ่อพัก หมู่ที่ 3 บ้านโคกสูง",
        **nadi,
        **works,
        **ebid,
        **kk,
        budget=Decimal("1200000"),
        reference_price=Decimal("1195000"),
        date_published=dt.date(2024, 10, 7),
        fiscal_year=2568,
        status_details="จัดทำสัญญา/PO แล้ว",
        tender_status="complete",
        number_of_tenderers=3,
    )
    _item(con, "drain", "รางระบายน้ำ คสล.", "1195000")
    _bids(
        con,
        "drain",
        [
            (UDON, "บริษัท อุดรคอนกรีต จำกัด", "priced", "valid", "1150000"),
            (SILATHONG, "บริษัท ศิลาทองก่อสร้าง จำกัด", "priced", "valid", "1160000"),
            (KORAT, "ห้างหุ้นส่วนจำกัด โคราชรุ่งเรืองการโยธา", "qualified", "valid", "1189000"),
        ],
    )
    _award(con, "drain", UDON, "บริษัท อุดรคอนกรีต จำกัด", "1150000", "จัดทำสัญญา/PO แล้ว")

    _process(
        con,
        "computers",
        title="ซื้อครุภัณฑ์คอมพิวเตอร์ สำหรับห้องเรียน จำนวน 40 ชุด",
        **school,
        **goods,
        **ebid,
        budget=Decimal("920000"),
        reference_price=Decimal("900000"),
        date_published=dt.date(2024, 11, 12),
        fiscal_year=2568,
        status_details="ระหว่างดำเนินการ",
        province="เชียงใหม่",
        province_code="TH50",
        district="เมืองเชียงใหม่",
        number_of_tenderers=2,
    )
    _item(con, "computers", "คอมพิวเตอร์สำหรับห้องเรียน", "900000")
    _bids(
        con,
        "computers",
        [
            (CMIT, "บริษัท เชียงใหม่ไอที จำกัด", "priced", "valid", "915000"),
            (SKY, "บริษัท สกายอินสไปร์ จำกัด", "priced", "valid", "930000"),
        ],
    )
    _award(con, "computers", CMIT, "บริษัท เชียงใหม่ไอที จำกัด", "915000", "ระหว่างดำเนินการ")
    _flag(
        con,
        "TH-BLACKLISTED",
        process=pid("computers"),
        org=CMIT,
        fiscal_year=2568,
        value=1,
        subject_kind="tenderer",
        subject_id=CMIT,
        details={"bidder": "บริษัท เชียงใหม่ไอที จำกัด", "date_listed": "2023-04-01", "listed_by": "กรมบัญชีกลาง"},
    )
    _flag(
        con,
        "TH-ABOVE-REF",
        process=pid("computers"),
        org=CMIT,
        fiscal_year=2568,
        value=1.67,
        details={"bid": 915000, "reference_price": 900000, "difference_pct": 1.67},
    )
    _flag(
        con,
        "TH-FEW-BIDDERS",
        process=pid("computers"),
        fiscal_year=2568,
        value=2,
        details={"priced_bids": 2, "minimum": 3, "method": "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"},
    )

    _process(
        con,
        "laterite",
        title="จ้างก่อสร้างถนนลูกรัง สายบ้านดอนแดง หมู่ที่ 7",
        **nadi,
        **works,
        **specific,
        **kk,
        budget=Decimal("350000"),
        reference_price=Decimal("349000"),
        date_published=dt.date(2023, 3, 1),
        fiscal_year=2566,
        status_details="แล้วเสร็จตามสัญญา",
        number_of_tenderers=1,
    )
    _award(con, "laterite", KORAT, "ห้างหุ้นส่วนจำกัด โคราชรุ่งเรืองการโยธา", "348000", "ส่งงานตามกำหนด")
    _process(
        con,
        "canal",
        title="จ้างเหมาขุดลอกคลองส่งน้ำ บ้านนาดี",
        **nadi,
        **works,
        **ebid,
        **kk,
        budget=Decimal("1500000"),
        reference_price=Decimal("1480000"),
        date_published=dt.date(2025, 1, 10),
        fiscal_year=2568,
        status_details="ยกเลิกโครงการ",
        tender_status="cancelled",
    )
    _process(
        con,
        "farm_drone",
        title="ซื้ออากาศยานไร้คนขับ (โดรน) เพื่อการเกษตร จำนวน 2 ลำ",
        **parks,
        **goods,
        **ebid,
        budget=Decimal("1300000"),
        reference_price=Decimal("1290000"),
        date_published=dt.date(2024, 5, 2),
        fiscal_year=2567,
        status_details="แล้วเสร็จตามสัญญา",
        province="กรุงเทพมหานคร",
        province_code="TH10",
        number_of_tenderers=1,
    )
    _bids(con, "farm_drone", [(SKY, "บริษัท สกายอินสไปร์ จำกัด", "priced", "valid", "1285000")])
    _award(con, "farm_drone", SKY, "บริษัท สกายอินสไปร์ จำกัด", "1285000", "ส่งงานครบถ้วน")
    _flag(
        con,
        "TH-FEW-BIDDERS",
        process=pid("farm_drone"),
        fiscal_year=2567,
        value=1,
        details={"priced_bids": 1, "minimum": 3, "method": "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"},
    )
    _process(
        con,
        "road2",
        title="จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านโคกสูง - บ้านหนองบัว",
        **drr,
        **works,
        **ebid,
        **kk,
        budget=Decimal("4200000"),
        reference_price=Decimal("4150000"),
        date_published=dt.date(2023, 8, 20),
        fiscal_year=2566,
        status_details="แล้วเสร็จตามสัญญา",
        number_of_tenderers=2,
    )
    _item(con, "road2", "ถนนคอนกรีตเสริมเหล็ก", "4150000")
    _bids(
        con,
        "road2",
        [
            (SILATHONG, "บริษัท ศิลาทองก่อสร้าง จำกัด", "priced", "valid", "4140000"),
            (KORAT, "ห้างหุ้นส่วนจำกัด โคราชรุ่งเรืองการโยธา", "priced", "valid", "4149000"),
        ],
    )
    _award(con, "road2", SILATHONG, "บริษัท ศิลาทองก่อสร้าง จำกัด", "4140000", "ส่งงานล่าช้ากว่ากำหนด")
    _flag(
        con,
        "TH-NEAR-REF",
        process=pid("road2"),
        org=SILATHONG,
        fiscal_year=2566,
        value=0.24,
        details={"winning_bid": 4140000, "reference_price": 4150000, "difference_pct": 0.24},
    )
    _process(
        con,
        "school",
        title="จ้างปรับปรุงอาคารเรียน โรงเรียนบ้านป่าแดด",
        **school,
        **works,
        **specific,
        budget=Decimal("450000"),
        reference_price=Decimal("448000"),
        date_published=dt.date(2024, 12, 3),
        fiscal_year=2568,
        status_details="ระหว่างดำเนินการ",
        province="เชียงใหม่",
        province_code="TH50",
    )
    _award(con, "school", SOMYING_CO, "บริษัท สมหญิงพาณิชย์ จำกัด", "447000", "ระหว่างดำเนินการ")
    _flag(
        con,
        "TH-NEW-COMPANY",
        process=pid("school"),
        org=SOMYING_CO,
        fiscal_year=2568,
        value=306,
        subject_kind="company",
        subject_id=SOMYING_CO,
        details={"registered": "2024-02-01", "award_date": "2024-12-03", "days": 306},
    )

    for code, computable, missing in (
        ("TH-NEAR-REF", True, ""),
        ("TH-CLUSTER", True, ""),
        ("TH-SHARED-DIRECTOR-ADDRESS", True, ""),
        ("TH-FREQUENT-COBIDDERS", True, ""),
        ("TH-YEAR-END-SPECIFIC", True, ""),
        ("TH-SPLITTING", True, ""),
        ("TH-BLACKLISTED", True, ""),
        ("TH-ABOVE-REF", True, ""),
        ("TH-FEW-BIDDERS", True, ""),
        ("TH-NEW-COMPANY", True, ""),
        ("TH-EQUAL", True, ""),
        ("R003", False, "tender.tenderPeriod.startDate,tender.tenderPeriod.endDate"),
    ):
        _insert(
            con,
            "flag_readiness",
            run_id="run-sample",
            indicator=code,
            computable=computable,
            subjects_checked=12 if computable else 0,
            subjects_flagged=0,
            missing_fields=missing,
        )
    _insert(
        con,
        "flag_run",
        run_id="run-sample",
        engine="duckdb",
        family="thai",
        settings="{}",
        started_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        finished_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    )


def build_sample(path: Path) -> Path:
    """A fresh warehouse at `path` with the sample rows, and its search index; returns the index."""
    with warehouse.write(path, fresh=True) as con:
        load(con)
    return build_index(path).path
