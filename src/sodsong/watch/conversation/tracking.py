""" "Where is my report?": a citizen's cases, a case by its code, withdrawal, replies to the team.

Anyone holding a case code may see its public status (the code is the secret), so lookups of
unknown codes are counted per conversation and refused politely after too many.
"""

from __future__ import annotations

import time

from django.utils.translation import gettext as _

from sodsong.thai.dates import format_thai_date
from sodsong.watch.codes import normalise_case_code
from sodsong.watch.conversation import texts
from sodsong.watch.conversation.messages import Reply
from sodsong.watch.conversation.steps import Turn
from sodsong.watch.models import CloseReason, EditConflict, EventKind, Report, Status

__all__ = ["cases_of", "need_info_case", "status_line", "status_of_code", "track_replies", "withdraw"]

MAX_CODE_MISSES = 10
MISS_WINDOW_SECONDS = 3600


def cases_of(turn: Turn) -> list[Report]:
    """This citizen's submitted reports, newest first (LINE: every report of their account)."""
    reporter = turn.known_reporter()
    if reporter is None:
        return []
    return list(reporter.reports.exclude(status=Status.DRAFT).order_by("-submitted_at", "-pk")[:20])


def need_info_case(turn: Turn) -> Report | None:
    """The newest of the citizen's cases where the team asked for more information."""
    reporter = turn.known_reporter()
    if reporter is None:
        return None
    return reporter.reports.filter(status=Status.NEED_INFO).order_by("-pk").first()


def _when(report: Report, language: str) -> str:
    moment = report.submitted_at or report.created_at
    day = moment.date()
    return format_thai_date(day) if language != "en" else f"{day.day} {day:%b %Y}"


def status_line(report: Report, language: str = "th") -> str:
    """`ACDE FGHJ: Received (10 มี.ค. 2567)` and, when asked for information, the question."""
    line = f"{texts.format_code(report.code)}: {Status(report.status).label} ({_when(report, language)})"
    if report.status == Status.CLOSED and report.close_reason:
        line += f" \u2013 {CloseReason(report.close_reason).label}"
    if report.status == Status.NEED_INFO:
        question = report.events.filter(kind=EventKind.MESSAGE_OUT).order_by("-at", "-pk").first()
        if question is not None:
            line += "\n" + _("The team asks: {question}").format(question=question.note[:500])
            line += "\n" + _("Reply here: your next message or file is added to this report.")
    return line


def track_replies(turn: Turn) -> list[Reply]:
    cases = cases_of(turn)
    if not cases:
        return [
            Reply(
                _("We found no report from you here. If you have a case code, type it to see its status."),
                texts.menu_buttons(),
            )
        ]
    lines = [status_line(case, turn.key.language) for case in cases[:5]]
    return [Reply(_("Your reports:") + "\n" + "\n".join(lines), texts.menu_buttons())]


def status_of_code(turn: Turn, text: str) -> list[Reply] | None:
    """The public status of the case whose code `text` is; None when `text` is not code-shaped."""
    code = normalise_case_code(text)
    if code is None:
        return None
    now = time.time()
    stamps = turn.data.get("code_misses")
    misses = [
        float(stamp)
        for stamp in (stamps if isinstance(stamps, list) else [])
        if now - float(stamp) < MISS_WINDOW_SECONDS
    ]
    if len(misses) >= MAX_CODE_MISSES:
        return [Reply(_("Too many unknown codes. Please wait an hour and try again."), texts.menu_buttons())]
    report = Report.objects.exclude(status=Status.DRAFT).filter(code=code).first()
    if report is None:
        misses.append(now)
        turn.data["code_misses"] = misses
        return [
            Reply(
                _("We found no report with the code {code}. Please check it.").format(
                    code=texts.format_code(code)
                )
            )
        ]
    return [Reply(status_line(report, turn.key.language), texts.menu_buttons())]


def withdraw(turn: Turn, code: str) -> Reply:
    """Close the citizen's own case `code` as withdrawn (public event on its timeline)."""
    report = next((case for case in cases_of(turn) if case.code == code), None)
    if report is None or not report.is_open:
        return Reply(_("That report is already closed."))
    for _attempt in range(3):
        try:
            report.set_status(Status.CLOSED, reason=CloseReason.WITHDRAWN, public=True)
            break
        except EditConflict:
            report.refresh_from_db()
            if not report.is_open:
                break
    return Reply(_("Report {code} was withdrawn and closed.").format(code=texts.format_code(code)))
