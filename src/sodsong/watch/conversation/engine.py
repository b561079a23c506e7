"""The intake conversation engine: `handle(key, inbound) -> list[Reply]` for every channel.

State lives in the `Conversation` row (so it survives restarts and works across processes);
each inbound is handled in one transaction with the row locked (`select_for_update`) and its
`version` checked on save, so two messages of one citizen arriving at once are applied one
after the other, never interleaved. Answers are written to the draft report as they come.

Commands work at any step, typed or as postbacks: `cmd:report` (แจ้งเรื่อง), `cmd:track`
(ติดตามเรื่อง), `cmd:cancel` (ยกเลิก), `cmd:restart` (เริ่มใหม่), `cmd:help` (ช่วยเหลือ).
Channels may put these values on menus (the LINE rich menu does).
"""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from sodsong.watch.conversation import texts
from sodsong.watch.conversation.data_requests import data_request_reply
from sodsong.watch.conversation.messages import ConversationKey, Inbound, InboundKind, QuickReply, Reply
from sodsong.watch.conversation.parsing import MAX_TEXT, clean_text
from sodsong.watch.conversation.steps import ANSWERS, PROMPTS, STEPS, Turn
from sodsong.watch.conversation.tracking import (
    cases_of,
    need_info_case,
    status_of_code,
    track_replies,
    withdraw,
)
from sodsong.watch.evidence import EvidenceRejected, remove_evidence, store_evidence
from sodsong.watch.models import Conversation, EventKind, Evidence, Report, Status

__all__ = ["COMMANDS", "current_state", "handle", "prompt"]

log = logging.getLogger(__name__)

COMMANDS: dict[str, str] = {
    "แจ้งเรื่อง": "report",
    "แจ้งเรื่องใหม่": "report",
    "ร้องเรียน": "report",
    "report": "report",
    "new report": "report",
    "ติดตามเรื่อง": "track",
    "ติดตาม": "track",
    "track": "track",
    "status": "track",
    "ยกเลิก": "cancel",
    "ถอนเรื่อง": "cancel",
    "cancel": "cancel",
    "withdraw": "cancel",
    "เริ่มใหม่": "restart",
    "restart": "restart",
    "start over": "restart",
    "ช่วยเหลือ": "help",
    "วิธีใช้": "help",
    "help": "help",
    "?": "help",
}
_CONFIRM = {"cmd:confirm", "ใช่", "ยืนยัน", "yes", "confirm"}
_KEEP = {"cmd:keep", "ไม่", "no", "keep"}
_MAX_REPLIES = 5


class _Conflict(Exception):
    """The conversation changed under us: the whole turn is retried."""


def handle(key: ConversationKey, inbound: Inbound) -> list[Reply]:
    """Apply one thing the citizen did and return what to say back (at most 5 messages).

    An UNFOLLOW, and an UNSEND that removed nothing, return no messages (LINE cannot answer them).
    """
    language = "en" if key.language == "en" else "th"
    with translation.override(language):
        for attempt in range(6):
            try:
                with transaction.atomic():
                    replies = _handle_locked(key, inbound)
                return [reply for reply in replies if reply.text][:_MAX_REPLIES]
            except (_Conflict, IntegrityError, OperationalError):
                if attempt == 5:
                    log.warning("conversation busy after retries (channel %s)", key.channel)
                    return [Reply(_("Sorry, we are busy. Please send that again in a moment."))]
    raise AssertionError("unreachable")  # pragma: no cover


def prompt(key: ConversationKey) -> list[Reply]:
    """The current question again, changing nothing (the web form shows it on every page)."""
    with translation.override("en" if key.language == "en" else "th"):
        conversation = Conversation.objects.filter(channel=key.channel, user_key=key.user_key).first()
        if conversation is None:
            return [Reply(texts.greeting(), texts.menu_buttons())]
        turn = _turn(key, conversation)
        return [_current_prompt(turn)]


def current_state(key: ConversationKey) -> str:
    """The step the citizen is at (`idle` before the first question); for channels' widgets."""
    row = Conversation.objects.filter(channel=key.channel, user_key=key.user_key).values("state").first()
    return str(row["state"]) if row else "idle"


