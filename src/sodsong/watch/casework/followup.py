"""Closing the loop: weeks after a referral, ask the reporter whether anything changed.

`send_followups()` is the job (`sodsong cases follow-up`); `record_followup_answer()` is what the
intake engine calls when the reporter taps yes / no / not yet. "Resolved" then needs their "yes"
(or new evidence); an agency's own word shows as "agency says resolved".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sodsong.watch.audit import audit
from sodsong.watch.casework.config import followup_weeks
from sodsong.watch.casework.workflow import reporter_confirmed_resolution
from sodsong.watch.conversation.messages import QuickReply, Reply
from sodsong.watch.models import (
    EventKind,
    FollowUpAnswer,
    Referral,
    ReferralOutcome,
    Report,
    Status,
)
from sodsong.watch.notify import notify_reporter

__all__ = [
    "FOLLOWUP_REPLIES",
    "FollowUpRun",
    "agency_says_resolved",
    "due_followups",
    "followup_postback",
    "record_followup_answer",
    "send_followups",
]

#: Postback values the engine passes back to `record_followup_answer`.
FOLLOWUP_REPLIES = (
    QuickReply("มีความคืบหน้า", "followup:yes"),
    QuickReply("ไม่มี", "followup:no"),
    QuickReply("ยังไม่มี", "followup:not_yet"),
)
OPEN_AFTER_REFERRAL = (Status.REFERRED, Status.AGENCY_RESPONDED, Status.PUBLISHED)


def followup_text(referral: Referral) -> str:
    return (
        f"เรื่อง {referral.report.code}: เราส่งต่อเรื่องของคุณไปยัง {referral.agency.name_th} "
        f"เมื่อ {referral.sent_on:%d/%m}/{referral.sent_on.year + 543} "
        "ตอนนี้มีอะไรเปลี่ยนแปลงบ้างไหมคะ? ถ้ามีหลักฐานใหม่ ส่งรูปหรือไฟล์มาได้เลย"
    )


@dataclass
class FollowUpRun:
    asked: list[str] = field(default_factory=list)  # case codes
    delivered: int = 0


def due_followups(today: datetime.date | None = None) -> list[Referral]:
    """Referrals sent at least N weeks ago whose reporter was not asked yet (one per case)."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(weeks=followup_weeks())
    referrals = (
        Referral.objects.filter(
            followup_asked_at__isnull=True,
            sent_on__lte=cutoff,
            report__status__in=OPEN_AFTER_REFERRAL,
        )
        .select_related("report", "agency")
        .order_by("sent_on", "pk")
    )
    seen: set[int] = set()
    due = []
    for referral in referrals:
        if referral.report_id in seen:
            continue
        seen.add(referral.report_id)
        due.append(referral)
    return due


def send_followups(today: datetime.date | None = None, *, dry_run: bool = False) -> FollowUpRun:
    run = FollowUpRun()
    for referral in due_followups(today):
        run.asked.append(referral.report.code)
        if dry_run:
            continue
        with transaction.atomic():
            claimed = Referral.objects.filter(pk=referral.pk, followup_asked_at__isnull=True).update(
                followup_asked_at=timezone.now()
            )
        if not claimed:  # another run asked already
            continue
        _event, delivery = notify_reporter(
            referral.report, followup_text(referral), quick_replies=FOLLOWUP_REPLIES
        )
        run.delivered += int(delivery.delivered)
        audit(None, "followup.ask", referral.report, referral=referral.pk, how=delivery.how)
    return run


def record_followup_answer(report: Report, answer: str) -> Referral | None:
    """The reporter's answer ("yes", "no", "not_yet", or a `followup:` postback) on the asked referral."""
    answer = answer.removeprefix("followup:")
    if answer not in FollowUpAnswer.values:
        raise ValueError(f"answer must be one of {FollowUpAnswer.values}")
    referral = (
        Referral.objects.filter(report=report, followup_asked_at__isnull=False)
        .order_by("-followup_asked_at")
        .first()
    )
    if referral is None:
        return None
    referral.followup_answer = answer
    referral.followup_answered_at = timezone.now()
    referral.save(update_fields=["followup_answer", "followup_answered_at"])
    report.record(
        EventKind.NOTE,
        note=f"follow-up answer: {FollowUpAnswer(answer).label}",
        public=False,
    )
    audit(None, "followup.answer", report, referral=referral.pk, answer=answer)
    return referral


def agency_says_resolved(report: Report) -> bool:
    """An agency said resolved but the reporter has not confirmed it (nor sent new evidence)."""
    said = report.referrals.filter(outcome=ReferralOutcome.RESOLVED).exists()
    return said and not reporter_confirmed_resolution(report)


def followup_summary(report: Report) -> dict[str, Any]:
    return {"agency_says_resolved": agency_says_resolved(report)}


def followup_postback(reporter: Any, data: str) -> list[Reply]:
    """What the conversation engine answers when a reporter taps a follow-up quick reply."""
    report = (
        Report.objects.filter(reporter=reporter, referrals__followup_asked_at__isnull=False)
        .order_by("-referrals__followup_asked_at")
        .first()
        if reporter is not None
        else None
    )
    answer = data.removeprefix("followup:")
    if report is None or answer not in FollowUpAnswer.values:
        return [Reply(_("Thank you. We could not find the case this answer belongs to."))]
    report.record(EventKind.MESSAGE_IN, note=str(FollowUpAnswer(answer).label))
    record_followup_answer(report, answer)
    if answer == FollowUpAnswer.YES:
        return [Reply(_("Thank you! If you have new evidence, send photos or files here."))]
    return [Reply(_("Thank you for letting us know. We keep following the case with the agency."))]
