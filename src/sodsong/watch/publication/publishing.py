"""Publishing a case: the rules that must hold, checked wherever the status could change.

`Report.set_status("published")` calls `ensure_publishable` whatever form or command asked for
it, so a forged status in any POST is refused the same way as the publish button: logged in the
audit log as a refused attempt, with a message staff can act on.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from sodsong.watch.audit import audit
from sodsong.watch.models import CaseEvent, EditConflict, Publication, PublishRefused, Report, Status

__all__ = ["ensure_publishable", "publish", "refusal_reason"]


def refusal_reason(report: Report) -> PublishRefused | None:
    """Why `report` cannot be published now, or None when it can."""
    publication = Publication.objects.filter(report=report).first()
    if report.status == Status.PUBLISHED or report.published_at is not None:
        return PublishRefused("already_published", f"case {report.code} is already published")
    if report.status == Status.DRAFT:
        return PublishRefused("draft", "an unfinished report cannot be published")
    if report.status == Status.CLOSED:
        return PublishRefused(
            "closed", "a closed case cannot be published; publish cases before closing them"
        )
    if report.consent_publish is not True:
        return PublishRefused(
            "no_consent", "the reporter did not agree to publication; the case cannot be published"
        )
    if publication is None or not publication.is_approved:
        return PublishRefused(
            "not_approved", "no approved redacted version: redact the case and approve it before publishing"
        )
    return None


def ensure_publishable(report: Report, actor: Any = None) -> None:
    """Raise `PublishRefused` (and log the refused attempt) unless `report` may be published."""
    problem = refusal_reason(report)
    if problem is not None:
        audit(actor, "case.publish", report, refused=True, reason=problem.code)
        raise problem


def publish(report: Report, actor: Any, *, expected_version: int) -> CaseEvent:
    """Publish the approved redacted version of `report`; alerts are queued for subscribers.

    `expected_version` is the case version the editor's page showed: if another staff member
    changed the case since, `EditConflict` is raised (and logged) and nothing changes.
    """
    report.refresh_from_db()
    if report.version != expected_version:
        audit(actor, "case.publish", report, refused=True, reason="conflict")
        raise EditConflict(
            f"case {report.code} was changed by someone else since you opened it; reload it and try again"
        )
    from sodsong.watch.publication.alerts import queue_alerts

    ensure_publishable(report, actor)  # outside the transaction, so the refusal stays logged
    try:
        with transaction.atomic():
            event = report.set_status(
                Status.PUBLISHED, actor=actor, public=True, expected_version=expected_version
            )
            audit(actor, "case.publish", report, publication_version=report.publication.version)
            queued = queue_alerts(report)
    except EditConflict:
        audit(actor, "case.publish", report, refused=True, reason="conflict")
        raise
    transaction.on_commit(lambda: _deliver(queued))
    return event


def _deliver(queued: int) -> None:
    if queued:
        from sodsong.watch.publication.alerts import deliver_pending

        deliver_pending()
