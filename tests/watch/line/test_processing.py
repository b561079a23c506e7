"""Processing stored events against the fake LINE API (real HTTP), with a stand-in engine."""

from __future__ import annotations

import io
import json
import time
from typing import Any

import pytest
from django.test import Client, override_settings
from PIL import Image

from sodsong.privacy.crypto import keyed_hash
from sodsong.watch.conversation.messages import InboundKind
from sodsong.watch.line.processing import process_event, process_pending
from sodsong.watch.line.sender import push_used, retry_outbox
from sodsong.watch.models import (
    InboxStatus,
    LineInboxEvent,
    LineOutbox,
    LineRecipient,
    OutboxStatus,
    Report,
    Reporter,
)
from sodsong.watch.notify import notify_reporter
from tests.watch.line.conftest import USER, StandIn, body_of, event, post, text
from tests.watch.line.fake_line import FakeLine

pytestmark = pytest.mark.django_db
USER_KEY = keyed_hash(USER, "line-user")


def deliver(client: Client, *events: dict[str, Any]) -> None:
    assert post(client, body_of(*events)).status_code == 200
    process_pending()


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (32, 24), (10, 200, 10))
    exif = Image.Exif()
    exif[0x8825] = {2: (13.0, 45.0, 0.0), 4: (100.0, 30.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_text_reaches_the_engine_under_the_hashed_key_and_the_reply_uses_the_token(
    client: Client, fake_line: FakeLine, engine: StandIn
) -> None:
    message = text("สวัสดีครับ")
    deliver(client, message)
    key, inbound = engine.calls[0]
    assert key.channel == "line" and key.user_key == USER_KEY and key.language == "th"
    assert inbound.kind == InboundKind.TEXT and inbound.text == "สวัสดีครับ"
    assert inbound.message_id == message["message"]["id"]
    [reply] = fake_line.replies()
    payload = reply.json()
    assert payload["replyToken"] == message["replyToken"]
    [sent] = payload["messages"]
    assert sent["text"] == "got text: สวัสดีครับ"
    items = [item["action"] for item in sent["quickReply"]["items"]]
    assert items[0] == {"type": "postback", "label": "ใช่", "data": "yes", "displayText": "ใช่"}
    assert items[1]["type"] == "datetimepicker" and items[1]["mode"] == "date"
    assert items[2]["type"] == "camera"
    assert LineInboxEvent.objects.get().status == InboxStatus.DONE
    assert LineOutbox.objects.get().how == "reply"
    reporter = Reporter.objects.get()
    assert reporter.line_user_hash == USER_KEY and reporter.channel == "line"
    assert LineRecipient.objects.get().line_user_id == USER  # encrypted at rest, see test_webhook


def test_a_replayed_event_is_processed_once(client: Client, fake_line: FakeLine, engine: StandIn) -> None:
    message = text("ครั้งเดียว")
    deliver(client, message)
    deliver(client, {**message, "deliveryContext": {"isRedelivery": True}})
    assert len(engine.calls) == 1 and len(fake_line.replies()) == 1
    assert process_event(LineInboxEvent.objects.get().pk) is None


def test_an_old_event_is_answered_by_push_with_a_retry_key_and_metered(
    client: Client, fake_line: FakeLine, engine: StandIn
) -> None:
    old = text("ช้า", timestamp=int((time.time() - 120) * 1000))
    deliver(client, old)
    assert not fake_line.replies()
    [push] = fake_line.pushes()
    assert push.json()["to"] == USER
    outbox = LineOutbox.objects.get()
    assert push.headers["X-Line-Retry-Key"] == str(outbox.retry_key)
    assert outbox.how == "push" and push_used() == 1


def test_a_refused_reply_token_falls_back_to_push(
    client: Client, fake_line: FakeLine, engine: StandIn
) -> None:
    message = text("token")
    fake_line.refuse_reply_tokens.add(message["replyToken"])
    deliver(client, message)
    assert len(fake_line.pushes()) == 1
    assert LineOutbox.objects.get().reply_refused


def test_a_push_retried_after_a_lost_answer_is_not_delivered_twice(
    client: Client, fake_line: FakeLine, engine: StandIn
) -> None:
    deliver(client, text("ช้า", timestamp=int((time.time() - 120) * 1000)))
    outbox = LineOutbox.objects.get()
    # As if the server died after LINE took the push but before the outbox was marked sent:
    LineOutbox.objects.filter(pk=outbox.pk).update(
        status=OutboxStatus.PENDING, created_at=outbox.created_at.replace(year=2020)
    )
    retry_outbox()
    assert len(fake_line.pushes()) == 2  # the retry reached LINE with the same key...
    keys = [p.headers["X-Line-Retry-Key"] for p in fake_line.pushes()]
    assert keys[0] == keys[1]  # ...which LINE answers with 409: one delivery
    assert LineOutbox.objects.get().status == OutboxStatus.SENT and push_used() == 1


def test_when_the_push_quota_is_used_up_messages_wait(
    client: Client, fake_line: FakeLine, engine: StandIn
) -> None:
    old = int((time.time() - 120) * 1000)
    with override_settings(LINE_PUSH_QUOTA=1):
        deliver(client, text("หนึ่ง", timestamp=old), text("สอง", timestamp=old))
        assert len(fake_line.pushes()) == 1
        waiting = LineOutbox.objects.get(status=OutboxStatus.WAITING_QUOTA)
        assert waiting.messages  # kept, not lost
        retry_outbox()
        assert len(fake_line.pushes()) == 1
    with override_settings(LINE_PUSH_QUOTA=5):
        retry_outbox()
    assert len(fake_line.pushes()) == 2
    assert not LineOutbox.objects.exclude(status=OutboxStatus.SENT).exists()


def test_an_engine_failure_leaves_the_event_pending_and_it_is_retried(
    client: Client, fake_line: FakeLine, engine: StandIn
) -> None:
    engine.fail_times = 1
    deliver(client, text("ลองใหม่"))
    row = LineInboxEvent.objects.get()
    assert (
        row.status == InboxStatus.PENDING and row.error == "RuntimeError" and not LineOutbox.objects.exists()
    )
    LineInboxEvent.objects.filter(pk=row.pk).update(not_before=None)
    process_pending()
    assert LineInboxEvent.objects.get().status == InboxStatus.DONE and len(engine.calls) == 1


def test_a_user_s_events_are_processed_in_order(client: Client, fake_line: FakeLine, engine: StandIn) -> None:
    first, second = text("หนึ่ง"), text("สอง")
    assert post(client, body_of(first, second)).status_code == 200
    later = LineInboxEvent.objects.order_by("pk").last()
    assert later is not None and process_event(later.pk) is None  # waits for the earlier one
    process_pending()
    assert [inbound.text for _, inbound in engine.calls] == ["หนึ่ง", "สอง"]


def test_a_photo_is_fetched_through_the_blob_api_and_passed_on(
    client: Client, fake_line: FakeLine, engine: StandIn
) -> None:
    photo = jpeg_with_gps()
    fake_line.add_content("img1", photo)
    deliver(client, event(message={"id": "img1", "type": "image", "contentProvider": {"type": "line"}}))
    _, inbound = engine.calls[0]
    assert inbound.kind == InboundKind.UPLOAD and inbound.upload is not None
    assert inbound.upload.data == photo and inbound.upload.declared_type == "image/jpeg"
    assert inbound.message_id == "img1"
    [call] = fake_line.calls("/content", "GET")
    assert call.path == "/v2/bot/message/img1/content" and call.headers["Authorization"].startswith("Bearer ")


def test_a_100_mb_image_is_refused_by_size_without_being_downloaded(
    client: Client, fake_line: FakeLine, engine: StandIn
) -> None:
    fake_line.add_big_content("huge", 100 * 1024 * 1024)
    deliver(client, event(message={"id": "huge", "type": "image", "contentProvider": {"type": "line"}}))
    assert not engine.calls
    assert fake_line.streamed["huge"] < 100 * 1024 * 1024  # we hung up; it was never read in full
    assert "MB" in fake_line.texts()[0]
    assert LineInboxEvent.objects.get().status == InboxStatus.DONE
    # A file whose declared size is too big is not even requested.
    deliver(client, event(message={"id": "f2", "type": "file", "fileName": "x.pdf", "fileSize": 10**9}))
    assert len(fake_line.calls("/content", "GET")) == 1


def test_content_that_is_gone_from_line_gets_a_polite_notice(
    client: Client, fake_line: FakeLine, engine: StandIn
) -> None:
    deliver(client, event(message={"id": "gone", "type": "video", "duration": 1000}))
    assert not engine.calls and "LINE" in fake_line.texts()[0]


def test_a_location_reaches_the_engine_as_district_and_province_only(
    client: Client, fake_line: FakeLine, engine: StandIn
) -> None:
    location = {
        "id": "loc1",
        "type": "location",
        "title": "บ้านของฉัน",
        "address": "99/1 ถนนราชดำริ แขวงลุมพินี เขตปทุมวัน กรุงเทพมหานคร 10330 ประเทศไทย",
        "latitude": 13.7461234,
        "longitude": 100.5391234,
    }
    deliver(client, event(message=location))
    _, inbound = engine.calls[0]
    assert inbound.kind == InboundKind.LOCATION
    assert inbound.address == "เขตปทุมวัน กรุงเทพมหานคร"
    assert inbound.latitude is None and inbound.longitude is None
    raw = LineInboxEvent.objects.get().raw
    assert "13.746" not in raw and "ราชดำริ" not in raw and "บ้านของฉัน" not in raw


def test_follow_unfollow_postback_sticker_and_unsend(
    client: Client, fake_line: FakeLine, engine: StandIn
) -> None:
    fake_line.profiles[USER] = {"displayName": "x", "language": "en"}
    deliver(client, event("follow", follow={"isUnblocked": False}))
    assert Reporter.objects.get().following and Reporter.objects.get().language == "en"
    deliver(
        client,
        event("postback", postback={"data": "when", "params": {"date": "2024-03-10"}}),
        event(message={"id": "s1", "type": "sticker", "packageId": "1", "stickerId": "1"}),
        event("unsend", unsend={"messageId": "m-old"}),
    )
    kinds = [inbound.kind for _, inbound in engine.calls]
    assert kinds == [InboundKind.FOLLOW, InboundKind.POSTBACK, InboundKind.STICKER, InboundKind.UNSEND]
    assert engine.calls[0][0].language == "en"
    assert engine.calls[1][1].params == {"date": "2024-03-10"} and engine.calls[1][1].data == "when"
    assert engine.calls[3][1].message_id == "m-old"
    replies_before = len(fake_line.replies()) + len(fake_line.pushes())
    deliver(client, event("unfollow"))
    assert not Reporter.objects.get().following
    assert len(fake_line.replies()) + len(fake_line.pushes()) == replies_before  # nobody to answer


def test_zero_width_characters_and_very_long_texts_are_cleaned(
    client: Client, fake_line: FakeLine, engine: StandIn
) -> None:
    deliver(client, text("เรียก\u200bเงิน\u200d\ufeff\x00"), text("ก" * 10_000))
    assert engine.calls[0][1].text == "เรียกเงิน"
    assert len(engine.calls[1][1].text) == 5000
    assert all(len(t) <= 5000 for t in fake_line.texts())


def test_a_flood_from_one_user_gets_one_polite_reply_and_nothing_is_lost(
    client: Client, fake_line: FakeLine, engine: StandIn
) -> None:
    other = "U" + "f" * 32
    with override_settings(LINE_RATE_LIMIT=5):
        for number in range(12):
            assert post(client, body_of(text(f"ข้อความ {number}"))).status_code == 200
        assert post(client, body_of(text("คนอื่น", user=other))).status_code == 200
        process_pending()
    statuses = list(LineInboxEvent.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == [InboxStatus.DONE] * 5 + [InboxStatus.RATE_LIMITED] * 7 + [InboxStatus.DONE]
    assert len(engine.calls) == 6
    flood_notices = [t for t in fake_line.texts() if "ส่งข้อความถี่" in t]
    assert len(flood_notices) == 1
    assert LineInboxEvent.objects.count() == 13  # all kept


def test_case_workers_questions_are_pushed_to_line_reporters(
    client: Client, fake_line: FakeLine, engine: StandIn
) -> None:
    deliver(client, text("เริ่ม"))
    report = Report.objects.create(channel="line", reporter=Reporter.objects.get())
    _event, delivery = notify_reporter(report, "ขอรูปเพิ่มเติมได้ไหมคะ")
    assert delivery.delivered and delivery.how == "line-push"
    push = fake_line.pushes()[-1]
    assert push.json()["to"] == USER and push.json()["messages"][0]["text"] == "ขอรูปเพิ่มเติมได้ไหมคะ"
    assert push.headers["X-Line-Retry-Key"]
    Reporter.objects.filter(pk=report.reporter_id).update(following=False)
    _event, delivery = notify_reporter(report, "อีกครั้ง")
    assert not delivery.delivered and delivery.how == "line-unfollowed"


def test_deleting_the_reporter_deletes_the_encrypted_line_id(
    client: Client, fake_line: FakeLine, engine: StandIn
) -> None:
    deliver(client, text("ลบ"))
    assert LineRecipient.objects.count() == 1
    Reporter.objects.get().delete()
    assert LineRecipient.objects.count() == 0
    assert not LineInboxEvent.objects.exists() and not LineOutbox.objects.exists()


def test_outbox_messages_are_encrypted_and_at_most_five_per_call(
    client: Client, fake_line: FakeLine, engine: StandIn
) -> None:
    from sodsong.watch.conversation.messages import Reply
    from sodsong.watch.line import processing

    processing.set_engine(lambda key, inbound: [Reply(f"ข้อ {n}") for n in range(8)])
    deliver(client, text("หลายข้อความ"))
    [reply] = fake_line.replies()
    texts = [m["text"] for m in reply.json()["messages"]]
    assert len(texts) == 5 and texts[-1] == "ข้อ 4\n\nข้อ 5\n\nข้อ 6\n\nข้อ 7"
    assert json.loads(LineOutbox.objects.get().messages)[0]["text"] == "ข้อ 0"


def test_a_crash_half_way_through_processing_leaves_nothing_half_written(
    client: Client, fake_line: FakeLine, engine: StandIn
) -> None:
    """What the engine wrote before dying is rolled back with the claim: the event is still
    pending and is processed once when the worker runs again (as after a restart)."""
    from sodsong.watch.line import processing

    def dies_half_way(key: Any, inbound: Any) -> list[Any]:
        Report.objects.create(channel="line")
        raise SystemError("process killed")

    processing.set_engine(dies_half_way)
    deliver(client, text("ล่ม"))
    row = LineInboxEvent.objects.get()
    assert row.status == InboxStatus.PENDING and not Report.objects.exists()
    assert not LineOutbox.objects.exists() and not fake_line.replies()
    processing.set_engine(engine)
    LineInboxEvent.objects.filter(pk=row.pk).update(not_before=None)
    process_pending()
    assert LineInboxEvent.objects.get().status == InboxStatus.DONE and len(engine.calls) == 1
    assert len(fake_line.replies()) == 1


def test_an_event_that_keeps_failing_is_marked_failed_and_kept(
    client: Client, fake_line: FakeLine, engine: StandIn
) -> None:
    engine.fail_times = 99
    deliver(client, text("พัง"))
    for _ in range(6):
        LineInboxEvent.objects.update(not_before=None)
        process_pending()
    row = LineInboxEvent.objects.get()
    assert row.status == InboxStatus.FAILED and row.attempts == 5 and row.error == "RuntimeError"
    assert "พัง" in row.raw


def test_alert_commands_are_answered_by_the_line_channel_not_the_intake_conversation(
    client: Client, fake_line: FakeLine, engine: StandIn
) -> None:
    from sodsong.watch.models import AlertSubscription

    deliver(client, text("แจ้งเตือน จังหวัด ขอนแก่น"))
    assert engine.calls == []
    subscription = AlertSubscription.objects.get(cancelled_at=None)
    assert subscription.scope == "province" and subscription.user_hash != USER
    [reply] = fake_line.replies()
    assert reply.json()["messages"][0]["text"]
    deliver(client, text("เลิกแจ้งเตือน"))
    assert not AlertSubscription.objects.filter(cancelled_at=None).exists()
    deliver(client, text("สวัสดี"))
    assert len(engine.calls) == 1
