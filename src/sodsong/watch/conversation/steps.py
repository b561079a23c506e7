"""The intake questions, one function pair per step: what to ask, and what to do with an answer.

Each `answer_*` either stores the answer on the draft report and moves on (returning the next
question), or re-asks with an example of a good answer: never a dead end. `Turn` carries what
a step needs (the conversation, its draft report, today's date).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sodsong.thai.dates import format_thai_date
from sodsong.thai.money import format_baht
from sodsong.thai.provinces import province_name
from sodsong.watch.conversation import texts
from sodsong.watch.conversation.messages import (
    ConversationKey,
    Inbound,
    InboundKind,
    QuickReply,
    QuickReplyKind,
    Reply,
)
from sodsong.watch.conversation.parsing import (
    clean_text,
    parse_amount,
    parse_egp_number,
    parse_place,
    parse_when,
    parse_yes_no,
)
from sodsong.watch.models import Category, Conversation, EventKind, Report, Reporter

__all__ = ["ANSWERS", "PROMPTS", "STEPS", "Turn", "is_skip"]

STEPS = (
    "category",
    "agency",
    "location",
    "what",
    "when",
    "amount",
    "egp",
    "evidence",
    "consent_publish",
    "consent_forward",
    "contact",
)

_SKIP = {"ข้าม", "skip", "cmd:skip", "ไม่ทราบ", "ไม่รู้", "ไม่มี", "don't know", "dont know", "none", "-"}
_DONE = {"เสร็จแล้ว", "เสร็จ", "done", "finished", "cmd:done", "ไม่มีแล้ว", "พอแล้ว"}


@dataclass
class Turn:
    """One inbound being handled: the locked conversation and what the step functions need."""

    key: ConversationKey
    conversation: Conversation
    today: datetime.date
    report: Report | None = None
    data: dict[str, object] = field(default_factory=dict)

    @property
    def state(self) -> str:
        return self.conversation.state

    def go(self, state: str) -> None:
        self.conversation.state = state

    def reporter(self) -> Reporter:
        """The reporter behind this conversation: by keyed LINE hash, else one per conversation."""
        if self.key.channel == "line":
            reporter, _created = Reporter.objects.get_or_create(
                line_user_hash=self.key.user_key,
                defaults={"channel": "line", "language": self.key.language},
            )
            return reporter
        reporter_id = self.data.get("reporter_id")
        found = Reporter.objects.filter(pk=reporter_id).first() if isinstance(reporter_id, int) else None
        if found is None:
            found = Reporter.objects.create(channel=self.key.channel, language=self.key.language)
            self.data["reporter_id"] = found.pk
        return found

    def known_reporter(self) -> Reporter | None:
        """The reporter if one exists already (tracking must not create rows)."""
        if self.key.channel == "line":
            return Reporter.objects.filter(line_user_hash=self.key.user_key).first()
        reporter_id = self.data.get("reporter_id")
        return Reporter.objects.filter(pk=reporter_id).first() if isinstance(reporter_id, int) else None

    def draft(self) -> Report:
        """The draft report, created at the citizen's first real answer so nothing is lost."""
        if self.report is None:
            self.report = Report.objects.create(
                channel=self.key.channel, reporter=self.reporter(), language=self.key.language
            )
            self.report.record(EventKind.CREATED)
            opening = self.data.pop("opening", "")
            if isinstance(opening, str) and opening:
                self.report.what_happened = opening
                self.report.save(update_fields=["what_happened", "updated_at"])
        return self.report


def is_skip(inbound: Inbound) -> bool:
    return _word(inbound) in _SKIP


def is_done(inbound: Inbound) -> bool:
    return _word(inbound) in _DONE


def _word(inbound: Inbound) -> str:
    if inbound.kind == InboundKind.POSTBACK:
        return inbound.data.strip().casefold()
    if inbound.kind == InboundKind.TEXT:
        return clean_text(inbound.text).casefold().rstrip("!. ")
    return ""


def _text(inbound: Inbound) -> str:
    """What the citizen wrote or chose: text, or a postback's value."""
    if inbound.kind == InboundKind.TEXT:
        return clean_text(inbound.text)
    if inbound.kind == InboundKind.POSTBACK:
        return clean_text(inbound.data)
    return ""


