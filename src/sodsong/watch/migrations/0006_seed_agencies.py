"""The referral directory starts with the agencies the spec names; admins edit it afterwards."""

from typing import Any

from django.db import migrations

AGENCIES = [
    # (short, Thai name, English name, kind, hotline, website, days to answer)
    (
        "ป.ป.ช.",
        "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ",
        "National Anti-Corruption Commission (NACC)",
        "anti_corruption",
        "1205",
        "https://www.nacc.go.th",
        60,
    ),
    (
        "ป.ป.ท.",
        "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ",
        "Public Sector Anti-Corruption Commission (PACC)",
        "anti_corruption",
        "1206",
        "https://www.pacc.go.th",
        60,
    ),
    (
        "สตง.",
        "สำนักงานการตรวจเงินแผ่นดิน",
        "Office of the Auditor General (OAG)",
        "audit",
        "",
        "https://www.audit.go.th",
        90,
    ),
    (
        "ผตง.",
        "สำนักงานผู้ตรวจการแผ่นดิน",
        "Office of the Ombudsman",
        "ombudsman",
        "1676",
        "https://www.ombudsman.go.th",
        60,
    ),
    (
        "ศูนย์ดำรงธรรม",
        "ศูนย์ดำรงธรรม กระทรวงมหาดไทย",
        "Damrongdhama Centre, Ministry of Interior",
        "complaint_centre",
        "1567",
        "https://www.damrongdhama.moi.go.th",
        30,
    ),
    (
        "สปน. 1111",
        "ศูนย์บริการประชาชน สำนักงานปลัดสำนักนายกรัฐมนตรี",
        "Government Complaint Centre, Office of the Prime Minister",
        "complaint_centre",
        "1111",
        "https://www.1111.go.th",
        30,
    ),
    (
        "ศปท. มท.",
        "ศูนย์ปฏิบัติการต่อต้านการทุจริต กระทรวงมหาดไทย",
        "Anti-Corruption Operation Centre, Ministry of Interior",
        "ministry_centre",
        "",
        "",
        45,
    ),
    (
        "ศปท. ศธ.",
        "ศูนย์ปฏิบัติการต่อต้านการทุจริต กระทรวงศึกษาธิการ",
        "Anti-Corruption Operation Centre, Ministry of Education",
        "ministry_centre",
        "",
        "",
        45,
    ),
    (
        "ศปท. สธ.",
        "ศูนย์ปฏิบัติการต่อต้านการทุจริต กระทรวงสาธารณสุข",
        "Anti-Corruption Operation Centre, Ministry of Public Health",
        "ministry_centre",
        "",
        "",
        45,
    ),
    (
        "สื่อ",
        "สื่อมวลชนพันธมิตร (ตัวอย่าง แก้ไขเป็นชื่อจริง)",
        "Media partner (example, rename to a real partner)",
        "media",
        "",
        "",
        30,
    ),
]


def seed(apps: Any, schema_editor: Any) -> None:
    Agency = apps.get_model("watch", "Agency")
    for short, th, en, kind, hotline, website, days in AGENCIES:
        Agency.objects.get_or_create(
            name_th=th,
            defaults={
                "short_name": short,
                "name_en": en,
                "kind": kind,
                "hotline": hotline,
                "website": website,
                "response_days": days,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("watch", "0005_casework")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
