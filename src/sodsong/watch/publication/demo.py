"""Demo: published example cases, so the public site, statistics and feeds are not empty.

Each example travels the real path: submitted, screened, redacted by the rules, approved and
published through `publishing.publish` (audited as the system), one then closed with an outcome,
one with a photo whose plate is blurred. Examples are marked (`is_example`, text says ตัวอย่าง),
contain only made-up personal data, and are loaded once.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

__all__ = ["EXAMPLES", "load"]


@dataclass(frozen=True)
class Example:
    title: str
    category: str
    province_code: str
    agency: str
    text: str
    amount: Decimal | None
    close_reason: str = ""
    photo: bool = False
    referral_outcome: str = ""  # the agency's answer ("" = not answered yet)


EXAMPLES: tuple[Example, ...] = (
    Example(
        "(ตัวอย่าง) เรียกเงินค่าออกใบอนุญาตก่อสร้างโดยไม่มีใบเสร็จ",
        "extortion",
        "TH40",
        "องค์การบริหารส่วนตำบลตัวอย่าง อำเภอเมืองขอนแก่น",
        "(ตัวอย่าง) ผมชื่อ นายสมมติ ตัวอย่างดี โทร 081-234-5678 ไปยื่นขอใบอนุญาตก่อสร้าง "
        "เจ้าหน้าที่บอกว่าต้องจ่ายค่าดำเนินการ 3,000 บาท ถึงจะได้เร็ว ไม่มีใบเสร็จให้",
        Decimal("3000"),
        referral_outcome="investigating",
    ),
    Example(
        "(ตัวอย่าง) ถนนลาดยางสร้างเสร็จไม่ถึงปีก็พัง สงสัยวัสดุไม่ตรงสเปก",
        "bid_rigging",
        "TH50",
        "เทศบาลตำบลตัวอย่าง อำเภอสันทราย",
        "(ตัวอย่าง) ถนนในหมู่บ้านสร้างเสร็จเมื่อต้นปี งบประมาณ 2,450,000 บาท ตอนนี้แตกร้าวหลายจุด "
        "ติดต่อได้ที่ somsak.example@example.com รถบรรทุกของผู้รับเหมาทะเบียน กข 1234 เชียงใหม่",
        Decimal("2450000"),
        close_reason="agency_says_resolved",
        photo=True,
        referral_outcome="resolved",
    ),
    Example(
        "(ตัวอย่าง) ญาติของนายกได้งานจ้างเหมาทำความสะอาดทุกปี",
        "favouritism",
        "TH10",
        "สำนักงานเขตตัวอย่าง กรุงเทพมหานคร",
        "(ตัวอย่าง) บริษัทที่ได้งานจ้างเหมาทำความสะอาดทุกปีเป็นของญาติผู้บริหาร "
        "โอนเงินเข้าบัญชีธนาคารกรุงไทย 123-4-56789-0 ทุกเดือน",
        Decimal("480000"),
    ),
)


def _photo() -> bytes:
    """A drawn street scene with a car whose plate the editor blurs."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 420), "#9fc5e8")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 260, 640, 420), fill="#6b6b6b")
    for x in range(40, 640, 120):
        draw.line((x, 300, x + 60, 300), fill="#f5f5f5", width=6)
        draw.line((x + 10, 360, x + 50, 380), fill="#3d3d3d", width=4)  # cracks
    draw.rectangle((330, 200, 590, 300), fill="#d9480f")
    draw.rectangle((420, 262, 500, 290), fill="#ffffff", outline="#000000")
    draw.text((428, 268), "KK 1234", fill="#000000")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


def _refer(report: Any, example: Example) -> None:
    """A referral to the first agency of the directory, answered or not, for the agency metrics."""
    import datetime as dt

    from sodsong.watch.models.casework import Agency, Referral

    agency = Agency.objects.order_by("pk").first()
    if agency is None:
        return
    sent = timezone.localdate() - dt.timedelta(days=40)
    Referral.objects.create(
        report=report,
        agency=agency,
        sent_on=sent,
        response_on=sent + dt.timedelta(days=18) if example.referral_outcome else None,
        outcome=example.referral_outcome or "pending",
    )


def _make(example: Example) -> str:
    from sodsong.watch.evidence import store_evidence
    from sodsong.watch.models import Report, Status
    from sodsong.watch.publication import editing, photos, publishing

    with transaction.atomic():
        report = Report.objects.create(
            channel="web",
            is_example=True,
            category=example.category,
            province_code=example.province_code,
            agency_text=example.agency,
            what_happened=example.text,
            amount=example.amount,
            consent_publish=True,
            consent_forward=True,
        )
        report.submit()
        report.set_status(Status.SCREENING, public=True)
        report.set_status(Status.REFERRED, public=True, note="(ตัวอย่าง) ส่งเรื่องให้หน่วยงานที่เกี่ยวข้องแล้ว")
        _refer(report, example)
        publication = editing.publication_for(report)
        publication = editing.set_source(
            publication, "title", example.title, expected_version=publication.version
        )
        editing.approve(publication, None, expected_version=publication.version)
        if example.photo:
            evidence = store_evidence(report, _photo(), original_name="road.jpg")
            prepared = photos.prepare_photo(
                evidence, [photos.Box(65, 61, 14, 9)], None, "(ตัวอย่าง) ถนนที่แตกร้าว"
            )
            photos.approve_photo(prepared, None)
    report.refresh_from_db()
    publishing.publish(report, None, expected_version=report.version)
    if example.close_reason:
        report.refresh_from_db()
        report.set_status(Status.CLOSED, public=True, reason=example.close_reason)
    return report.code


def load(console: Any) -> None:
    """Publish the example cases once (a second run finds them and adds nothing)."""
    from sodsong.watch.models import Report

    done = set(
        Report.objects.filter(
            is_example=True, publication__approved_title__in=[e.title for e in EXAMPLES]
        ).values_list("publication__approved_title", flat=True)
    )
    made = [_make(example) for example in EXAMPLES if example.title not in done]
    if made:
        console.print(f"watch: {len(made)} example case(s) redacted and published: {', '.join(made)}")
    else:
        console.print("watch: published example cases already loaded")
    console.print(
        f"watch: public cases at {reverse('watch:cases:list')}, statistics at {reverse('watch:cases:stats')}, "
        f"open data at {reverse('watch:cases:data_csv')}"
    )
