"""Referrals to agencies, the reporter's consent per referral, and revealing the reporter's identity.

The identity (`Report.contact`) leaves us only inside a referral whose reporter consented to
forwarding it to that agency; a custodian records that consent, and every attempt without it is
refused and logged. Reading the contact on screen also needs the custodian role and is logged.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sodsong.watch.audit import audit
from sodsong.watch.casework.config import referral_response_days
from sodsong.watch.casework.workflow import Refused, casefile, change_status
from sodsong.watch.models import Agency, EventKind, InternalStep, Referral, Report, Status
from sodsong.web.staff import Role, has_role

__all__ = ["create_referral", "record_consent", "record_response", "reveal_identity"]

NO_CONSENT = (
    "The reporter has not consented to forwarding their identity to this agency, so it cannot be "
    "included. Record their consent for this referral first (custodian)."
)


def default_due(agency: Agency, sent_on: datetime.date) -> datetime.date:
    return sent_on + datetime.timedelta(days=agency.response_days or referral_response_days())


def create_referral(
    report: Report,
    agency: Agency,
    *,
    user: Any,
    channel: str = "letter",
    sent_on: datetime.date | None = None,
    reference_number: str = "",
    response_due: datetime.date | None = None,
    include_identity: bool = False,
) -> Referral:
    """Record a referral; the case moves to `referred` when it was being screened.

    A new referral never carries the identity: consent is per referral and is recorded on it
    afterwards, so asking for `include_identity` here is refused and logged.
    """
    if include_identity:
        audit(user, "referral.identity", report, refused=True, agency=agency.pk, why="no consent")
        raise Refused(_(NO_CONSENT))
    if report.status in (Status.DRAFT, Status.CLOSED):
        raise Refused(_("A draft or closed case cannot be referred."))
    sent_on = sent_on or timezone.localdate()
    with transaction.atomic():
        referral = Referral.objects.create(
            report=report,
            agency=agency,
            channel=channel,
            sent_on=sent_on,
            reference_number=reference_number,
            response_due=response_due or default_due(agency, sent_on),
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        if report.status in (Status.RECEIVED, Status.SCREENING, Status.NEED_INFO, Status.AGENCY_RESPONDED):
            change_status(
                report,
                Status.REFERRED,
                user=user,
                note=_("Referred to %(agency)s") % {"agency": agency.name_th},
            )
        else:
            report.record(
                EventKind.NOTE, actor=user, note=_("Referred to %(agency)s") % {"agency": agency.name_th}
            )
        file = casefile(report)
        file.step = InternalStep.WAITING_FOR_AGENCY
        file.save(update_fields=["step"])
        audit(user, "referral.create", report, referral=referral.pk, agency=agency.pk)
    return referral


def record_consent(referral: Referral, *, user: Any, note: str) -> None:
    """A custodian records that the reporter consented to forwarding their identity to this agency."""
    if not has_role(user, Role.CUSTODIAN):
        audit(user, "referral.consent", referral.report, refused=True, referral=referral.pk)
        raise Refused(_("Only a custodian can record the reporter's consent."))
    if not note.strip():
        raise Refused(_("Write how the reporter consented."))
    referral.identity_consent = True
    referral.consent_note = note.strip()[:300]
    referral.save(update_fields=["identity_consent", "consent_note"])
    audit(user, "referral.consent", referral.report, referral=referral.pk)


def set_include_identity(referral: Referral, include: bool, *, user: Any) -> None:
    """Include the identity in this referral's letter: needs consent and a custodian."""
    if include and (not referral.identity_consent or not has_role(user, Role.CUSTODIAN)):
        audit(user, "referral.identity", referral.report, refused=True, referral=referral.pk)
        if not referral.identity_consent:
            raise Refused(_(NO_CONSENT))
        raise Refused(_("Only a custodian can include the reporter's identity."))
    referral.include_identity = include
    referral.save(update_fields=["include_identity"])
    audit(user, "referral.identity", referral.report, referral=referral.pk, include=include)


def record_response(referral: Referral, *, user: Any, fields: dict[str, Any]) -> None:
    """Save the agency's answer; a first answer moves a referred case to `agency_responded`."""
    first_answer = not referral.response_on and (fields.get("response_on") or fields.get("response"))
    for name, value in fields.items():
        setattr(referral, name, value)
    if first_answer and not referral.response_on:
        referral.response_on = timezone.localdate()
    referral.save()
    report = referral.report
    if first_answer and report.status == Status.REFERRED:
        # A rule, not a choice: whoever records the first answer (a partner too) moves the case.
        report.set_status(
            Status.AGENCY_RESPONDED,
            actor=user,
            note=_("%(agency)s answered") % {"agency": referral.agency.name_th},
        )
        audit(user, "case.status", report, source=Status.REFERRED, to=Status.AGENCY_RESPONDED)
    audit(user, "referral.response", report, referral=referral.pk, outcome=referral.outcome)


def reveal_identity(report: Report, *, user: Any) -> str:
    """The reporter's contact, for a custodian; every view (and refusal) is in the audit log."""
    if not has_role(user, Role.CUSTODIAN):
        audit(user, "identity.view", report, refused=True)
        raise Refused(_("Only a custodian can see the reporter's identity."))
    audit(user, "identity.view", report)
    return report.contact
