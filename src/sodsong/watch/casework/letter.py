"""The referral letter: a Thai PDF with the facts, the evidence list with SHA-256 hashes, the linked
procurement data, and the reporter's contact only when the referral carries their consent.

Letters are always in Thai (agencies work in Thai), whatever language the staff member reads.
"""

from __future__ import annotations

from typing import Any

from sodsong.procurement.search.labels import indicator_title
from sodsong.thai import province_name
from sodsong.thai.dates import format_thai_date
from sodsong.thai.money import format_baht
from sodsong.watch.audit import audit
from sodsong.watch.casework.workflow import case_family
from sodsong.watch.models import Category, Evidence, Referral
from sodsong.web.pdf import ThaiPDF

__all__ = ["CATEGORY_TH", "referral_letter"]

CATEGORY_TH = {
    Category.BRIBERY: "การให้หรือรับสินบน",
    Category.EXTORTION: "การเรียกรับเงิน / รีดไถ",
    Category.BID_RIGGING: "การฮั้วประมูล / จัดซื้อจัดจ้างไม่โปร่งใส",
    Category.EMBEZZLEMENT: "การยักยอกเงินของรัฐ",
    Category.ABUSE_OF_POWER: "การใช้อำนาจโดยมิชอบ",
    Category.CONFLICT_OF_INTEREST: "การขัดกันแห่งผลประโยชน์",
    Category.FAVOURITISM: "การเล่นพรรคเล่นพวก",
    Category.OTHER: "อื่น ๆ",
}


def _money(value: Any) -> str:
    return format_baht(value) + " บาท" if value is not None else "-"


def referral_letter(referral: Referral, *, user: Any) -> bytes:
    """The PDF bytes; generating it is audited (with whether identity was included)."""
    report = referral.report
    agency = referral.agency
    with_identity = referral.include_identity and referral.identity_consent
    pdf = ThaiPDF(title=f"หนังสือส่งต่อเรื่องร้องเรียน {report.code}")
    pdf.add_page()
    pdf.heading("หนังสือส่งต่อเรื่องร้องเรียน")
    pdf.key_values(
        [
            ("เรียน", agency.name_th),
            ("เรื่อง", f"ส่งต่อเรื่องร้องเรียนรหัส {report.code}"),
            ("วันที่", format_thai_date(referral.sent_on, "long")),
            ("เลขที่อ้างอิงของหน่วยงาน", referral.reference_number or "-"),
            (
                "ขอคำตอบภายใน",
                format_thai_date(referral.response_due, "long") if referral.response_due else "-",
            ),
        ]
    )
    if report.is_example:
        pdf.paragraph("ตัวอย่างสำหรับการสาธิตเท่านั้น ไม่ใช่เรื่องร้องเรียนจริง")
    pdf.paragraph(
        "สดส่องได้รับเรื่องร้องเรียนจากประชาชนตามรายละเอียดด้านล่าง และขอส่งต่อให้หน่วยงานของท่าน"
        "พิจารณาดำเนินการตามอำนาจหน้าที่ พร้อมแจ้งผลกลับมายังสดส่อง"
    )
    pdf.heading("ข้อเท็จจริง", 2)
    province = province_name(report.province_code) if report.province_code else ""
    pdf.key_values(
        [
            (
                "ประเภท",
                CATEGORY_TH.get(Category(report.category), report.category) if report.category else "-",
            ),
            ("หน่วยงานที่เกี่ยวข้อง", report.agency_text),
            ("สถานที่", " ".join(x for x in (report.district, province) if x)),
            (
                "วันที่เกิดเหตุ",
                format_thai_date(report.occurred_on, "long") if report.occurred_on else report.occurred_text,
            ),
            ("จำนวนเงิน", _money(report.amount)),
            ("เลขที่โครงการ e-GP", report.egp_project_number),
        ]
    )
    pdf.heading("เรื่องที่เกิดขึ้น", 3)
    pdf.paragraph(report.what_happened or "-")
    family = case_family(report)
    evidence = list(
        Evidence.objects.filter(report__in=family, removed_at__isnull=True).order_by("created_at")
    )
    pdf.heading("หลักฐาน", 2)
    if evidence:
        pdf.paragraph("ค่า SHA-256 ใช้ตรวจสอบว่าไฟล์ที่ได้รับตรงกับไฟล์ที่ผู้ร้องเรียนส่งมา", size=10)
        pdf.simple_table(
            ["ลำดับ", "ชนิดไฟล์", "ขนาด (ไบต์)", "SHA-256"],
            [[str(i), e.content_type, f"{e.size:,}", e.sha256] for i, e in enumerate(evidence, 1)],
            widths=[12, 28, 25, 109],
        )
    else:
        pdf.paragraph("ไม่มีไฟล์หลักฐานแนบ")
    links = list(report.project_links.filter(confirmed=True))
    if links:
        pdf.heading("ข้อมูลการจัดซื้อจัดจ้างที่เกี่ยวข้อง (e-GP)", 2)
        for link in links:
            flags = ", ".join(indicator_title(code, "th") for code in link.flags) or "ไม่พบสัญญาณความเสี่ยง"
            pdf.key_values(
                [
                    ("เลขที่โครงการ", link.process_id),
                    ("ชื่อโครงการ", link.title),
                    ("หน่วยงาน", link.agency_name),
                    ("งบประมาณ", _money(link.budget)),
                    ("มูลค่าสัญญา", _money(link.contract_value)),
                    ("ผู้ชนะ", link.winner_name),
                    ("สัญญาณความเสี่ยง", flags),
                ]
            )
        pdf.paragraph(
            "สัญญาณความเสี่ยงเป็นเพียงการระบุความเสี่ยงเท่านั้น ซึ่งไม่ได้หมายความว่ามีการทุจริตเกิดขึ้นแล้ว",
            size=10,
        )
    pdf.heading("ผู้ร้องเรียน", 2)
    if with_identity:
        pdf.paragraph("ผู้ร้องเรียนยินยอมให้เปิดเผยข้อมูลติดต่อต่อหน่วยงานของท่านสำหรับเรื่องนี้")
        pdf.paragraph(report.contact or "-")
    else:
        pdf.paragraph(
            f"ผู้ร้องเรียนไม่ประสงค์เปิดเผยตัวตน หากต้องการข้อมูลเพิ่มเติม กรุณาติดต่อผ่านสดส่อง โดยอ้างอิงรหัสเรื่อง {report.code}"
        )
    data = pdf.to_bytes()
    audit(
        user,
        "referral.letter",
        report,
        referral=referral.pk,
        identity=with_identity,
        evidence=len(evidence),
    )
    if with_identity:
        audit(user, "identity.export", report, referral=referral.pk)
    return data
