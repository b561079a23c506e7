"""The sample's projects (tender, items, bids, awards, contracts) and the flags computed on them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import duckdb

from tests.procurement.explorer.sample_ids import (
    CM_SCHOOL,
    CMIT,
    DRR,
    DRR_KK,
    KORAT,
    NADI,
    NADI_UNIT,
    PARKS,
    PARKS_BKK,
    SILATHONG,
    SKY,
    SOMYING_CO,
    SOMYING_SHOP,
    UDON,
    pid,
)
from tests.procurement.explorer.sample_rows import (
    add_award,
    add_bids,
    add_flag,
    add_item,
    add_process,
    insert_row,
)


def load_projects(con: duckdb.DuckDBPyConnection) -> None:
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

    add_process(
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
    add_item(con, "road", "ถนนคอนกรีตเสริมเหล็ก กว้าง 5 เมตร ยาว 800 เมตร", "2480000")
    add_bids(
        con,
        "road",
        [
            (SILATHONG, "บริษัท ศิลาทองก่อสร้าง จำกัด", "priced", "valid", "2475000"),
            (KORAT, "ห้างหุ้นส่วนจำกัด โคราชรุ่งเรืองการโยธา", "priced", "valid", "2478000"),
            (UDON, "บริษัท อุดรคอนกรีต จำกัด", "priced", "valid", "2479000"),
            (CMIT, "บริษัท เชียงใหม่ไอที จำกัด", "bought_documents", "invited", None),
        ],
    )
    add_award(con, "road", SILATHONG, "บริษัท ศิลาทองก่อสร้าง จำกัด", "2475000", "ส่งงานครบถ้วน")
    add_flag(
        con,
        "TH-NEAR-REF",
        process=pid("road"),
        org=SILATHONG,
        fiscal_year=2566,
        value=0.2,
        details={"winning_bid": 2475000, "reference_price": 2480000, "difference_pct": 0.2},
    )
    add_flag(
        con,
        "TH-CLUSTER",
        process=pid("road"),
        fiscal_year=2566,
        value=0.16,
        details={"bids": [2475000, 2478000, 2479000], "spread_pct": 0.16},
    )
    add_flag(
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

    add_process(
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
    add_item(con, "repave", "ผิวจราจรแอสฟัลท์ติกคอนกรีต", "8750000")
    add_bids(
        con,
        "repave",
        [
            (SILATHONG, "บริษัท ศิลาทองก่อสร้าง จำกัด", "priced", "valid", "8690000"),
            (KORAT, "ห้างหุ้นส่วนจำกัด โคราชรุ่งเรืองการโยธา", "priced", "valid", "8720000"),
            (UDON, "บริษัท อุดรคอนกรีต จำกัด", "submitted", "disqualified", None),
        ],
    )
    add_award(con, "repave", SILATHONG, "บริษัท ศิลาทองก่อสร้าง จำกัด", "8690000", "ระหว่างดำเนินการ")
    add_flag(
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

    add_process(
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
    add_award(con, "drone", SKY, "บริษัท สกายอินสไปร์ จำกัด", "48085800", "ระหว่างดำเนินการ")

    for key, title, amount, day in (
        ("office1", "ซื้อวัสดุสำนักงาน จำนวน 25 รายการ โดยวิธีเฉพาะเจาะจง", "480000", dt.date(2024, 9, 10)),
        ("office2", "ซื้อวัสดุสำนักงาน (กระดาษ หมึกพิมพ์) โดยวิธีเฉพาะเจาะจง", "490000", dt.date(2024, 9, 20)),
    ):
        add_process(
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
        add_award(con, key, SOMYING_SHOP, "ร้านสมหญิงพาณิชย์", amount, "ส่งงานตามกำหนด")
        add_flag(
            con,
            "TH-YEAR-END-SPECIFIC",
            process=pid(key),
            fiscal_year=2567,
            value=1,
            details={"date_published": day.isoformat(), "method": "เฉพาะเจาะจง"},
        )
    add_flag(
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

    add_process(
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
    add_item(con, "drain", "รางระบายน้ำ คสล.", "1195000")
    add_bids(
        con,
        "drain",
        [
            (UDON, "บริษัท อุดรคอนกรีต จำกัด", "priced", "valid", "1150000"),
            (SILATHONG, "บริษัท ศิลาทองก่อสร้าง จำกัด", "priced", "valid", "1160000"),
            (KORAT, "ห้างหุ้นส่วนจำกัด โคราชรุ่งเรืองการโยธา", "qualified", "valid", "1189000"),
        ],
    )
    add_award(con, "drain", UDON, "บริษัท อุดรคอนกรีต จำกัด", "1150000", "จัดทำสัญญา/PO แล้ว")

    add_process(
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
    add_item(con, "computers", "คอมพิวเตอร์สำหรับห้องเรียน", "900000")
    add_bids(
        con,
        "computers",
        [
            (CMIT, "บริษัท เชียงใหม่ไอที จำกัด", "priced", "valid", "915000"),
            (SKY, "บริษัท สกายอินสไปร์ จำกัด", "priced", "valid", "930000"),
        ],
    )
    add_award(con, "computers", CMIT, "บริษัท เชียงใหม่ไอที จำกัด", "915000", "ระหว่างดำเนินการ")
    add_flag(
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
    add_flag(
        con,
        "TH-ABOVE-REF",
        process=pid("computers"),
        org=CMIT,
        fiscal_year=2568,
        value=1.67,
        details={"bid": 915000, "reference_price": 900000, "difference_pct": 1.67},
    )
    add_flag(
        con,
        "TH-FEW-BIDDERS",
        process=pid("computers"),
        fiscal_year=2568,
        value=2,
        details={"priced_bids": 2, "minimum": 3, "method": "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"},
    )

    add_process(
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
    add_award(con, "laterite", KORAT, "ห้างหุ้นส่วนจำกัด โคราชรุ่งเรืองการโยธา", "348000", "ส่งงานตามกำหนด")
    add_process(
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
    add_process(
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
    add_bids(con, "farm_drone", [(SKY, "บริษัท สกายอินสไปร์ จำกัด", "priced", "valid", "1285000")])
    add_award(con, "farm_drone", SKY, "บริษัท สกายอินสไปร์ จำกัด", "1285000", "ส่งงานครบถ้วน")
    add_flag(
        con,
        "TH-FEW-BIDDERS",
        process=pid("farm_drone"),
        fiscal_year=2567,
        value=1,
        details={"priced_bids": 1, "minimum": 3, "method": "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"},
    )
    add_process(
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
    add_item(con, "road2", "ถนนคอนกรีตเสริมเหล็ก", "4150000")
    add_bids(
        con,
        "road2",
        [
            (SILATHONG, "บริษัท ศิลาทองก่อสร้าง จำกัด", "priced", "valid", "4140000"),
            (KORAT, "ห้างหุ้นส่วนจำกัด โคราชรุ่งเรืองการโยธา", "priced", "valid", "4149000"),
        ],
    )
    add_award(con, "road2", SILATHONG, "บริษัท ศิลาทองก่อสร้าง จำกัด", "4140000", "ส่งงานล่าช้ากว่ากำหนด")
    add_flag(
        con,
        "TH-NEAR-REF",
        process=pid("road2"),
        org=SILATHONG,
        fiscal_year=2566,
        value=0.24,
        details={"winning_bid": 4140000, "reference_price": 4150000, "difference_pct": 0.24},
    )
    add_process(
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
    add_award(con, "school", SOMYING_CO, "บริษัท สมหญิงพาณิชย์ จำกัด", "447000", "ระหว่างดำเนินการ")
    add_flag(
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
        insert_row(
            con,
            "flag_readiness",
            run_id="run-sample",
            indicator=code,
            computable=computable,
            subjects_checked=12 if computable else 0,
            subjects_flagged=0,
            missing_fields=missing,
        )
    insert_row(
        con,
        "flag_run",
        run_id="run-sample",
        engine="duckdb",
        family="thai",
        settings="{}",
        started_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        finished_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    )