def _ask(text: str, *buttons: QuickReply) -> Reply:
    return Reply(text, tuple(buttons))


# ---------------------------------------------------------------------------- prompts


def prompt_category(turn: Turn) -> Reply:
    return _ask(
        _("What kind of wrongdoing do you want to report? Choose one, or type its number:")
        + "\n"
        + texts.category_list(),
        *texts.category_buttons(),
    )


def prompt_agency(turn: Turn) -> Reply:
    return _ask(
        _(
            "Which agency or office is involved? For example: a sub-district administration, "
            "a school, a police station, a department. Type its name, or press Skip."
        ),
        texts.skip_button(),
    )


def prompt_location(turn: Turn) -> Reply:
    return _ask(
        _(
            "Where did it happen? Type the province and district (for example: Mae Rim, Chiang Mai), "
            "or share a location; we keep only the district. Or press Skip."
        ),
        QuickReply(_("Share location"), "", QuickReplyKind.LOCATION),
        texts.skip_button(),
    )


def prompt_what(turn: Turn) -> Reply:
    report = turn.report
    if report is not None and report.what_happened:
        return _ask(
            _(
                "What happened? You wrote: “{text}”. Add more details (who, what, how much), "
                "or press Use this text."
            ).format(text=report.what_happened[:300]),
            QuickReply(_("Use this text"), "cmd:keep"),
        )
    return _ask(
        _(
            "What happened? Please describe it in your own words: who asked for or did what, "
            "and how. Please do not include your own name."
        )
    )


def prompt_when(turn: Turn) -> Reply:
    return _ask(
        _(
            "When did it happen? For example: 10 March 2567, yesterday, last month, 3 days ago. "
            "Or press Skip if you are not sure."
        ),
        texts.date_button(),
        QuickReply(_("Today"), "when:today"),
        QuickReply(_("Yesterday"), "when:yesterday"),
        QuickReply(_("Last week"), "when:last week"),
        QuickReply(_("Last month"), "when:last month"),
        texts.skip_button(),
    )


def prompt_amount(turn: Turn) -> Reply:
    return _ask(
        _("How much money was involved, in baht, if you know? For example: 50,000 or 2 million."),
        texts.skip_button(),
    )


def prompt_egp(turn: Turn) -> Reply:
    return _ask(
        _(
            "If this is about a government purchase, do you know its e-GP project number "
            "(11 digits)? Type it, or press Skip."
        ),
        texts.skip_button(),
    )


def prompt_evidence(turn: Turn) -> Reply:
    count = turn.report.live_evidence().count() if turn.report is not None else 0
    text = _(
        "Do you have photos, documents or recordings? Send them now, several if you like. "
        "When you have sent them all, press Done."
    )
    if count:
        text = _("We have {count} file(s). Send more, or press Done.").format(count=count)
    return _ask(
        text,
        QuickReply(_("Camera"), "", QuickReplyKind.CAMERA),
        QuickReply(_("Photos"), "", QuickReplyKind.PHOTO_LIBRARY),
        QuickReply(_("Done"), "cmd:done"),
    )


def _yes_no() -> tuple[QuickReply, QuickReply, QuickReply]:
    return (QuickReply(_("Yes"), "consent:yes"), QuickReply(_("No"), "consent:no"), texts.skip_button())


def prompt_consent_publish(turn: Turn) -> Reply:
    return _ask(
        _("May we publish a summary of your report on our website, with names and personal details removed?"),
        *_yes_no(),
    )


def prompt_consent_forward(turn: Turn) -> Reply:
    return _ask(
        _(
            "May we forward your report to an agency that can act on it (for example the NACC)? "
            "We will not give them your identity without asking you again."
        ),
        *_yes_no(),
    )


def prompt_contact(turn: Turn) -> Reply:
    return _ask(
        _(
            "If you want us to be able to contact you, leave a phone number or e-mail. It is kept "
            "encrypted and never published. Or press Skip."
        ),
        texts.skip_button(),
    )


