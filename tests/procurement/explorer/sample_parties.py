"""The sample's agencies, companies, people and how they are related (directors, relatives,
addresses, donations, the blacklist)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import duckdb

from tests.procurement.explorer.sample_ids import (
    ATTRIBUTION,
    CM_SCHOOL,
    CMIT,
    DLA,
    DRR,
    DRR_KK,
    KORAT,
    MALEE,
    NADI,
    NADI_UNIT,
    PARKS,
    PARKS_BKK,
    PARTY,
    SILATHONG,
    SKY,
    SOMCHAI,
    SOMYING_CO,
    SOMYING_SHOP,
    SOURCE,
    UDON,
)
from tests.procurement.explorer.sample_rows import (
    add_org,
    insert_row,
)


def load_parties(con: duckdb.DuckDBPyConnection) -> None:
    insert_row(
        con,
        "source_file",
        source_file_id=SOURCE,
        source_kind="egp_csv",
        file_name="egp-sample.csv",
        sha256="0" * 64,
        size_bytes=1,
        attribution=ATTRIBUTION,
    )
    add_org(con, DLA, "agency", "กรมส่งเสริมการปกครองท้องถิ่น")
    add_org(con, NADI, "agency", "องค์การบริหารส่วนตำบลนาดี", parent_id=DLA, province_code="TH40")
    add_org(con, NADI_UNIT, "agency", "องค์การบริหารส่วนตำบลนาดี อำเภอเมืองขอนแก่น", parent_id=NADI)
    add_org(con, DRR, "agency", "กรมทางหลวงชนบท")
    add_org(con, DRR_KK, "agency", "สำนักงานทางหลวงชนบทจังหวัดขอนแก่น", parent_id=DRR, province_code="TH40")
    add_org(con, PARKS, "agency", "กรมอุทยานแห่งชาติ สัตว์ป่าและพันธุ์พืช")
    add_org(con, PARKS_BKK, "agency", "กรมอุทยานแห่งชาติ สัตว์ป่า และพันธุ์พืช กรุงเทพฯ", parent_id=PARKS)
    add_org(con, CM_SCHOOL, "agency", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาเชียงใหม่ เขต 1", province_code="TH50")

    company = {"kind": "company", "ftm_schema": "Company", "status": "ยังดำเนินกิจการอยู่"}
    add_org(
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
    add_org(
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
    add_org(
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
    add_org(
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
    add_org(
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
    add_org(
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
    add_org(con, SOMYING_SHOP, "company", "ร้านสมหญิงพาณิชย์", ftm_schema="LegalEntity")
    add_org(con, SOMCHAI, "person", "นายสมชาย ใจดี", ftm_schema="Person")
    add_org(con, MALEE, "person", "นางสาวมาลี ศรีสุข", ftm_schema="Person")
    add_org(con, PARTY, "party", "พรรคตัวอย่าง")
    for rel_id, kind, subject, obj, role, start, end in (
        ("r1", "director_of", SOMCHAI, SILATHONG, "กรรมการผู้มีอำนาจ", dt.date(2013, 5, 2), None),
        ("r2", "director_of", SOMCHAI, UDON, "กรรมการ", dt.date(2015, 3, 9), dt.date(2021, 12, 31)),
        ("r3", "holds_position", MALEE, PARTY, "สมาชิกสภาผู้แทนราษฎร", dt.date(2019, 3, 24), None),
        ("r4", "relative_of", SOMCHAI, MALEE, "คู่สมรส", None, None),
        ("r5", "same_address", SILATHONG, UDON, None, None, None),
        ("r6", "director_of", MALEE, KORAT, "หุ้นส่วนผู้จัดการ", dt.date(2017, 8, 14), None),
    ):
        insert_row(
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
    insert_row(
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
    insert_row(
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
    insert_row(
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
