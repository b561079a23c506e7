"""Write to the audit log in one line: `audit(request.user, "case.publish", report, note=...)`."""

from __future__ import annotations

from typing import Any

from sodsong.watch.models import AuditEntry, Report

__all__ = ["audit"]


def audit(
    actor: Any, action: str, report: Report | None = None, *, refused: bool = False, **detail: Any
) -> AuditEntry:
    """Record `action` by `actor` (a user, or None for the system) on `report`.

    `detail` must never hold a reporter's identity or contact: name what was done, not what was seen.
    """
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        action=action,
        report=report,
        case_code=report.code if report is not None else "",
        detail=detail,
        refused=refused,
    )
