"""Data-subject requests (PDPA): a reporter asks for a copy or the deletion of their data.

The reporter proves the case is theirs by case code plus one of: the same keyed LINE user hash
(the intake engine calls `open_request` with it), the contact they gave, or a one-time code
shown on their web track page (`issue_one_time_code`). Requests are logged and handled by staff.
"""

from __future__ import annotations

import datetime
import hmac
import json
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sodsong.privacy.crypto import keyed_hash
from sodsong.watch.audit import audit
from sodsong.watch.casework.retention import purge_case
from sodsong.watch.casework.workflow import Refused
from sodsong.watch.codes import normalise_case_code
from sodsong.watch.models import (
    DataRequest,
    DataRequestKind,
    DataRequestStatus,
    OneTimeCode,
    Report,
)

__all__ = ["NotVerified", "export_data", "handle_request", "issue_one_time_code", "open_request"]

CODE_PURPOSE = "data-request-code"
CODE_TTL = datetime.timedelta(hours=24)


class NotVerified(Exception):
    """The case code and the proof do not match: say so without telling which part was wrong."""


def issue_one_time_code(report: Report) -> str:
    """A six-digit code for the web track page; valid 24 hours, once."""
    code = f"{secrets.randbelow(10**6):06d}"
    OneTimeCode.objects.create(
        report=report, code_hash=keyed_hash(code, CODE_PURPOSE), expires_at=timezone.now() + CODE_TTL
    )
    return code


def _contact_matches(given: str, stored: str) -> bool:
    """The phone number (9+ digits, any writing) or the e-mail the reporter gave us."""
    from sodsong.thai import to_arabic_digits

    given = to_arabic_digits(given).strip().lower()
    stored = to_arabic_digits(stored).lower()
    if "@" in given:
        return given in stored.split() or any(given == word.strip(".,;()") for word in stored.split())
    digits = "".join(ch for ch in given if ch.isdecimal())
    return len(digits) >= 9 and digits in "".join(
        ch for ch in stored if ch.isdecimal() or ch.isspace()
    ).replace(" ", "")


def _verify(
    report: Report, *, line_user_hash: str | None, contact: str | None, one_time_code: str | None
) -> str | None:
    stored = report.reporter.line_user_hash if report.reporter else None
    if line_user_hash and stored and hmac.compare_digest(stored, line_user_hash):
        return "line"
    if contact and report.contact and _contact_matches(contact, report.contact):
        return "contact"
    if one_time_code:
        from sodsong.thai import to_arabic_digits

        digest = keyed_hash(to_arabic_digits(one_time_code).strip(), CODE_PURPOSE)
        found = OneTimeCode.objects.filter(
            report=report, code_hash=digest, used_at__isnull=True, expires_at__gt=timezone.now()
        ).first()
        if found is not None:
            found.used_at = timezone.now()
            found.save(update_fields=["used_at"])
            return "code"
    return None


def open_request(
    case_code: str,
    kind: str,
    *,
    line_user_hash: str | None = None,
    contact: str | None = None,
    one_time_code: str | None = None,
) -> DataRequest:
    """Record a verified request for staff to handle; raises NotVerified (and logs the attempt)."""
    if kind not in DataRequestKind.values:
        raise ValueError(f"kind must be one of {DataRequestKind.values}")
    code = normalise_case_code(case_code)
    report = Report.objects.filter(code=code).select_related("reporter").first() if code else None
    how = (
        _verify(report, line_user_hash=line_user_hash, contact=contact, one_time_code=one_time_code)
        if report
        else None
    )
    if report is None or how is None:
        audit(None, f"data_request.{kind}", report, refused=True)
        raise NotVerified(
            _("We could not confirm that this case is yours. Check the case code and try again.")
        )
    with transaction.atomic():
        request = DataRequest.objects.create(report=report, case_code=report.code, kind=kind, verified_by=how)
        audit(None, f"data_request.{kind}", report, request=request.pk, verified_by=how)
    return request


def export_data(report: Report, *, user: Any) -> bytes:
    """Everything we hold about the reporter of this case, as JSON (an audited identity export)."""
    data = {
        "case_code": report.code,
        "channel": report.channel,
        "status": report.status,
        "category": report.category,
        "agency": report.agency_text,
        "province_code": report.province_code,
        "district": report.district,
        "what_happened": report.what_happened,
        "occurred_on": report.occurred_on.isoformat() if report.occurred_on else None,
        "occurred_text": report.occurred_text,
        "amount": str(report.amount) if report.amount is not None else None,
        "egp_project_number": report.egp_project_number,
        "consent_publish": report.consent_publish,
        "consent_forward": report.consent_forward,
        "contact": report.contact,
        "submitted_at": report.submitted_at.isoformat() if report.submitted_at else None,
        "evidence": [
            {
                "name": e.original_name,
                "type": e.content_type,
                "sha256": e.sha256,
                "deleted": e.purged_at is not None,
            }
            for e in report.evidence.all()
        ],
        "messages": [
            {"at": e.at.isoformat(), "kind": e.kind, "text": e.note}
            for e in report.events.filter(kind__in=["message_in", "message_out"])
        ],
        "referrals": [
            {
                "agency": r.agency.name_th,
                "sent_on": r.sent_on.isoformat(),
                "identity_forwarded": r.include_identity,
            }
            for r in report.referrals.select_related("agency")
        ],
    }
    audit(user, "identity.export", report, what="data_request")
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def handle_request(request: DataRequest, *, user: Any, done: bool, note: str = "") -> None:
    """Staff close a request: a deletion purges the case's identity and evidence files."""
    if request.status != DataRequestStatus.OPEN:
        raise Refused(_("This request was already handled."))
    with transaction.atomic():
        if done and request.kind == DataRequestKind.DELETE and request.report is not None:
            purge_case(request.report, actor=user, why="data_request")
        request.status = DataRequestStatus.DONE if done else DataRequestStatus.REFUSED
        request.note = note
        request.handled_by = user
        request.handled_at = timezone.now()
        request.save()
        audit(user, "data_request.handle", request.report, request=request.pk, done=done)