def _turn(key: ConversationKey, conversation: Conversation) -> Turn:
    data = dict(conversation.data or {})
    report = conversation.report
    if report is not None and report.status != Status.DRAFT:
        report = None
    return Turn(key=key, conversation=conversation, today=timezone.localdate(), report=report, data=data)


def _handle_locked(key: ConversationKey, inbound: Inbound) -> list[Reply]:
    conversation, _created = Conversation.objects.get_or_create(
        channel=key.channel, user_key=key.user_key, defaults={"language": key.language}
    )
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    version = conversation.version
    turn = _turn(key, conversation)
    if turn.state in STEPS and turn.report is None and turn.state != "category":
        # The draft went away (discarded elsewhere, or deleted by retention): start cleanly.
        turn.go("category")
        replies = [Reply(_("Your unfinished report is no longer here; let us start again."))]
        replies.append(PROMPTS["category"](turn))
    else:
        replies = _dispatch(turn, inbound)
    if turn.state == "finish":
        replies += _finish(turn)
    updated = Conversation.objects.filter(pk=conversation.pk, version=version).update(
        state=turn.state,
        data=turn.data,
        report=turn.report,
        language=key.language,
        version=version + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise _Conflict
    return replies


def _command(inbound: Inbound) -> str:
    if inbound.kind == InboundKind.POSTBACK and inbound.data.startswith("cmd:"):
        name = inbound.data[4:]
        return name if name in {"report", "track", "cancel", "restart", "help"} else ""
    if inbound.kind == InboundKind.TEXT:
        return COMMANDS.get(clean_text(inbound.text).casefold().rstrip("!. "), "")
    return ""


def _dispatch(turn: Turn, inbound: Inbound) -> list[Reply]:
    kind = inbound.kind
    if kind == InboundKind.FOLLOW:
        return _follow(turn)
    if kind == InboundKind.POSTBACK and inbound.data.startswith("followup:"):  # the case work's follow-up
        return import_string("sodsong.watch.casework.followup.followup_postback")(
            turn.known_reporter(), inbound.data
        )
    if kind == InboundKind.UNFOLLOW:
        reporter = turn.known_reporter()
        if reporter is not None and reporter.following:
            reporter.following = False
            reporter.save(update_fields=["following"])
        return []
    if kind == InboundKind.UNSEND:
        return _unsend(turn, inbound)
    if kind == InboundKind.TEXT and len(clean_text(inbound.text)) > MAX_TEXT:
        return [
            Reply(
                _(
                    "That message is too long (over {limit} characters). Please send it in shorter parts."
                ).format(limit=f"{MAX_TEXT:,}")
            ),
            _current_prompt(turn),
        ]
    if kind == InboundKind.TEXT and not clean_text(inbound.text):
        return [_current_prompt(turn)]
    request_reply = data_request_reply(turn.key, inbound)
    if request_reply is not None:
        return [request_reply]
    command = _command(inbound)
    if command:
        return _run_command(turn, command)
    if turn.state == "confirm_cancel":
        return _confirm_cancel(turn, inbound)
    if turn.state == "confirm_withdraw":
        return _confirm_withdraw(turn, inbound)
    if kind == InboundKind.STICKER:
        return [Reply(_("Thank you for the sticker!")), _current_prompt(turn)]
    if kind == InboundKind.UPLOAD:
        return _upload(turn, inbound)
    if turn.state in ANSWERS:
        if kind == InboundKind.LOCATION and turn.state != "location":
            return [Reply(_("Thank you; we do not need a location just now.")), _current_prompt(turn)]
        return ANSWERS[turn.state](turn, inbound)
    return _idle(turn, inbound)


def _current_prompt(turn: Turn) -> Reply:
    if turn.state in PROMPTS:
        return PROMPTS[turn.state](turn)
    if turn.state == "confirm_cancel":
        return _cancel_question()
    if turn.state == "confirm_withdraw":
        return _withdraw_question(str(turn.data.get("withdraw", "")))
    return Reply(_("What would you like to do?"), texts.menu_buttons())


def _follow(turn: Turn) -> list[Reply]:
    if turn.key.channel == "line":
        reporter = turn.reporter()
        if not reporter.following:
            reporter.following = True
            reporter.save(update_fields=["following"])
    replies = [Reply(texts.greeting()), Reply(texts.pdpa_notice())]
    if turn.state in PROMPTS:
        replies.append(Reply(_("You have an unfinished report; let us continue.")))
    replies.append(_current_prompt(turn))
    return replies


def _start(turn: Turn) -> list[Reply]:
    turn.report = None
    turn.go("category")
    return [PROMPTS["category"](turn)]


def _run_command(turn: Turn, command: str) -> list[Reply]:
    if command == "help":
        return [Reply(texts.help_text()), Reply(texts.safety_text()), _current_prompt(turn)]
    if command == "track":
        return track_replies(turn)
    if command == "report":
        if turn.state in PROMPTS and turn.report is not None:
            return [Reply(_("You are in the middle of a report; let us continue.")), _current_prompt(turn)]
        return [Reply(texts.greeting()), *_start(turn)]
    if command == "restart":
        _discard_draft(turn)
        return [Reply(_("Starting again.")), *_start(turn)]
    # cancel
    if turn.report is not None or turn.state in PROMPTS:
        turn.data["resume"] = turn.state
        turn.go("confirm_cancel")
        return [_cancel_question()]
    open_cases = [case for case in cases_of(turn) if case.is_open]
    if not open_cases:
        turn.go("idle")
        return [Reply(_("You have no open report to withdraw.")), _current_prompt(turn)]
    if len(open_cases) == 1:
        turn.data["withdraw"] = open_cases[0].code
        turn.go("confirm_withdraw")
        return [_withdraw_question(open_cases[0].code)]
    turn.go("confirm_withdraw")
    turn.data["withdraw"] = ""
    buttons = [QuickReply(texts.format_code(case.code), f"withdraw:{case.code}") for case in open_cases[:11]]
    buttons.append(QuickReply(_("Keep them"), "cmd:keep"))
    return [Reply(_("Which report do you want to withdraw?"), tuple(buttons))]


def _cancel_question() -> Reply:
    return Reply(
        _("Do you want to cancel this report? What you have written so far will be deleted."),
        (QuickReply(_("Yes, cancel it"), "cmd:confirm"), QuickReply(_("No, continue"), "cmd:keep")),
    )


def _withdraw_question(code: str) -> Reply:
    return Reply(
        _("Do you want to withdraw report {code}? We will close it and stop working on it.").format(
            code=texts.format_code(code)
        ),
        (QuickReply(_("Yes, withdraw"), "cmd:confirm"), QuickReply(_("No, keep it"), "cmd:keep")),
    )


def _answer_word(inbound: Inbound) -> str:
    if inbound.kind == InboundKind.POSTBACK:
        return inbound.data.strip().casefold()
    return clean_text(inbound.text).casefold().rstrip("!. ") if inbound.kind == InboundKind.TEXT else ""


def _confirm_cancel(turn: Turn, inbound: Inbound) -> list[Reply]:
    word = _answer_word(inbound)
    resume = str(turn.data.pop("resume", "") or "")
    if word in _CONFIRM:
        _discard_draft(turn)
        turn.go("idle")
        return [
            Reply(_("Your report was cancelled and deleted. You can start again at any time.")),
            _current_prompt(turn),
        ]
    if word in _KEEP:
        turn.go(resume if resume in PROMPTS else "idle")
        return [Reply(_("OK, let us continue.")), _current_prompt(turn)]
    turn.data["resume"] = resume
    return [Reply(_("Please press Yes or No.")), _cancel_question()]


def _confirm_withdraw(turn: Turn, inbound: Inbound) -> list[Reply]:
    word = _answer_word(inbound)
    if word.startswith("withdraw:"):
        code = inbound.data.split(":", 1)[1].strip().upper()
        if any(case.code == code for case in cases_of(turn)):
            turn.data["withdraw"] = code
            return [_withdraw_question(code)]
    code = str(turn.data.get("withdraw", ""))
    if word in _CONFIRM and code:
        turn.data.pop("withdraw", None)
        turn.go("idle")
        done = withdraw(turn, code)
        return [done, _current_prompt(turn)]
    if word in _KEEP:
        turn.data.pop("withdraw", None)
        turn.go("idle")
        return [Reply(_("OK, nothing was changed.")), _current_prompt(turn)]
    if not code:
        turn.go("idle")
        return [Reply(_("Nothing was changed.")), _current_prompt(turn)]
    return [Reply(_("Please press Yes or No.")), _withdraw_question(code)]


def _discard_draft(turn: Turn) -> None:
    report = turn.report
    turn.report = None
    turn.data.pop("opening", None)
    if report is None or report.status != Status.DRAFT:
        return
    for evidence in report.evidence.filter(removed_at__isnull=True):
        remove_evidence(evidence, note="draft discarded by the reporter")
    report.delete()


def _upload(turn: Turn, inbound: Inbound) -> list[Reply]:
    upload = inbound.upload
    if upload is None:
        return [_current_prompt(turn)]
    in_intake = turn.state in PROMPTS
    target: Report | None = None
    if not in_intake:
        target = need_info_case(turn)
    if target is None:
        if not in_intake:
            turn.go("category")
        target = turn.draft()
    try:
        store_evidence(
            target, upload.data, original_name=upload.filename, source_message_id=inbound.message_id
        )
    except EvidenceRejected as rejected:
        text = _("Sorry, we could not keep that file: {problem}. Please send another one.").format(
            problem=texts.evidence_problem(rejected.code)
        )
        return [Reply(text), _current_prompt(turn)]
    if target.status != Status.DRAFT:
        return [
            Reply(
                _("Thank you, the file was added to report {code}. The team will look at it.").format(
                    code=texts.format_code(target.code)
                )
            )
        ]
    if turn.state == "evidence":
        return [_current_prompt(turn)]
    return [Reply(_("Thank you, we kept the file.")), _current_prompt(turn)]


def _unsend(turn: Turn, inbound: Inbound) -> list[Reply]:
    if not inbound.message_id:
        return []
    reporter = turn.known_reporter()
    reports = Report.objects.filter(reporter=reporter) if reporter is not None else Report.objects.none()
    if turn.report is not None:
        reports = reports | Report.objects.filter(pk=turn.report.pk)
    removed = 0
    for evidence in Evidence.objects.filter(
        report__in=reports, source_message_id=inbound.message_id, removed_at__isnull=True
    ):
        remove_evidence(evidence, note="unsent by the reporter")
        removed += 1
    return [Reply(_("The file you took back was removed from your report."))] if removed else []


def _idle(turn: Turn, inbound: Inbound) -> list[Reply]:
    """Not in the middle of a report: a case code, a reply to the case team, or a new report."""
    text = clean_text(inbound.text) if inbound.kind == InboundKind.TEXT else ""
    if text:
        found = status_of_code(turn, text)
        if found is not None:
            return found
        case = need_info_case(turn)
        if case is not None:
            case.record(EventKind.MESSAGE_IN, note=text)
            return [
                Reply(
                    _("Thank you, your message was added to report {code}. The team will read it.").format(
                        code=texts.format_code(case.code)
                    )
                )
            ]
        if len(text) >= 15:
            turn.data["opening"] = text
    if inbound.kind == InboundKind.POSTBACK and inbound.data.startswith("cat:"):
        turn.go("category")
        return ANSWERS["category"](turn, inbound)
    return [Reply(texts.greeting()), *_start(turn)]


def _finish(turn: Turn) -> list[Reply]:
    report = turn.draft()
    report.submit()
    turn.report = None
    turn.go("idle")
    turn.data.pop("opening", None)
    code = texts.format_code(report.code)
    return [
        Reply(
            _(
                "Thank you. Your report was received. Your case code is {code}. Keep it to follow your report."
            ).format(code=code),
            case_code=report.code,
        ),
        Reply(texts.confidentiality(turn.key.channel), texts.menu_buttons()),
    ]


def today() -> datetime.date:
    return timezone.localdate()
