"""The intake conversation, step by step, as a citizen meets it."""

from __future__ import annotations

import datetime
import re
import threading
from decimal import Decimal

import pytest
from django.db import connection

from sodsong.watch.conversation.engine import current_state, handle, prompt
from sodsong.watch.conversation.messages import ConversationKey, Inbound, InboundKind
from sodsong.watch.models import CaseEvent, Conversation, EventKind, Report, Reporter, Status
from sodsong.watch.notify import notify_reporter
from tests.watch.intake.helpers import Citizen, photo

pytestmark = pytest.mark.django_db


def test_a_full_report_gets_a_code_and_the_confidentiality_sentence() -> None:
    citizen = Citizen(channel="line", user_key="hash-1")
    code = citizen.full_report()
    report = Report.objects.get(code=code)
    assert report.status == Status.RECEIVED and report.channel == "line"
    assert report.category == "extortion" and report.province_code == "TH50" and report.district == "แม่ริม"
    assert report.amount == Decimal("5000") and report.occurred_text == "เมื่อวาน"
    assert report.consent_publish is True and report.consent_forward is False
    assert report.contact == "081-234-5678"
    assert report.live_evidence().count() == 1
    assert report.reporter == Reporter.objects.get(line_user_hash="hash-1")
    assert "LINE" in citizen.text and code[:4] in citizen.text
    assert current_state(citizen.key) == "idle"
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact FROM watch_report WHERE id = %s", [report.pk])
        assert "081-234-5678" not in cursor.fetchone()[0]  # encrypted at rest


def test_the_draft_exists_from_the_first_answer_and_survives_a_restart() -> None:
    citizen = Citizen()
    citizen.say("แจ้งเรื่อง")
    assert not Report.objects.exists()
    citizen.press("cat:bribery")
    draft = Report.objects.get()
    assert draft.status == Status.DRAFT and draft.category == "bribery"
    # A "restart": nothing kept in memory, the next message continues where it was.
    assert current_state(citizen.key) == "agency"
    again = prompt(citizen.key)
    assert "agency" in again[0].text.lower() or "หน่วยงาน" in again[0].text
    citizen.say("ข้าม")
    assert current_state(citizen.key) == "location"


@pytest.mark.parametrize(
    ("step", "answer", "field", "expected"),
    [
        ("location", "เชียงใหม่", "province_code", "TH50"),
        ("when", "เมื่อวานซืน", "occurred_text", "เมื่อวานซืน"),
        ("amount", "2 ล้าน", "amount", Decimal("2000000")),
        ("egp", "๖๗๐๑๙๑๒๓๔๕๖", "egp_project_number", "67019123456"),
        ("consent_publish", "ได้", "consent_publish", True),
        ("consent_forward", "ไม่", "consent_forward", False),
        ("contact", "me@example.org", "contact", "me@example.org"),
    ],
)
def test_each_step_stores_its_answer(step: str, answer: str, field: str, expected: object) -> None:
    citizen = Citizen(user_key=f"step-{step}")
    citizen.press("cat:other")
    Conversation.objects.filter(user_key=f"step-{step}").update(state=step)
    citizen.say(answer)
    report = Report.objects.get()
    assert getattr(report, field) == expected
    assert current_state(citizen.key) != step


@pytest.mark.parametrize(
    ("step", "bad"),
    [
        ("category", "อะไรก็ได้"),
        ("location", "ดาวอังคาร"),
        ("what", "สั้น"),
        ("when", "พรุ่งนี้"),
        ("amount", "เยอะมาก"),
        ("egp", "12345"),
        ("consent_publish", "อาจจะ"),
        ("evidence", "รูปอยู่ในมือถือ"),
    ],
)
def test_a_bad_answer_is_asked_again_with_help(step: str, bad: str) -> None:
    citizen = Citizen(user_key=f"bad-{step}")
    citizen.press("cat:other")
    Conversation.objects.filter(user_key=f"bad-{step}").update(state=step)
    replies = citizen.say(bad)
    assert current_state(citizen.key) == step
    assert replies and all(reply.text for reply in replies)
    assert len(replies[-1].text) > 40


def test_every_optional_step_can_be_skipped_but_not_the_required_ones() -> None:
    citizen = Citizen()
    citizen.say("แจ้งเรื่อง")
    citizen.say("ข้าม")
    assert current_state(citizen.key) == "category"
    citizen.say("2")
    assert Report.objects.get().category == "extortion"
    citizen.say("ข้าม")
    citizen.say("ข้าม")
    assert current_state(citizen.key) == "what"
    citizen.say("ข้าม")
    assert current_state(citizen.key) == "what"
    citizen.say("ครูใหญ่เรียกเงินแป๊ะเจี๊ยะ 30,000 บาท")
    for _ in range(6):
        citizen.press("cmd:skip")
    replies = citizen.say("ข้าม")
    assert any(reply.case_code for reply in replies)
    assert Report.objects.get().status == Status.RECEIVED


