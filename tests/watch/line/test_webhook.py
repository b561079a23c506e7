"""The webhook: signatures over raw bytes, what is refused, what is stored (and how)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client, override_settings
from linebot.v3 import WebhookParser
from linebot.v3.webhook import SignatureValidator

from sodsong.watch.line.inbox import sign, verify_signature
from sodsong.watch.line.processing import process_pending
from sodsong.watch.models import InboxStatus, LineInboxEvent
from tests.watch.line.conftest import SECRET, USER, body_of, event, headers, post, text

pytestmark = pytest.mark.django_db
LINE_DATA = Path(__file__).resolve().parents[3] / "data" / "line"


def vectors() -> dict[str, object]:
    return json.loads((LINE_DATA / "signature-vectors.json").read_text())


def test_the_real_fixture_bodies_pass_the_signature_check_and_parse() -> None:
    data = vectors()
    secret = str(data["channel_secret"])
    for vector in data["vectors"]:  # type: ignore[attr-defined]
        body = (
            (LINE_DATA / vector["body_file"]).read_bytes()
            if "body_file" in vector
            else vector["body"].encode()
        )
        assert verify_signature(body, vector["signature"], secret) is vector["valid"]
        # The SDK's own validator agrees with ours on every vector.
        assert SignatureValidator(secret).validate(body.decode(), vector["signature"]) is vector["valid"]
        if "body_file" in vector:
            assert sign(body, secret) == vector["signature"]
            events = WebhookParser(secret).parse(body.decode(), vector["signature"])
            assert len(events) == len(json.loads(body)["events"])


def test_the_real_fixture_body_is_stored_event_by_event(client: Client) -> None:
    body = (LINE_DATA / "webhook-v3.json").read_bytes()
    with override_settings(LINE_CHANNEL_SECRET="channel_secret"):
        response = post(client, body, secret="channel_secret")
        assert response.status_code == 200
        assert post(client, body, secret="channel_secret").status_code == 200  # redelivered
    events = json.loads(body)["events"]
    # The SDK's fixture gives all 28 events the same webhookEventId: one event as far as LINE says.
    assert {e["webhookEventId"] for e in events} == {"testwebhookeventid"}
    assert LineInboxEvent.objects.count() == 1
    for number, item in enumerate(events):
        item["webhookEventId"] = f"fixture-{number}"
    unique = json.dumps({"destination": "U123", "events": events}).encode()
    assert post(client, unique).status_code == 200
    assert LineInboxEvent.objects.count() == 1 + 28
    legacy = (LINE_DATA / "webhook-legacy.json").read_bytes()
    with override_settings(LINE_CHANNEL_SECRET="channel_secret"):
        assert post(client, legacy, secret="channel_secret").status_code == 200


def test_missing_or_wrong_signatures_store_nothing(client: Client) -> None:
    body = body_of(text("สวัสดี"))
    assert client.post("/line/webhook", data=body, content_type="application/json").status_code == 400
    assert post(client, body, secret="wrong-secret").status_code == 401
    tampered = body.replace("สวัสดี".encode(), "ลาก่อน".encode())
    response = client.post("/line/webhook", data=tampered, content_type="application/json", **headers(body))
    assert response.status_code == 401
    # A body re-serialised (same JSON, other bytes) no longer matches: the check is over raw bytes.
    reserialised = json.dumps(json.loads(body)).encode()
    assert reserialised != body
    response = client.post(
        "/line/webhook", data=reserialised, content_type="application/json", **headers(body)
    )
    assert response.status_code == 401
    with override_settings(LINE_CHANNEL_SECRET=""):
        assert post(client, body).status_code == 401  # no secret configured: nothing is accepted
    assert LineInboxEvent.objects.count() == 0
    assert client.get("/line/webhook").status_code == 405


def test_empty_events_is_the_console_verify_call(client: Client) -> None:
    response = post(client, b'{"destination":"Ubot","events":[]}')
    assert response.status_code == 200
    body = b'{"destination":"Ubot","events":[]}'
    response = client.post("/line/webhook/", data=body, content_type="application/json", **headers(body))
    assert response.status_code == 200
    assert LineInboxEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        (b'\xff\xfe{"events": []}', 400),  # invalid UTF-8
        (b'{"events": [{"type": "message", "x": "\\ud800"}]}', 400),  # lone surrogate
        (b'{"events": "none"}', 400),
        (b'{"events": [1, 2]}', 400),
        (b"[]", 400),
    ],
)
def test_signed_but_unusable_bodies_are_refused_and_nothing_is_stored(
    client: Client, body: bytes, status: int
) -> None:
    assert post(client, body).status_code == status
    assert LineInboxEvent.objects.count() == 0


def test_an_oversized_body_gets_413_before_it_is_read(client: Client) -> None:
    big = body_of(text("ก" * 3000))
    with override_settings(LINE_MAX_BODY_BYTES=1000):
        assert post(client, big).status_code == 413
        # A lying Content-Length does not get the body past the limit either.
        response = post(client, big, CONTENT_LENGTH="10")
        assert response.status_code in (400, 401, 413)
    assert LineInboxEvent.objects.count() == 0


def test_the_raw_user_id_and_text_are_stored_only_encrypted(client: Client) -> None:
    secret_text = "นายสมชาย ใจดี เรียกเงิน"
    assert post(client, body_of(text(secret_text))).status_code == 200
    row = LineInboxEvent.objects.get()
    assert USER in row.raw and secret_text in row.raw  # decrypted on read
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in tables:
            if not table.startswith("watch_"):
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608  (table names from introspection)
            dump = repr(cursor.fetchall())
            assert USER not in dump and "สมชาย" not in dump, table
    assert row.user_key and row.user_key != USER and row.event_type == "message"


def test_redeliveries_and_duplicates_in_one_body_are_stored_once(client: Client) -> None:
    one = text("ซ้ำ")
    assert post(client, body_of(one, one)).status_code == 200
    again = {**one, "deliveryContext": {"isRedelivery": True}}
    assert post(client, body_of(again)).status_code == 200
    assert LineInboxEvent.objects.count() == 1
    assert not LineInboxEvent.objects.get().is_redelivery


def test_unknown_event_types_are_accepted_and_marked_ignored(client: Client, engine: object) -> None:
    events = [
        event("somethingNew", webhookEventId="01NEWTYPE"),
        event("join", source={"type": "group", "groupId": "G1"}),
    ]
    assert post(client, body_of(*events)).status_code == 200
    process_pending()
    assert set(LineInboxEvent.objects.values_list("status", flat=True)) == {InboxStatus.IGNORED}
    assert not engine.calls  # type: ignore[attr-defined]


def test_sign_matches_the_documented_formula() -> None:
    body = b"bodybodybodybody"
    expected = base64.b64encode(hmac.new(b"channel_secret", body, hashlib.sha256).digest()).decode()
    assert sign(body, "channel_secret") == expected == "/gg9a+LvFevTH1sd7XCQycD7tsWclCsInj7MhBHxN7k="
    assert not verify_signature(body, "invalid_signature", "channel_secret")
    assert not verify_signature(body, "ไม่ใช่", "channel_secret")
    assert SECRET  # the tests' secret is configured in tests/settings.py
