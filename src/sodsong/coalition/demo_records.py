"""The demo programme as data: the seed article's partners and activities, and the name lists.

Kept apart from the builder in `demo.py` so that the records read as a table (FollowTheMoney
keeps its model as data for the same reason). Named partners and activities come from the article
"Collaboration for Good Governance" (มูลนิธิเพื่อคนไทย, 2566); where it gives no date, the dates
are illustrative. Generated organisation names are plainly generic, never a real organisation's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from sodsong.coalition.models import ActivityType, OrganisationRole, Sector

__all__ = [
    "ACT",
    "FAMILY",
    "FEMALE",
    "FEMALE_TITLES",
    "FUND",
    "GENERATED_TITLES",
    "KPI",
    "MALE",
    "MALE_TITLES",
    "NAMED_ACTIVITIES",
    "PARTNERS",
    "PROVINCES",
    "RADIO",
    "SECTOR_PATTERNS",
    "SECTOR_WEIGHTS",
    "TEAM",
    "TONGCHAE",
    "D",
    "NamedActivity",
]

D = datetime.date

# (name, short name, sector, English name, public)
PARTNERS = [
    ("HAND Social Enterprise", "HAND", Sector.CIVIL_SOCIETY, "HAND Social Enterprise", True),
    ("มูลนิธิเพื่อคนไทย (งานร้อยพลังสื่อ)", "", Sector.CIVIL_SOCIETY, "Thai Fund Foundation", True),
    ("สำนักข่าว PPTVHD", "PPTVHD", Sector.MEDIA, "PPTV HD", True),
    ("สถานีวิทยุ FM 96.5 (รายการคนค้นฅน / เวทีความคิด)", "FM 96.5", Sector.MEDIA, "FM 96.5 radio", True),
    ("สถานีโทรทัศน์ อสมท.", "อสมท.", Sector.MEDIA, "MCOT", True),
    ("สำนักข่าวอมรินทร์ทีวี", "", Sector.MEDIA, "Amarin TV", True),
    ("สถาบันส่งเสริมประชาธิปไตย (NDI)", "NDI", Sector.INTERNATIONAL, "National Democratic Institute", True),
    (
        "สถาบันพัฒนาองค์กรชุมชน (พอช.)",
        "พอช.",
        Sector.GOVERNMENT,
        "Community Organizations Development Institute",
        True,
    ),
    (
        "องค์กรต่อต้านคอร์รัปชัน (ประเทศไทย)",
        "ACT",
        Sector.CIVIL_SOCIETY,
        "Anti-Corruption Organization of Thailand",
        True,
    ),
    ("เทใจดอทคอม", "", Sector.PRIVATE, "Taejai.com", True),
    ("สถาบันพระปกเกล้า", "", Sector.ACADEMIC, "King Prajadhipok's Institute", True),
    (
        "ศูนย์ความรู้เพื่อความร่วมมือในการต่อต้านคอร์รัปชันและส่งเสริมธรรมาภิบาลในระดับภูมิภาค",
        "KRAC",
        Sector.ACADEMIC,
        "Knowledge Hub for Regional Anti-Corruption and Good Governance Collaboration",
        True,
    ),
    ("เพจต้องแฉ", "", Sector.CIVIL_SOCIETY, "Tong Chae page", True),
]
TEAM = "HAND Social Enterprise"


@dataclass
class NamedActivity:
    title: str
    kind: str
    start: datetime.date
    end: datetime.date | None
    strategy: int
    issues: tuple[int, ...]
    partners: tuple[tuple[str, str], ...]  # (organisation name, role)
    place: str = ""
    description: str = ""
    outputs: str = ""
    reach: int | None = None
    people: int = 0  # generated participants
    links: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


ACT = "องค์กรต่อต้านคอร์รัปชัน (ประเทศไทย)"
KPI = "สถาบันพระปกเกล้า"
RADIO = "สถานีวิทยุ FM 96.5 (รายการคนค้นฅน / เวทีความคิด)"
FUND = "มูลนิธิเพื่อคนไทย (งานร้อยพลังสื่อ)"
TONGCHAE = "เพจต้องแฉ"

NAMED_ACTIVITIES = [
    NamedActivity(
        "Hack Thailand 2575: 48 ชั่วโมง พลิกโฉมประเทศไทย สู่ภาพอนาคตหลังเลือกตั้ง",
        ActivityType.HACKATHON,
        D(2023, 3, 18),
        D(2023, 3, 19),
        1,
        (3, 4),
        (
            (TEAM, OrganisationRole.ORGANISER),
            ("สำนักข่าว PPTVHD", OrganisationRole.MEDIA),
            (ACT, OrganisationRole.CO_ORGANISER),
            ("ศูนย์ความรู้เพื่อความร่วมมือในการต่อต้านคอร์รัปชันและส่งเสริมธรรมาภิบาลในระดับภูมิภาค", OrganisationRole.PARTNER),
            (KPI, OrganisationRole.PARTNER),
        ),
        place="กรุงเทพมหานคร",
        description=(
            "เปิดพื้นที่ให้ประชาชนจากหลากหลายภาคส่วนระดมความคิดและสร้างสรรค์นโยบายสาธารณะ "
            "รวมถึงเข้าร่วมฟังและตอบรับนโยบายจากตัวแทนพรรคการเมือง ผู้กำหนดนโยบาย และหน่วยงานที่เกี่ยวข้อง"
        ),
        outputs="ข้อเสนอนโยบายสาธารณะจากทีมผู้เข้าร่วม นำเสนอต่อตัวแทนพรรคการเมือง",
        people=64,
        extra={"political_orgs": 6},
    ),
    NamedActivity(
        "อบรมเชิงปฏิบัติการการใช้เครื่องมือ ACT Ai ร่วมกับสถาบันส่งเสริมประชาธิปไตย (NDI)",
        ActivityType.WORKSHOP,
        D(2023, 4, 22),
        None,
        1,
        (3,),
        ((TEAM, OrganisationRole.ORGANISER), ("สถาบันส่งเสริมประชาธิปไตย (NDI)", OrganisationRole.CO_ORGANISER)),
        description="คณะทำงานฯ ร่วมเป็นวิทยากรจัดอบรมเชิงปฏิบัติการการใช้งานเครื่องมือ ACT Ai",
        people=28,
    ),
    NamedActivity(
        "บรรยายการใช้งานเครื่องมือ ACT Ai แก่แกนนำเครือข่ายภาคประชาชน สถาบันพัฒนาองค์กรชุมชน (พอช.)",
        ActivityType.TALK,
        D(2023, 5, 20),
        None,
        1,
        (3,),
        ((TEAM, OrganisationRole.ORGANISER), ("สถาบันพัฒนาองค์กรชุมชน (พอช.)", OrganisationRole.PARTNER)),
        description="ร่วมเป็นวิทยากรบรรยายเพื่อให้ความรู้เรื่องการใช้งานเครื่องมือ ACT Ai แก่แกนนำเครือข่ายภาคประชาชน",
        people=35,
    ),
    NamedActivity(
        "สัมภาษณ์รายการคนค้นฅน สถานีวิทยุ FM 96.5: เครื่องมือ ACT Ai",
        ActivityType.MEDIA,
        D(2023, 2, 14),
        None,
        1,
        (3,),
        ((RADIO, OrganisationRole.MEDIA),),
        reach=12000,
        people=2,
    ),
    NamedActivity(
        "สัมภาษณ์ทางสถานีโทรทัศน์ อสมท.: การต่อต้านคอร์รัปชันด้วยข้อมูลเปิด",
        ActivityType.MEDIA,
        D(2023, 3, 28),
        None,
        1,
        (3,),
        (("สถานีโทรทัศน์ อสมท.", OrganisationRole.MEDIA),),
        people=1,
    ),
    NamedActivity(
        "สัมภาษณ์สำนักข่าวอมรินทร์ทีวี: ประชาสัมพันธ์เครื่องมือ ACT Ai",
        ActivityType.MEDIA,
        D(2023, 4, 10),
        None,
        1,
        (3,),
        (("สำนักข่าวอมรินทร์ทีวี", OrganisationRole.MEDIA),),
        people=1,
    ),
    NamedActivity(
        "สัมภาษณ์สำนักข่าว PPTVHD: แนวทางการต่อต้านคอร์รัปชัน",
        ActivityType.MEDIA,
        D(2023, 5, 2),
        None,
        1,
        (3,),
        (("สำนักข่าว PPTVHD", OrganisationRole.MEDIA),),
        people=1,
    ),
    NamedActivity(
        "Infographic สรุปนโยบายการต่อต้านคอร์รัปชันของพรรคการเมืองช่วงเลือกตั้ง 2566",
        ActivityType.PUBLICATION,
        D(2023, 4, 28),
        D(2023, 5, 12),
        2,
        (3, 4),
        (
            (ACT, OrganisationRole.CO_ORGANISER),
            (TEAM, OrganisationRole.ORGANISER),
            (FUND, OrganisationRole.MEDIA),
        ),
        description=(
            "จัดทำร่วมกับองค์กรต่อต้านคอร์รัปชัน (ประเทศไทย) เผยแพร่บนเฟซบุ๊กเพจองค์กรต่อต้านคอร์รัปชัน "
            "และภาคีเครือข่ายร่วมกันเผยแพร่ผ่านช่องทางการสื่อสารขององค์กร"
        ),
        outputs="อินโฟกราฟิกสรุปนโยบายต่อต้านคอร์รัปชันของพรรคการเมือง",
        reach=85000,
    ),
    NamedActivity(
        "ประชาสัมพันธ์ศูนย์ความรู้ KRAC ร่วมกับงานร้อยพลังสื่อ มูลนิธิเพื่อคนไทย",
        ActivityType.PUBLICATION,
        D(2023, 6, 5),
        None,
        2,
        (3,),
        (
            (FUND, OrganisationRole.MEDIA),
            ("ศูนย์ความรู้เพื่อความร่วมมือในการต่อต้านคอร์รัปชันและส่งเสริมธรรมาภิบาลในระดับภูมิภาค", OrganisationRole.PARTNER),
        ),
        reach=20000,
    ),
    NamedActivity(
        "รายการเวทีความคิด FM 96.5: กลไกการมีส่วนร่วมแก้ปัญหาคอร์รัปชันของเพจต้องแฉ",
        ActivityType.MEDIA,
        D(2023, 6, 12),
        None,
        2,
        (6,),
        (
            (RADIO, OrganisationRole.MEDIA),
            (TONGCHAE, OrganisationRole.PARTNER),
            (FUND, OrganisationRole.PARTNER),
        ),
        reach=10000,
        people=2,
    ),
    NamedActivity(
        "ระดมทุนเพจต้องแฉผ่านแพลตฟอร์มเทใจ",
        ActivityType.FUNDRAISING,
        D(2023, 6, 1),
        D(2023, 10, 31),
        3,
        (6,),
        ((TONGCHAE, OrganisationRole.ORGANISER), ("เทใจดอทคอม", OrganisationRole.FUNDER)),
        description="ประชาชนที่สนใจร่วมสนับสนุนโดยบริจาคผ่านช่องทางเทใจได้ถึงวันที่ 31 ตุลาคม 2566",
        links=("https://taejai.com/",),
    ),
    NamedActivity(
        "เยาวชนกับการออกแบบนวัตกรรมสู่การเป็นรัฐสภาแบบเปิด (Open Parliament)",
        ActivityType.YOUTH_CAMP,
        D(2023, 6, 28),
        D(2023, 6, 30),
        4,
        (4,),
        ((KPI, OrganisationRole.CO_ORGANISER), (TEAM, OrganisationRole.ORGANISER)),
        description=(
            "สัมมนาเชิงปฏิบัติการที่นำรายงานการศึกษาการเปิดเผยข้อมูลของสภาผู้แทนราษฎรและวุฒิสภาบนเว็บไซต์รัฐสภาไทย "
            "มาประยุกต์ใช้ เปิดโอกาสให้เยาวชนรุ่นใหม่ร่วมกันออกแบบนวัตกรรมเพื่อส่งเสริมการเป็นรัฐสภาแบบเปิด "
            "และนำเสนอแก่ผู้ทรงคุณวุฒิจากภาคีเครือข่าย"
        ),
        outputs="เอกสารข้อเสนอแนะเชิงนโยบาย เสนอต่อสำนักงานเลขาธิการสภาผู้แทนราษฎรและสำนักงานเลขาธิการวุฒิสภา",
        people=42,
        extra={"academic_orgs": 3},
    ),
]

MALE = [
    "สมชาย",
    "สมศักดิ์",
    "สุนทร",
    "ประเสริฐ",
    "วิชัย",
    "อรุณ",
    "ธนพล",
    "ณัฐวุฒิ",
    "วรเชษฐ์",
    "ชยพล",
    "ภาณุ",
    "ธีรวัฒน์",
    "กิตติพงษ์",
    "อนุชา",
    "ศุภชัย",
    "พงศกร",
    "ชนินทร์",
    "อภิชาติ",
    "ธนากร",
    "ยุทธนา",
    "เอกชัย",
    "วีระพงษ์",
    "ศักดิ์ชัย",
    "นพดล",
]
FEMALE = [
    "สุดารัตน์",
    "กาญจนา",
    "ปิยะนุช",
    "วราภรณ์",
    "นภัสสร",
    "ศิริพร",
    "อรอุมา",
    "พรทิพย์",
    "จิราพร",
    "ณัฐธิดา",
    "สุภาวดี",
    "มยุรี",
    "ปวีณา",
    "ชนิดา",
    "รัตนา",
    "อัญชลี",
    "ธิดารัตน์",
    "เบญจวรรณ",
    "ลลิตา",
    "กนกวรรณ",
    "พิมพ์ชนก",
    "ชุติมา",
    "มาลัย",
    "สายสุนีย์",
    "อำไพ",
]
FAMILY = [
    "ใจดี",
    "รักชาติ",
    "ศรีสุข",
    "แก้วมณี",
    "บุญมา",
    "ทองดี",
    "สุขสวัสดิ์",
    "วงศ์ไทย",
    "พรหมมา",
    "มั่นคง",
    "เจริญผล",
    "ศรีวงศ์",
    "ชัยมงคล",
    "แสงทอง",
    "นาคสวัสดิ์",
    "อินทร์แก้ว",
    "บุญเรือง",
    "จันทร์หอม",
    "สมบูรณ์",
    "ปัญญาดี",
    "ทรัพย์มาก",
    "วัฒนากุล",
    "เพชรรัตน์",
    "ธรรมรักษ์",
    "สายบัว",
    "กิตติวงศ์",
    "รุ่งเรือง",
    "ประเสริฐสุข",
    "ศรีสวัสดิ์",
    "คำแก้ว",
    "พูลสวัสดิ์",
    "มีสุข",
    "อุดมศักดิ์",
    "ทองคำ",
    "สุวรรณรัตน์",
    "เกษมสุข",
    "ภักดี",
    "ยิ่งยง",
    "นิลสุวรรณ",
    "ขันทอง",
]
MALE_TITLES = ("นาย", "นาย", "นาย", "ดร.", "")
FEMALE_TITLES = ("นาง", "นางสาว", "นางสาว", "ดร.", "")
PROVINCES = [
    "เชียงใหม่",
    "ขอนแก่น",
    "อุบลราชธานี",
    "นครราชสีมา",
    "สงขลา",
    "ภูเก็ต",
    "พิษณุโลก",
    "สุราษฎร์ธานี",
    "อุดรธานี",
    "ชลบุรี",
    "นครศรีธรรมราช",
    "ลำปาง",
    "ตรัง",
    "ระยอง",
    "กาญจนบุรี",
]
# Generated organisation names: plainly generic, never a real organisation's name.
SECTOR_PATTERNS = {
    Sector.MEDIA: "สื่อชุมชน{p}",
    Sector.POLITICAL: "ตัวแทนพรรคการเมือง กลุ่ม{n}",
    Sector.ACADEMIC: "เครือข่ายนักวิชาการธรรมาภิบาล{p}",
    Sector.PRIVATE: "กลุ่มธุรกิจโปร่งใส{p}",
    Sector.CIVIL_SOCIETY: "เครือข่ายพลเมืองเฝ้าระวัง{p}",
    Sector.GOVERNMENT: "หน่วยงานรัฐส่วนภูมิภาค{p}",
    Sector.INTERNATIONAL: "องค์กรระหว่างประเทศด้านธรรมาภิบาล กลุ่ม{n}",
}
SECTOR_WEIGHTS = {
    Sector.CIVIL_SOCIETY: 30,
    Sector.ACADEMIC: 16,
    Sector.MEDIA: 14,
    Sector.GOVERNMENT: 14,
    Sector.PRIVATE: 12,
    Sector.POLITICAL: 8,
    Sector.INTERNATIONAL: 4,
}
GENERATED_TITLES = {
    ActivityType.MEETING: (
        "ประชุมหารือความร่วมมือประเด็น{issue}",
        "ประชุมภาคีเครือข่าย{issue}",
        "ประชุมวางแผนงานร่วมกับภาคี{issue}",
    ),
    ActivityType.WORKSHOP: ("อบรมเชิงปฏิบัติการ{issue}", "อบรมการใช้ข้อมูลเปิดด้าน{issue}"),
    ActivityType.TALK: ("บรรยายเรื่อง{issue}",),
    ActivityType.MEDIA: ("สัมภาษณ์สื่อประเด็น{issue}",),
    ActivityType.PUBLICATION: ("บทความเผยแพร่ประเด็น{issue}",),
}