def test_date_picker_and_english() -> None:
    citizen = Citizen(language="en")
    citizen.press("cat:bid_rigging")
    assert "agency" in citizen.text.lower()
    Conversation.objects.update(state="when")
    citizen.press("when:pick", date="2024-03-10")
    assert Report.objects.get().occurred_on == datetime.date(2024, 3, 10)
    assert "10 March 2024" in citizen.text


def test_evidence_several_files_a_bad_one_and_unsend() -> None:
    citizen = Citizen(channel="line", user_key="hash-ev")
    citizen.press("cat:other")
    Conversation.objects.update(state="evidence")
    citizen.send(photo(), message_id="m1")
    citizen.send(photo((0, 0, 255)), message_id="m2")
    assert "2" in citizen.text
    replies = citizen.send(b"MZ not a photo", name="x.jpg", message_id="m3")
    assert "ขออภัย" in replies[0].text or "Sorry" in replies[0].text
    report = Report.objects.get()
    assert report.live_evidence().count() == 2
    replies = citizen.do(InboundKind.UNSEND, message_id="m1")
    assert replies
    assert report.live_evidence().count() == 1
    assert citizen.do(InboundKind.UNSEND, message_id="nothing") == []
    citizen.say("เสร็จแล้ว")
    assert current_state(citizen.key) == "consent_publish"


def test_cancel_asks_then_discards_the_draft() -> None:
    citizen = Citizen()
    citizen.press("cat:other")
    citizen.say("ยกเลิก")
    citizen.press("cmd:keep")
    assert current_state(citizen.key) == "agency" and Report.objects.exists()
    citizen.say("ยกเลิก")
    citizen.press("cmd:confirm")
    assert not Report.objects.exists()
    assert current_state(citizen.key) == "idle"


def test_withdraw_a_submitted_case_and_track_it() -> None:
    citizen = Citizen(channel="line", user_key="hash-w")
    code = citizen.full_report()
    citizen.say("ติดตามเรื่อง")
    assert code[:4] in citizen.text
    citizen.say("ยกเลิก")
    citizen.say("ใช่")
    report = Report.objects.get(code=code)
    assert report.status == Status.CLOSED and report.close_reason == "withdrawn"
    assert report.events.filter(kind=EventKind.STATUS, public=True).exists()


def test_tracking_by_typed_code_and_guessing_is_limited() -> None:
    owner = Citizen(user_key="owner")
    code = owner.full_report()
    stranger = Citizen(user_key="stranger", channel="web")
    stranger.say(f"{code[:4].lower()}-{code[4:]}")
    assert "รับเรื่องแล้ว" in stranger.text or "Received" in stranger.text
    assert "081" not in stranger.text
    for _ in range(10):
        stranger.say("ACDEFGHJ" if code != "ACDEFGHJ" else "ACDEFGHK")
    stranger.say(code)
    assert code[:4] not in stranger.text


def test_need_info_reply_lands_on_the_case() -> None:
    citizen = Citizen(channel="line", user_key="hash-ni")
    code = citizen.full_report()
    report = Report.objects.get(code=code)
    report.set_status(Status.NEED_INFO)
    notify_reporter(report, "ช่วยส่งรูปใบเสร็จได้ไหม")
    citizen.say("ติดตามเรื่อง")
    assert "ใบเสร็จ" in citizen.text
    citizen.say("ใบเสร็จหายไปแล้วครับ แต่มีรูปถ่ายหน้าสำนักงาน")
    citizen.send(photo(), message_id="late")
    assert CaseEvent.objects.filter(report=report, kind=EventKind.MESSAGE_IN).count() == 1
    assert report.live_evidence().count() == 2
    assert code[:4] in citizen.text


def test_follow_sticker_long_and_zero_width_text() -> None:
    citizen = Citizen(channel="line", user_key="hash-f")
    replies = citizen.do(InboundKind.FOLLOW)
    assert len(replies) >= 2
    assert Reporter.objects.get(line_user_hash="hash-f").following
    citizen.do(InboundKind.UNFOLLOW)
    assert not Reporter.objects.get(line_user_hash="hash-f").following
    assert citizen.do(InboundKind.STICKER)
    citizen.press("cat:other")
    Conversation.objects.update(state="what")
    replies = citizen.say("ก" * 10_001)
    assert current_state(citizen.key) == "what" and "10,000" in replies[0].text
    citizen.say("\u200bเจ้าหน้าที่\u200bเรียก\u200cเงิน\ufeff")
    assert Report.objects.get().what_happened == "เจ้าหน้าที่เรียกเงิน"


