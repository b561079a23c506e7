"""Ids of the sample warehouse's source file, agencies, companies, people and projects."""

from __future__ import annotations

from sodsong.procurement.warehouse.keys import agency_id, company_id, egp_process_id, name_org_id, person_id

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