PROMPTS: dict[str, Callable[[Turn], Reply]] = {
    "category": prompt_category,
    "agency": prompt_agency,
    "location": prompt_location,
    "what": prompt_what,
    "when": prompt_when,
    "amount": prompt_amount,
    "egp": prompt_egp,
    "evidence": prompt_evidence,
    "consent_publish": prompt_consent_publish,
    "consent_forward": prompt_consent_forward,
    "contact": prompt_contact,
}


# ---------------------------------------------------------------------------- answers


def next_step(turn: Turn, after: str) -> list[Reply]:
    """Move to the step after `after` and ask it; the last step finishes in the engine."""
    index = STEPS.index(after) + 1
    if index >= len(STEPS):
        turn.go("finish")
        return []
    turn.go(STEPS[index])
    return [PROMPTS[STEPS[index]](turn)]


def _reask(turn: Turn, problem: str) -> list[Reply]:
    prompt = PROMPTS[turn.state](turn)
    return [Reply(problem + "\n" + prompt.text, prompt.quick_replies)]


def _match_category(text: str) -> str | None:
    key = text.casefold().strip()
    if key.startswith("cat:"):
        key = key[4:]
    if key in Category.values:
        return key
    digits = key.rstrip(".")
    if digits.isdecimal() and 1 <= int(digits) <= len(texts.CATEGORY_ORDER):
        return texts.CATEGORY_ORDER[int(digits) - 1]
    for value in texts.CATEGORY_ORDER:
        if key in (texts.category_short(value).casefold(), str(Category(value).label).casefold()):
            return value
    for word, value in texts.CATEGORY_KEYWORDS:
        if word in key:
            return value
    return None


def answer_category(turn: Turn, inbound: Inbound) -> list[Reply]:
    value = _match_category(_text(inbound))
    if value is None:
        if is_skip(inbound):
            return _reask(
                turn, _("We need the kind of wrongdoing to route your report; choose Other if unsure.")
            )
        return _reask(turn, _("Sorry, I did not understand. Please press one of the buttons."))
    report = turn.draft()
    report.category = value
    report.save(update_fields=["category", "updated_at"])
    return next_step(turn, "category")


def _short_text(turn: Turn, inbound: Inbound, field_name: str, step: str, limit: int) -> list[Reply]:
    if is_skip(inbound):
        return next_step(turn, step)
    text = _text(inbound)
    if not text:
        return _reask(turn, _("Please type an answer, or press Skip."))
    if len(text) > limit:
        return _reask(
            turn, _("That is a little long; please keep it under {limit} characters.").format(limit=limit)
        )
    report = turn.draft()
    setattr(report, field_name, text)
    report.save(update_fields=[field_name, "updated_at"])
    return next_step(turn, step)


def answer_agency(turn: Turn, inbound: Inbound) -> list[Reply]:
    return _short_text(turn, inbound, "agency_text", "agency", 500)


def answer_location(turn: Turn, inbound: Inbound) -> list[Reply]:
    if is_skip(inbound):
        return next_step(turn, "location")
    if inbound.kind == InboundKind.LOCATION:
        place = parse_place(inbound.address)
        if place is None:
            return _reask(turn, _("Thank you. We could not read the district from that pin; please type it."))
    else:
        place = parse_place(_text(inbound))
        if place is None:
            return _reask(
                turn, _("Sorry, I could not find that province. Please type e.g. Mueang, Khon Kaen.")
            )
    report = turn.draft()
    report.province_code = place.province
    report.district = place.district
    report.save(update_fields=["province_code", "district", "updated_at"])
    replies = next_step(turn, "location")
    if place.province:
        name = province_name(place.province, "en" if turn.key.language == "en" else "th")
        noted = _("Noted: {place}.").format(place=f"{place.district} {name}".strip())
        replies = [Reply(noted + "\n" + replies[0].text, replies[0].quick_replies)]
    return replies


