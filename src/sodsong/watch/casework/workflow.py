"""The screening workflow: which status may follow which, for which role, and the actions on a case.

Transitions are data (`TRANSITIONS`), so the form offers only what the table allows and a forged
status in a POST is refused (and logged) by the same check. Publishing is not here: only the
publication screens publish, after a redaction is approved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sodsong.watch.audit import audit
from sodsong.watch.models import (
    CaseEvent,
    CaseFile,
    CloseReason,
    EditConflict,
    EventKind,
    FollowUpAnswer,
    InternalStep,
    Label,
    Report,
    Status,
)
from sodsong.watch.notify import notify_reporter
from sodsong.web.staff import Role, user_roles

__all__ = [
    "TRANSITIONS",
    "Refused",
    "Transition",
    "add_label",
    "allowed_targets",
    "ask_for_info",
    "assign",
    "casefile",
    "change_status",
    "merge",
    "remove_label",
    "set_step",
]

S = Status
CASE_ROLES = (Role.SCREENER, Role.EDITOR)


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    roles: tuple[Role, ...]


TRANSITIONS: tuple[Transition, ...] = (
    Transition(S.RECEIVED, S.SCREENING, CASE_ROLES),
    Transition(S.RECEIVED, S.NEED_INFO, CASE_ROLES),
    Transition(S.RECEIVED, S.REFERRED, CASE_ROLES),
    Transition(S.RECEIVED, S.CLOSED, CASE_ROLES),
    Transition(S.SCREENING, S.NEED_INFO, CASE_ROLES),
    Transition(S.SCREENING, S.REFERRED, CASE_ROLES),
    Transition(S.SCREENING, S.CLOSED, CASE_ROLES),
    Transition(S.NEED_INFO, S.SCREENING, CASE_ROLES),
    Transition(S.NEED_INFO, S.REFERRED, CASE_ROLES),
    Transition(S.NEED_INFO, S.CLOSED, CASE_ROLES),
    Transition(S.REFERRED, S.AGENCY_RESPONDED, CASE_ROLES),
    Transition(S.REFERRED, S.SCREENING, (Role.EDITOR,)),
    Transition(S.REFERRED, S.CLOSED, CASE_ROLES),
    Transition(S.AGENCY_RESPONDED, S.REFERRED, CASE_ROLES),
    Transition(S.AGENCY_RESPONDED, S.CLOSED, CASE_ROLES),
    Transition(S.PUBLISHED, S.AGENCY_RESPONDED, (Role.EDITOR,)),
    Transition(S.PUBLISHED, S.CLOSED, (Role.EDITOR,)),
    Transition(S.CLOSED, S.SCREENING, (Role.EDITOR,)),  # reopen
)


class Refused(Exception):
    """An action the rules do not allow; the message is shown to the staff member as it is."""


def allowed_targets(report: Report, user: Any) -> list[str]:
    """Statuses this user may move this case to now, in workflow order."""
    roles = user_roles(user)
    admin = Role.ADMIN in roles
    targets = {
        t.target for t in TRANSITIONS if t.source == report.status and (admin or roles.intersection(t.roles))
    }
    return [s for s in Status.values if s in targets]


def casefile(report: Report) -> CaseFile:
    found, _created = CaseFile.objects.get_or_create(report=report)
    return found


def _refuse(user: Any, action: str, report: Report, message: str, **detail: Any) -> Refused:
    audit(user, action, report, refused=True, why=message, **detail)
    return Refused(message)


def reporter_confirmed_resolution(report: Report) -> bool:
    """The reporter said something changed after a referral, or sent evidence after one."""
    referrals = list(report.referrals.all())
    if any(r.followup_answer == FollowUpAnswer.YES for r in referrals):
        return True
    if not referrals:
        return False
    first = min(r.created_at for r in referrals)
    return report.evidence.filter(created_at__gt=first, removed_at__isnull=True).exists()


def change_status(
    report: Report,
    new: str,
    *,
    user: Any,
    note: str = "",
    public: bool = True,
    reason: str = "",
    expected_version: int | None = None,
) -> CaseEvent:
    """Move the case if the table allows it for this user; refusals are logged, races raise EditConflict."""
    if new not in allowed_targets(report, user):
        raise _refuse(
            user,
            "case.status",
            report,
            _("Moving this case from “%(old)s” to “%(new)s” is not allowed for your role.")
            % {"old": Status(report.status).label, "new": new},
            to=str(new)[:40],
        )
    if new == Status.CLOSED and reason not in CloseReason.values:
        raise Refused(_("Choose why the case is closed."))
    if new == Status.CLOSED and reason == CloseReason.RESOLVED and not reporter_confirmed_resolution(report):
        raise _refuse(
            user,
            "case.status",
            report,
            _(
                "“Resolved” needs the reporter's confirmation or new evidence. "
                "Close it as “Agency says resolved” instead."
            ),
            to=new,
            reason=reason,
        )
    with transaction.atomic():
        event = report.set_status(
            new, actor=user, note=note, public=public, reason=reason, expected_version=expected_version
        )
        if new == Status.CLOSED and note:
            Report.objects.filter(pk=report.pk).update(close_note=note)
        audit(user, "case.status", report, source=event.from_status, to=new, reason=reason)
    return event


def ask_for_info(report: Report, question: str, *, user: Any, expected_version: int | None = None) -> None:
    """Set `need_info` (when it is not already) and send the question on the reporter's channel."""
    question = question.strip()
    if not question:
        raise Refused(_("Write the question for the reporter."))
    with transaction.atomic():
        if report.status != Status.NEED_INFO:
            change_status(
                report,
                Status.NEED_INFO,
                user=user,
                note=_("We asked the reporter for more information."),
                expected_version=expected_version,
            )
        elif expected_version is not None and expected_version != report.version:
            raise EditConflict(f"case {report.code} was changed by someone else")
        file = casefile(report)
        file.step = InternalStep.WAITING_FOR_REPORTER
        file.save(update_fields=["step"])
    notify_reporter(report, question, actor=user)
    audit(user, "case.ask_info", report)


