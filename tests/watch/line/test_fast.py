"""The server's direct webhook route (before Django's middleware) answers as the view does."""

from __future__ import annotations

import io
import json
import sys
from typing import Any

import pytest
from django.core import signals
from django.db import close_old_connections
from django.test import override_settings

from sodsong.watch.line import spool
from sodsong.watch.models import LineInboxEvent
from sodsong.wsgi import application
from tests.watch.line.conftest import body_of, headers, text

pytestmark = pytest.mark.django_db


def call(body: bytes, method: str = "POST", path: str = "/line/webhook", **extra: str) -> tuple[str, Any]:
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1:8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body)),
        **extra,
    }
    answers: list[str] = []
    # As Django's test client does: the test's database connection stays open.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        chunks = application(environ, lambda status, _headers, *_: answers.append(status))
        content = b"".join(chunks)
        getattr(chunks, "close", lambda: None)()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return answers[0], content


def signed(body: bytes) -> dict[str, str]:
    return {"HTTP_X_LINE_SIGNATURE": headers(body)["HTTP_X_LINE_SIGNATURE"]}


def test_the_direct_route_stores_and_refuses_as_the_view_does() -> None:
    body = body_of(text("ทางตรง"), text("ทางตรง 2"))
    status, content = call(body, **signed(body))
    assert status == "200 OK" and json.loads(content) == {"received": 2}
    assert call(body_of(), **signed(body_of()))[0] == "200 OK"  # LINE's verify call
    assert call(body)[0].startswith("400")  # no signature
    assert call(body, HTTP_X_LINE_SIGNATURE="AAAA")[0].startswith("401")
    assert call(b"{", **signed(b"{"))[0].startswith("400")
    with override_settings(LINE_MAX_BODY_BYTES=10):
        assert call(body, **signed(body))[0].startswith("413")
    assert call(body, path="/line/webhook/", **signed(body))[0] == "200 OK"  # stored once already
    if spool.enabled():
        spool.drain()
    assert LineInboxEvent.objects.count() == 2


def test_other_requests_go_through_django() -> None:
    assert call(b"", method="GET")[0].startswith("405")  # the Django view's answer
    status, content = call(b"", method="GET", path="/")
    assert status.startswith("200") and "<html" in content.decode()
