"""Fixtures of the LINE channel tests: the fake LINE API, a stand-in engine, signed bodies."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from sodsong.watch.conversation.messages import ConversationKey, Inbound, QuickReply, QuickReplyKind, Reply
from sodsong.watch.line import processing, spool
from sodsong.watch.line.inbox import sign
from tests.watch.line.fake_line import FakeLine

SECRET = "test-channel-secret"
USER = "U4af4980629abcdef0123456789abcdef"


@pytest.fixture(autouse=True)
def _no_background_worker(tmp_path: Path) -> Iterator[None]:
    """No inbox worker unless a test starts one; a spool file of the test's own."""
    with override_settings(LINE_WORKER="off", LINE_SPOOL_PATH=str(tmp_path / "line-spool.sqlite3")):
        yield
    spool.close()


@pytest.fixture
def fake_line() -> Iterator[FakeLine]:
    fake = FakeLine().start()
    with override_settings(LINE_API_BASE=fake.url, LINE_API_DATA_BASE=""):
        yield fake
    fake.stop()


@dataclass
class StandIn:
    """Records what the engine was given and answers with one reply per message."""

    calls: list[tuple[ConversationKey, Inbound]] = field(default_factory=list)
    fail_times: int = 0

    def __call__(self, key: ConversationKey, inbound: Inbound) -> list[Reply]:
        if self.fail_times:
            self.fail_times -= 1
            raise RuntimeError("engine stand-in failure")
        self.calls.append((key, inbound))
        text = f"got {inbound.kind}" + (f": {inbound.text[:50]}" if inbound.text else "")
        return [
            Reply(
                text,
                quick_replies=(
                    QuickReply("ใช่", "yes"),
                    QuickReply("วันที่", "when", QuickReplyKind.DATE),
                    QuickReply("ถ่ายรูป", kind=QuickReplyKind.CAMERA),
                ),
            )
        ]


@pytest.fixture
def engine() -> Iterator[StandIn]:
    stand_in = StandIn()
    processing.set_engine(stand_in)
    yield stand_in
    processing.set_engine(None)


_counter = iter(range(10**9))


def event(kind: str = "message", user: str = USER, **fields: Any) -> dict[str, Any]:
    """A LINE webhook event shaped like the real ones in data/line/webhook-v3.json."""
    number = next(_counter)
    base: dict[str, Any] = {
        "type": kind,
        "mode": "active",
        "timestamp": int(time.time() * 1000),
        "source": {"type": "user", "userId": user},
        "webhookEventId": f"01TEST{number:020d}",
        "deliveryContext": {"isRedelivery": False},
    }
    if kind in ("message", "follow", "postback"):
        base["replyToken"] = f"token-{number}"
    base.update(fields)
    return base


def text(body: str, user: str = USER, **fields: Any) -> dict[str, Any]:
    number = next(_counter)
    return event("message", user, message={"id": f"m{number}", "type": "text", "text": body}, **fields)


def body_of(*events: dict[str, Any]) -> bytes:
    return json.dumps({"destination": "Ubot", "events": list(events)}, ensure_ascii=False).encode()


def headers(body: bytes, secret: str = SECRET) -> dict[str, str]:
    return {"HTTP_X_LINE_SIGNATURE": sign(body, secret)}


def post(client: Any, body: bytes, secret: str = SECRET, **extra: Any) -> Any:
    """POST a signed body, then move what the spool holds into the inbox, as the worker does
    first (tests then see every stored event as an inbox row)."""
    response = client.post(
        "/line/webhook", data=body, content_type="application/json", **{**headers(body, secret), **extra}
    )
    if spool.enabled():
        spool.drain()
    return response