def assign(report: Report, assignee: Any, *, user: Any) -> None:
    file = casefile(report)
    file.assignee = assignee
    file.save(update_fields=["assignee"])
    name = assignee.get_username() if assignee is not None else "-"
    report.record(EventKind.NOTE, actor=user, note=_("Assigned to %(name)s") % {"name": name})
    audit(user, "case.assign", report, assignee=assignee.pk if assignee is not None else None)


def set_step(report: Report, step: str, *, user: Any) -> None:
    if step not in InternalStep.values:
        raise _refuse(user, "case.step", report, _("Unknown internal step."), step=str(step)[:40])
    file = casefile(report)
    file.step = step
    file.save(update_fields=["step"])
    report.record(
        EventKind.NOTE, actor=user, note=_("Internal step: %(step)s") % {"step": InternalStep(step).label}
    )


def add_label(report: Report, name: str, *, user: Any) -> Label:
    name = " ".join(name.split())[:60]
    if not name:
        raise Refused(_("Write the label."))
    label, _created = Label.objects.get_or_create(name=name)
    casefile(report).labels.add(label)
    return label


def remove_label(report: Report, label: Label, *, user: Any) -> None:
    casefile(report).labels.remove(label)


def merge(duplicate: Report, kept: Report, *, user: Any, expected_version: int | None = None) -> None:
    """Close `duplicate` as a duplicate pointing to `kept`; its evidence and events show on `kept`."""
    if duplicate.pk == kept.pk:
        raise Refused(_("A case cannot be merged into itself."))
    if casefile(kept).merged_into_id:
        raise Refused(_("The case to keep was itself merged into another case; merge into that one."))
    if duplicate.status == Status.CLOSED:
        raise Refused(_("This case is already closed."))
    with transaction.atomic():
        list(
            Report.objects.select_for_update()
            .filter(pk__in=[duplicate.pk, kept.pk])
            .values_list("pk", flat=True)
        )
        duplicate.set_status(
            Status.CLOSED,
            actor=user,
            note=_("Duplicate of case %(code)s") % {"code": kept.code},
            public=True,
            reason=CloseReason.DUPLICATE,
            expected_version=expected_version,
        )
        file = casefile(duplicate)
        file.merged_into = kept
        file.save(update_fields=["merged_into"])
        CaseFile.objects.filter(merged_into=duplicate).update(merged_into=kept)
        kept.record(
            EventKind.NOTE,
            actor=user,
            note=_("Case %(code)s was merged into this one") % {"code": duplicate.code},
        )
        Report.objects.filter(pk=duplicate.pk).update(close_note=f"→ {kept.code}", updated_at=timezone.now())
        audit(user, "case.merge", duplicate, kept=kept.code)


def case_family(report: Report) -> list[Report]:
    """The case and the cases merged into it (their evidence and events show on it)."""
    merged = list(Report.objects.filter(casefile__merged_into=report))
    return [report, *merged]