def test_control_characters_never_reach_the_database() -> None:
    """A NUL (PostgreSQL cannot store it in text or JSON) or another control character in what a
    citizen types is dropped, in the first message kept for later and in an answer; lines stay."""
    citizen = Citizen(channel="web", user_key="ctl")
    citizen.say("เจ้าหน้าที่\x00เรียก\x07เงิน")
    assert "\x00" not in str(Conversation.objects.get().data)
    citizen.press("cat:other")
    Conversation.objects.update(state="what")
    citizen.say("บรรทัดแรก\x00\nบรรทัด\x1bสอง")
    assert (
        Report.objects.get().what_happened == "เจ้าหน้าที่เรียกเงิน\nบรรทัดแรก\nบรรทัดสอง"
    )  # the opening, then the answer


def test_location_is_coarsened_to_the_district() -> None:
    citizen = Citizen()
    citizen.press("cat:other")
    citizen.say("ข้าม")
    citizen.do(
        InboundKind.LOCATION,
        latitude=13.7,
        longitude=100.5,
        address="123 ถนนสีลม แขวงสุริยวงศ์ เขตบางรัก กรุงเทพมหานคร 10500",
    )
    report = Report.objects.get()
    assert (report.province_code, report.district) == ("TH10", "บางรัก")
    assert "สีลม" not in str(Report.objects.values().get())


def test_quick_replies_fit_line_limits_in_both_languages() -> None:
    for language in ("th", "en"):
        citizen = Citizen(user_key=f"qr-{language}", language=language)
        seen = list(citizen.do(InboundKind.FOLLOW))
        seen += citizen.say("แจ้งเรื่อง")
        seen += citizen.press("cat:other")
        for state in ("location", "when", "evidence", "consent_publish", "contact"):
            Conversation.objects.filter(user_key=citizen.key.user_key).update(state=state)
            seen += prompt(citizen.key)
        for reply in seen:
            assert len(reply.quick_replies) <= 13
            for button in reply.quick_replies:
                assert 0 < len(button.label) <= 20, button.label


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_messages_of_one_user_are_applied_one_after_the_other() -> None:
    key = ConversationKey("simulator", "race")
    handle(key, Inbound(InboundKind.POSTBACK, data="cat:other"))
    errors: list[BaseException] = []

    def send(text: str) -> None:
        try:
            handle(key, Inbound(InboundKind.TEXT, text=text))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(text,)) for text in ("ข้าม", "ข้าม")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    conversation = Conversation.objects.get(user_key="race")
    assert conversation.state == "what"  # both skips applied: agency, then location
    assert conversation.version == 4


THAI = re.compile("[\u0e00-\u0e7f]")


def test_the_english_conversation_is_complete() -> None:
    citizen = Citizen(language="en", user_key="english")
    said = list(citizen.do(InboundKind.FOLLOW))
    said += citizen.say("report")
    said += citizen.press("cat:bribery")
    said += citizen.say("Provincial land office")
    said += citizen.say("Mae Rim district, Chiang Mai")
    said += citizen.say("An official asked for 5,000 baht to speed up a title deed.")
    said += citizen.say("3 days ago")
    said += citizen.say("5k")
    said += citizen.say("skip")
    said += citizen.send(photo())
    said += citizen.send(b"not a file")
    said += citizen.say("done")
    said += citizen.say("yes")
    said += citizen.say("no")
    said += citizen.say("skip")
    said += citizen.say("help")
    said += citizen.say("track")
    said += citizen.say("cancel")
    said += citizen.say("yes")
    assert any(reply.case_code for reply in said)
    for reply in said:
        assert not THAI.search(reply.text), reply.text
        for button in reply.quick_replies:
            assert not THAI.search(button.label), button.label
    assert Report.objects.get().status == Status.CLOSED


def test_digit_like_characters_that_are_not_numbers_get_a_re_ask() -> None:
    """Found by the property test: '¹'.isdigit() is True but int('¹') raises."""
    citizen = Citizen(channel="line", user_key="hash-sup")
    citizen.say("แจ้งเรื่อง")
    for text in ("¹", "².", "①"):
        citizen.say(text)
        assert current_state(citizen.key) == "category"
    citizen.say("๓")
    assert current_state(citizen.key) != "category"
