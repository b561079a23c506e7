"""Whatever a citizen sends, in any order, the conversation stays valid and always answers."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sodsong.watch.conversation.engine import handle, prompt
from sodsong.watch.conversation.messages import ConversationKey, Inbound, InboundKind, Upload
from sodsong.watch.conversation.steps import STEPS
from sodsong.watch.models import Conversation, Report, Reporter, Status
from sodsong.watch.notify import notify_reporter
from tests.watch.intake.helpers import Citizen, photo

pytestmark = pytest.mark.django_db

PHOTO = photo()
WORDS = [
    "แจ้งเรื่อง",
    "ติดตามเรื่อง",
    "ยกเลิก",
    "เริ่มใหม่",
    "ช่วยเหลือ",
    "ข้าม",
    "เสร็จแล้ว",
    "ใช่",
    "ไม่",
    "help",
    "skip",
    "done",
    "1",
    "9",
    "สินบน",
    "เชียงใหม่",
    "อ.เมือง จ.ขอนแก่น",
    "เมื่อวาน",
    "เดือนที่แล้ว",
    "10 มี.ค. 2567",
    "2 ล้าน",
    "67019123456",
    "๖๗๐๑๙๑๒๓๔๕๖",
    "ACDEFGHJ",
    "ครูเรียกเงินแป๊ะเจี๊ยะ 30,000 บาท",
    "\u200b",
    "   ",
    "ก" * 10_001,
    "🙂",
]
POSTBACKS = [
    "cmd:report",
    "cmd:track",
    "cmd:cancel",
    "cmd:restart",
    "cmd:help",
    "cmd:skip",
    "cmd:done",
    "cmd:confirm",
    "cmd:keep",
    "cat:bribery",
    "cat:other",
    "cat:nonsense",
    "consent:yes",
    "consent:no",
    "when:today",
    "when:pick",
    "withdraw:ACDEFGHJ",
    "",
    "garbage",
]

inbounds = st.one_of(
    st.builds(lambda t: ("text", t), st.one_of(st.sampled_from(WORDS), st.text(max_size=60))),
    st.builds(lambda d: ("postback", d), st.sampled_from(POSTBACKS)),
    st.builds(lambda d: ("date", d), st.sampled_from(["2024-03-10", "2099-01-01", "bad"])),
    st.builds(lambda good: ("upload", good), st.booleans()),
    st.sampled_from(
        [
            ("sticker", None),
            ("follow", None),
            ("unfollow", None),
            ("location", None),
            ("unsend", None),
            ("restart", None),
        ]
    ),
)


def to_inbound(action: tuple[str, Any], number: int) -> Inbound | None:
    kind, value = action
    if kind == "text":
        return Inbound(InboundKind.TEXT, text=value)
    if kind == "postback":
        return Inbound(InboundKind.POSTBACK, data=value)
    if kind == "date":
        return Inbound(InboundKind.POSTBACK, data="when:pick", params={"date": value})
    if kind == "upload":
        data = PHOTO if value else b"not a file at all"
        return Inbound(InboundKind.UPLOAD, upload=Upload(data, "x.jpg"), message_id=f"m{number}")
    if kind == "location":
        return Inbound(InboundKind.LOCATION, latitude=18.9, longitude=98.9, address="อ.แม่ริม จ.เชียงใหม่")
    if kind == "unsend":
        return Inbound(InboundKind.UNSEND, message_id=f"m{number - 1}")
    if kind in ("restart", "staff_asks"):
        return None
    return Inbound(InboundKind(kind))


def reporters(key: ConversationKey) -> list[int]:
    """The reporter rows behind a conversation (LINE: by keyed hash; others: in the data)."""
    found = list(Reporter.objects.filter(line_user_hash=key.user_key).values_list("pk", flat=True))
    conversation = Conversation.objects.filter(channel=key.channel, user_key=key.user_key).first()
    if conversation is not None and isinstance(conversation.data.get("reporter_id"), int):
        found.append(conversation.data["reporter_id"])
    return found


VALID_STATES = {"idle", "confirm_cancel", "confirm_withdraw", *STEPS}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    actions=st.lists(inbounds, min_size=1, max_size=25),
    channel=st.sampled_from(["line", "web", "simulator"]),
    language=st.sampled_from(["th", "en"]),
    submitted_first=st.booleans(),
)
def test_any_sequence_of_inputs_ends_in_a_valid_state(
    actions: list[tuple[str, Any]], channel: str, language: str, submitted_first: bool
) -> None:
    key = ConversationKey(channel, uuid.uuid4().hex, language)
    if submitted_first:  # a citizen with a case already, so tracking, withdrawal and need_info get exercised
        Citizen(key.user_key, channel, language).full_report()
    for number, action in enumerate(actions):
        inbound = to_inbound(action, number)
        if action[0] == "staff_asks":  # the case team asks for more information on an open case
            case = Report.objects.filter(reporter__in=reporters(key), status=Status.RECEIVED).first()
            if case is not None:
                case.set_status(Status.NEED_INFO)
                notify_reporter(case, "ขอรูปเพิ่มได้ไหม")
        # None is a server restart: only the database remains, and the channel asks again.
        replies = prompt(key) if inbound is None else handle(key, inbound)
        if inbound is None or inbound.kind not in (InboundKind.UNFOLLOW, InboundKind.UNSEND):
            assert replies, action
        assert len(replies) <= 5
        for reply in replies:
            assert reply.text.strip()
            assert len(reply.quick_replies) <= 13
            assert all(0 < len(button.label) <= 20 for button in reply.quick_replies)
        conversation = Conversation.objects.filter(channel=channel, user_key=key.user_key).first()
        if conversation is None:
            continue
        assert conversation.state in VALID_STATES
        if conversation.report is not None:
            assert conversation.report.status == Status.DRAFT
        if conversation.state in STEPS[1:]:
            assert conversation.report is not None
