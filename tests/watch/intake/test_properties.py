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
from sodsong.watch.models import Conversation, Status
from tests.watch.intake.helpers import photo

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
    if kind == "restart":
        return None
    return Inbound(InboundKind(kind))


VALID_STATES = {"idle", "confirm_cancel", "confirm_withdraw", *STEPS}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    actions=st.lists(inbounds, min_size=1, max_size=25),
    channel=st.sampled_from(["line", "web", "simulator"]),
    language=st.sampled_from(["th", "en"]),
)
def test_any_sequence_of_inputs_ends_in_a_valid_state(
    actions: list[tuple[str, Any]], channel: str, language: str
) -> None:
    key = ConversationKey(channel, uuid.uuid4().hex, language)
    for number, action in enumerate(actions):
        inbound = to_inbound(action, number)
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