def answer_what(turn: Turn, inbound: Inbound) -> list[Reply]:
    report = turn.draft()
    if _word(inbound) == "cmd:keep" and report.what_happened:
        return next_step(turn, "what")
    if is_skip(inbound):
        if report.what_happened:
            return next_step(turn, "what")
        return _reask(turn, _("We need a short description to act on your report."))
    text = _text(inbound) if inbound.kind == InboundKind.TEXT else ""
    if len(text) < 5:
        return _reask(turn, _("Please write a little more (at least a sentence)."))
    report.what_happened = f"{report.what_happened}\n{text}".strip() if report.what_happened else text
    report.save(update_fields=["what_happened", "updated_at"])
    return next_step(turn, "what")


def answer_when(turn: Turn, inbound: Inbound) -> list[Reply]:
    if is_skip(inbound):
        return next_step(turn, "when")
    text = _text(inbound)
    picked = inbound.params.get("date", "") if inbound.kind == InboundKind.POSTBACK else ""
    if picked:
        text = picked
    elif text.startswith("when:"):
        text = text[5:]
    found = parse_when(text, turn.today) if text else None
    if found is None:
        return _reask(turn, _("Sorry, I could not read that date (it must not be in the future)."))
    report = turn.draft()
    report.occurred_on = found
    report.occurred_text = text[:500]
    report.save(update_fields=["occurred_on", "occurred_text", "updated_at"])
    replies = next_step(turn, "when")
    noted = _("Noted: {date}.").format(
        date=format_thai_date(found, "long") if turn.key.language != "en" else f"{found.day} {found:%B %Y}"
    )
    return [Reply(noted + "\n" + replies[0].text, replies[0].quick_replies)]


def answer_amount(turn: Turn, inbound: Inbound) -> list[Reply]:
    if is_skip(inbound):
        return next_step(turn, "amount")
    amount = parse_amount(_text(inbound))
    if amount is None:
        return _reask(turn, _("Sorry, I could not read that amount."))
    report = turn.draft()
    report.amount = amount
    report.save(update_fields=["amount", "updated_at"])
    replies = next_step(turn, "amount")
    noted = _("Noted: {amount} baht.").format(amount=format_baht(amount))
    return [Reply(noted + "\n" + replies[0].text, replies[0].quick_replies)]


def answer_egp(turn: Turn, inbound: Inbound) -> list[Reply]:
    if is_skip(inbound):
        return next_step(turn, "egp")
    number = parse_egp_number(_text(inbound))
    if number is None:
        return _reask(turn, _("An e-GP project number has 11 digits, e.g. 67019123456."))
    report = turn.draft()
    report.egp_project_number = number
    report.save(update_fields=["egp_project_number", "updated_at"])
    return next_step(turn, "egp")


def answer_evidence(turn: Turn, inbound: Inbound) -> list[Reply]:
    if is_done(inbound) or is_skip(inbound):
        return next_step(turn, "evidence")
    return _reask(turn, _("Send a photo or file here, or press Done to continue."))


def _consent(turn: Turn, inbound: Inbound, field_name: str, step: str) -> list[Reply]:
    if is_skip(inbound):
        return next_step(turn, step)
    answer = parse_yes_no(_text(inbound))
    if answer is None:
        return _reask(turn, _("Please press Yes or No."))
    report = turn.draft()
    setattr(report, field_name, answer)
    report.save(update_fields=[field_name, "updated_at"])
    return next_step(turn, step)


def answer_consent_publish(turn: Turn, inbound: Inbound) -> list[Reply]:
    return _consent(turn, inbound, "consent_publish", "consent_publish")


def answer_consent_forward(turn: Turn, inbound: Inbound) -> list[Reply]:
    return _consent(turn, inbound, "consent_forward", "consent_forward")


def answer_contact(turn: Turn, inbound: Inbound) -> list[Reply]:
    return _short_text(turn, inbound, "contact", "contact", 500)


ANSWERS: dict[str, Callable[[Turn, Inbound], list[Reply]]] = {
    "category": answer_category,
    "agency": answer_agency,
    "location": answer_location,
    "what": answer_what,
    "when": answer_when,
    "amount": answer_amount,
    "egp": answer_egp,
    "evidence": answer_evidence,
    "consent_publish": answer_consent_publish,
    "consent_forward": answer_consent_forward,
    "contact": answer_contact,
}
