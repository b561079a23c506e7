"""Retention: N days after a case closes, its raw evidence and the reporter's identity are deleted.

What stays is the public record: the case, its statuses and public events, the referrals'
outcomes, the evidence hashes (proof without the file). What goes: evidence files, the contact,
the link to the reporter (and the reporter's LINE hash once no case points to it), and the
intake conversation. The same purge answers a reporter's deletion request.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from sodsong.watch.audit import audit
from sodsong.watch.casework.config import retention_days
from sodsong.watch.casework.workflow import casefile
from sodsong.watch.evidence import remove_evidence
from sodsong.watch.models import CaseFile, Conversation, Report, Reporter, Status

__all__ = ["RetentionResult", "due_for_retention", "purge_case", "run_retention"]


@dataclass
class RetentionResult:
    cases: list[str] = field(default_factory=list)
    files: int = 0
    dry_run: bool = False


def due_for_retention(now: datetime.datetime | None = None, days: int | None = None) -> QuerySet[Report]:
    """Closed cases past the retention period whose identity is not yet purged."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days() if days is None else days)
    purged = CaseFile.objects.filter(identity_purged_at__isnull=False).values("report_id")
    return (
        Report.objects.filter(status=Status.CLOSED, closed_at__lt=cutoff)
        .exclude(pk__in=purged)
        .order_by("closed_at")
    )


def purge_case(report: Report, *, actor: Any = None, why: str = "retention") -> int:
    """Delete the case's raw evidence and identity; returns the number of files deleted."""
    files = 0
    with transaction.atomic():
        for evidence in report.evidence.filter(purged_at__isnull=True):
            remove_evidence(evidence, note=f"{why}: sha256 {evidence.sha256}")
            files += 1
        reporter_id = report.reporter_id
        Report.objects.filter(pk=report.pk).update(contact="", reporter=None, updated_at=timezone.now())
        Conversation.objects.filter(report=report).delete()
        if reporter_id is not None and not Report.objects.filter(reporter_id=reporter_id).exists():
            Conversation.objects.filter(
                user_key__in=Reporter.objects.filter(pk=reporter_id).values("line_user_hash")
            ).delete()
            Reporter.objects.filter(pk=reporter_id).delete()
        file = casefile(report)
        file.identity_purged_at = timezone.now()
        file.save(update_fields=["identity_purged_at"])
        audit(actor, f"{why}.purge", report, files=files)
    return files


def run_retention(*, dry_run: bool = False, now: datetime.datetime | None = None) -> RetentionResult:
    result = RetentionResult(dry_run=dry_run)
    for report in due_for_retention(now):
        result.cases.append(report.code)
        if dry_run:
            result.files += report.evidence.filter(purged_at__isnull=True).count()
        else:
            result.files += purge_case(report)
    return result
