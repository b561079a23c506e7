"""Seed the programme's 4 strategies and 6 issue areas (names as the seed article writes them)
and the headline KPIs. All of them stay editable by staff; re-running changes nothing."""

from django.db import migrations

STRATEGIES = [
    (
        1,
        "การสนับสนุนการเปิดเผยข้อมูลเพื่อความโปร่งใส",
        "Supporting open data for transparency",
        "ประสานความร่วมมือกับภาคสื่อสารมวลชน ภาคการเมือง ภาควิชาการ ภาคเอกชน และภาคประชาสังคม "
        "เพื่อเปิดเผยและใช้ข้อมูลเพื่อความโปร่งใส",
        "Working with media, political, academic, private and civil-society partners to open up and use data.",
    ),
    (
        2,
        "การสื่อสารเพื่อสร้างการตระหนักรู้และมีส่วนร่วม",
        "Communication for awareness and participation",
        "สื่อสารเพื่อสร้างการรับรู้สู่สังคมในวงกว้างร่วมกับภาคีเครือข่าย",
        "Communicating with partners so that society at large knows and takes part.",
    ),
    (
        3,
        "การสร้างพลังประชาชนในการเฝ้าระวังผ่านช่องทางต่างๆ",
        "Citizen power to watch through many channels",
        "สร้างการมีส่วนร่วมของประชาชนในการเฝ้าระวังและแจ้งเบาะแสผ่านช่องทางต่างๆ",
        "Citizens watching and reporting through many channels.",
    ),
    (
        4,
        "การสนับสนุนความร่วมมือกับภาคีเครือข่ายให้เกิดผลลัพธ์เป็นรูปธรรม",
        "Supporting partner collaboration toward concrete, lasting results",
        "สนับสนุนความร่วมมือกับภาคีเครือข่ายให้เกิดผลลัพธ์เป็นรูปธรรม เพื่อให้เกิดการทำงานอย่างต่อเนื่องและเกิดความร่วมมือในระยะยาว",
        "Supporting partners' collaboration so that it yields concrete results and lasts.",
    ),
]

ISSUE_AREAS = [
    (1, "ภาคการเงินและการธนาคาร", "Finance and banking"),
    (2, "ภาคตลาดทุน", "Capital market"),
    (3, "การจัดซื้อจัดจ้างภาครัฐ และ Open Data", "Public procurement and open data"),
    (4, "การยกระดับธรรมาภิบาลของระบบรัฐสภา", "Governance of parliament (open parliament)"),
    (5, "ธรรมาภิบาลป่าไม้", "Forest governance"),
    (6, "การยกระดับธรรมาภิบาลสื่อบุคคล", "Governance of personal and online media"),
]

# (code, metric, Thai name, English name, strategy number or None, headline, order)
INDICATORS = [
    (
        "partners",
        "partner_organisations",
        "องค์กรภาคีเครือข่ายที่ร่วมขับเคลื่อนงาน",
        "Partner organisations taking part",
        None,
        True,
        10,
    ),
    ("people", "people", "ประชาชนที่เข้ามามีส่วนร่วม", "People taking part", None, True, 20),
    ("meetings", "meetings", "การประชุมเพื่อสร้างความร่วมมือ", "Meetings to build collaboration", None, True, 30),
    ("activities", "activities", "กิจกรรมทั้งหมด", "All activities", None, True, 40),
    (
        "media",
        "media_appearances",
        "การสื่อสารผ่านสื่อมวลชน (สัมภาษณ์ วิทยุ โทรทัศน์)",
        "Media appearances",
        None,
        True,
        50,
    ),
    ("outcomes", "outcomes", "ผลลัพธ์ที่เกิดขึ้น", "Outcomes", None, True, 60),
    (
        "s1-partners",
        "partner_organisations",
        "ภาคีเครือข่ายด้านการเปิดเผยข้อมูล",
        "Open-data partners",
        1,
        False,
        110,
    ),
    (
        "s2-publications",
        "publications",
        "สื่อเผยแพร่และอินโฟกราฟิก",
        "Publications and infographics",
        2,
        False,
        210,
    ),
    (
        "s3-line-users",
        "watch_line_users",
        "ผู้ใช้งานแชตบอตฟ้องโกงผ่าน LINE",
        "LINE users of the chatbot",
        3,
        False,
        310,
    ),
    ("s3-reports", "watch_reports_received", "เรื่องที่ได้รับแจ้งเบาะแส", "Reports received", 3, False, 320),
    (
        "s3-published",
        "watch_reports_published",
        "เรื่องที่เผยแพร่และรายงานสถานะ",
        "Reports published",
        3,
        False,
        330,
    ),
    (
        "s4-outcomes",
        "outcomes",
        "ผลลัพธ์จากความร่วมมือกับภาคีเครือข่าย",
        "Outcomes of partner collaboration",
        4,
        False,
        410,
    ),
]


def seed(apps, schema_editor):
    Strategy = apps.get_model("coalition", "Strategy")
    IssueArea = apps.get_model("coalition", "IssueArea")
    Indicator = apps.get_model("coalition", "Indicator")
    for number, name_th, name_en, description_th, description_en in STRATEGIES:
        Strategy.objects.get_or_create(
            number=number,
            defaults={
                "name_th": name_th,
                "name_en": name_en,
                "description_th": description_th,
                "description_en": description_en,
            },
        )
    for number, name_th, name_en in ISSUE_AREAS:
        IssueArea.objects.get_or_create(number=number, defaults={"name_th": name_th, "name_en": name_en})
    for code, metric, name_th, name_en, strategy, headline, order in INDICATORS:
        Indicator.objects.get_or_create(
            code=code,
            defaults={
                "metric": metric,
                "name_th": name_th,
                "name_en": name_en,
                "strategy": Strategy.objects.get(number=strategy) if strategy else None,
                "headline": headline,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("coalition", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
