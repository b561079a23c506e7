"""`sodsong demo`, case work: example cases in every status, referrals with answers, a published
case linked to a flagged demo project, and one staff demo account per role.

Every case is marked as an example (`is_example`, and the text starts with ตัวอย่าง). Staff
passwords and authenticator secrets are printed once, when the accounts are made; a second run
keeps the accounts and the cases as they are.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from sodsong.privacy.redact import redact
from sodsong.watch.casework import workflow
from sodsong.watch.casework.procurement import ProjectFacts, WarehouseLookup
from sodsong.watch.models import (
    Agency,
    CaseProjectLink,
    Label,
    PartnerAccount,
    Referral,
    ReferralOutcome,
    Report,
    Status,
)
from sodsong.web.staff import Role
from sodsong.web.staff.accounts import create_staff

__all__ = ["DEMO_LABEL", "DEMO_STAFF", "load"]

DEMO_LABEL = "ตัวอย่างงานคดี"
DEMO_STAFF = {
    Role.SCREENER: "demo-screener",
    Role.EDITOR: "demo-editor",
    Role.CUSTODIAN: "demo-custodian",
    Role.ADMIN: "demo-admin",
    Role.PARTNER: "demo-partner",
}


@dataclass(frozen=True)
class DemoCase:
    status: str
    category: str
    province: str
    agency: str
    text: str
    amount: str | None = None
    reason: str = ""


CASES = (
    DemoCase(
        Status.RECEIVED,
        "extortion",
        "TH40",
        "สำนักงานที่ดินอำเภอตัวอย่าง",
        "ตัวอย่าง: เจ้าหน้าที่ขอเงิน 3,000 บาท เพื่อเร่งออกโฉนด บอกว่าถ้าไม่จ่ายจะต้องรอหกเดือน",
        "3000",
    ),
    DemoCase(
        Status.SCREENING,
        "bid_rigging",
        "TH50",
        "องค์การบริหารส่วนตำบลตัวอย่าง",
        "ตัวอย่าง: ประกาศประกวดราคาถนนคอนกรีตมีเวลายื่นซองสามวัน ผู้ชนะเป็นญาตินายก อบต.",
    ),
    DemoCase(
        Status.NEED_INFO,
        "embezzlement",
        "TH10",
        "โรงเรียนตัวอย่างวิทยา",
        "ตัวอย่าง: งบอาหารกลางวันถูกหัก เด็กได้อาหารน้อยลง ผู้ปกครองหลายคนสังเกตเห็น",
    ),
    DemoCase(
        Status.REFERRED,
        "bribery",
        "TH83",
        "ด่านตรวจตัวอย่าง",
        "ตัวอย่าง: ถูกเรียกเงิน 500 บาท ที่ด่านตรวจโดยไม่มีใบสั่ง มีรถคันอื่นโดนเหมือนกัน",
        "500",
    ),
    DemoCase(
        Status.AGENCY_RESPONDED,
        "abuse_of_power",
        "TH30",
        "เทศบาลตำบลตัวอย่าง",
        "ตัวอย่าง: ใช้รถหลวงขนของส่วนตัวในวันหยุด ถ่ายรูปไว้ได้หลายครั้ง",
    ),
    DemoCase(
        Status.PUBLISHED,
        "bid_rigging",
        "TH40",
        "",
        "ตัวอย่าง: โครงการจัดซื้อที่มีผู้เสนอราคาเพียงรายเดียว ราคาใกล้ราคากลางมาก "
        "ชาวบ้านสงสัยว่าล็อกสเปก ติดต่อผู้แจ้งได้ที่ 081-234-5678",
    ),
    DemoCase(
        Status.CLOSED,
        "other",
        "TH57",
        "หน่วยงานตัวอย่าง",
        "ตัวอย่าง: ร้องเรียนเรื่องเสียงดังจากงานก่อสร้าง ไม่เกี่ยวกับการทุจริต",
        reason="not_corruption",
    ),
)


def _accounts(console: Any) -> dict[Role, Any]:
    """One account per role; new ones have their secrets printed now, and only now."""
    users: dict[Role, Any] = {}
    made = []
    for role, username in DEMO_STAFF.items():
        existing = get_user_model().objects.filter(username=username).first()
        if existing is not None:
            users[role] = existing
            continue
        account = create_staff(username, role)
        users[role] = account.device.user
        made.append(account)
    if made:
        console.print("[bold]watch: staff demo accounts (shown once; sign in at /staff/login/)[/bold]")
        for account in made:
            console.print(
                f"  {account.username:16} password {account.password}  "
                f"TOTP secret {account.totp_secret}  ({', '.join(r.value for r in account.roles)})"
            )
    else:
        console.print("watch: staff demo accounts already exist (their passwords were shown when made)")
    return users


def _flagged_project() -> tuple[ProjectFacts | None, bool]:
    """A demo project with flags, else any project; (None, False) without a warehouse."""
    try:
        lookup = WarehouseLookup()
    except Exception:
        return None, False
    try:
        rows = lookup.index.project_rows("p.flags > 0", [], "p.flags DESC, p.rowid", 1)
        flagged = bool(rows)
        if not rows:
            rows = lookup.index.project_rows("1 = 1", [], "p.rowid", 1)
        return (lookup._facts(rows[0]) if rows else None), flagged
    finally:
        lookup.close()


def _publish(report: Report, editor: Any) -> None:
    from sodsong.watch.models import Publication

    text = redact(report.what_happened).text
    Publication.objects.update_or_create(
        report=report,
        defaults={
            "approved_title": "ตัวอย่าง: โครงการที่มีผู้เสนอราคารายเดียว",
            "approved_agency": report.agency_text,
            "approved_text": text,
            "approved_by": editor,
            "approved_at": timezone.now(),
        },
    )
    report.set_status(Status.PUBLISHED, actor=editor, note="เผยแพร่ฉบับที่ปิดบังข้อมูลส่วนบุคคลแล้ว")


@transaction.atomic
def _cases(users: dict[Role, Any], console: Any) -> list[Report]:
    screener, editor = users[Role.SCREENER], users[Role.EDITOR]
    nacc = Agency.objects.get(short_name="ป.ป.ช.")
    pacc = Agency.objects.get(short_name="ป.ป.ท.")
    PartnerAccount.objects.update_or_create(user=users[Role.PARTNER], defaults={"agency": nacc})
    label, _created = Label.objects.get_or_create(name=DEMO_LABEL)
    project, flagged = _flagged_project()
    made = []
    today = timezone.localdate()
    for index, demo in enumerate(CASES):
        report = Report.objects.create(
            channel="web" if index % 2 else "line",
            is_example=True,
            category=demo.category,
            province_code=demo.province,
            agency_text=demo.agency or (project.agency_name if project else "หน่วยงานตัวอย่าง"),
            what_happened=demo.text,
            amount=Decimal(demo.amount) if demo.amount else None,
            consent_publish=demo.status == Status.PUBLISHED,
            consent_forward=False,
            contact="ตัวอย่าง: ผู้แจ้งสมมติ โทร 081-234-5678",
        )
        report.submit()
        Report.objects.filter(pk=report.pk).update(
            submitted_at=timezone.now() - datetime.timedelta(days=30 - index * 3)
        )
        report.refresh_from_db()
        file = workflow.casefile(report)
        file.labels.add(label)
        file.assignee = screener
        file.save(update_fields=["assignee"])
        if demo.status == Status.RECEIVED:
            made.append(report)
            continue
        workflow.change_status(report, Status.SCREENING, user=screener, note="เริ่มคัดกรอง", public=True)
        if demo.status == Status.NEED_INFO:
            workflow.ask_for_info(report, "ตัวอย่าง: ช่วยบอกชื่อโรงเรียนและช่วงเวลาที่เกิดเหตุได้ไหมคะ", user=screener)
        elif demo.status == Status.CLOSED:
            workflow.change_status(
                report,
                Status.CLOSED,
                user=screener,
                reason=demo.reason,
                note="ไม่ใช่เรื่องทุจริต แนะนำช่องทางที่เหมาะสม",
            )
        elif demo.status != Status.SCREENING:
            agency = nacc if demo.status != Status.AGENCY_RESPONDED else pacc
            referral = Referral.objects.create(
                report=report,
                agency=agency,
                sent_on=today - datetime.timedelta(days=70),
                response_due=today - datetime.timedelta(days=10),
                reference_number="ตัวอย่าง-001",
                created_by=editor,
            )
            workflow.change_status(report, Status.REFERRED, user=editor, note=f"ส่งต่อ {agency.name_th}")
            if demo.status in (Status.AGENCY_RESPONDED, Status.PUBLISHED):
                referral.response = "ตัวอย่าง: รับเรื่องไว้ตรวจสอบ ตั้งกรรมการสอบข้อเท็จจริงแล้ว"
                referral.response_on = today - datetime.timedelta(days=20)
                referral.outcome = ReferralOutcome.INVESTIGATING
                referral.save()
                report.set_status(Status.AGENCY_RESPONDED, actor=editor, note=f"{agency.name_th} ตอบกลับแล้ว")
            if demo.status == Status.PUBLISHED and project is not None:
                CaseProjectLink.objects.create(
                    report=report,
                    process_id=project.process_id,
                    title=project.title,
                    agency_name=project.agency_name,
                    budget=project.budget,
                    contract_value=project.contract_value,
                    winner_name=project.winner_name,
                    flags=list(project.flags),
                    matched_on=project.process_id,
                    confirmed=True,
                    confirmed_by=editor,
                    confirmed_at=timezone.now(),
                )
                _publish(report, editor)
        made.append(report)
    if project is None:
        console.print("watch: no procurement warehouse yet, so the published example links to no project")
    elif not flagged:
        console.print(
            f"watch: no flagged demo project; the published example links to {project.process_id} (no flags)"
        )
    else:
        console.print(f"watch: the published example links to flagged project {project.process_id}")
    return made


def load(console: Any) -> None:
    users = _accounts(console)
    if Label.objects.filter(name=DEMO_LABEL, cases__isnull=False).exists():
        console.print("watch: case-work examples already loaded")
        return
    made = _cases(users, console)
    console.print(
        "watch: case-work examples: "
        + ", ".join(f"{r.code} ({Report.objects.get(pk=r.pk).status})" for r in made)
        + " — staff inbox at /staff/cases/"
    )
