"""A real local HTTP server that answers like the LINE Messaging API (the parts Sodsong uses).

The SDK talks to it over the network exactly as it would to api.line.me (point `LINE_API_BASE`
at `FakeLine.url`); tests then read what it received. It serves: reply, push (409 for a retry key
it already accepted, like LINE), message content (bytes, or a generated body of any size streamed
without being held in memory), profile, quota and consumption, and the rich-menu calls.
Also used by bench/line_webhook.py, in its own process.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["FakeLine", "Received"]


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class _Big:
    size: int
    head: bytes = b""


@dataclass
class FakeLine:
    received: list[Received] = field(default_factory=list)
    contents: dict[str, bytes | _Big] = field(default_factory=dict)
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)
    quota: int = 300
    refuse_reply_tokens: set[str] = field(default_factory=set)
    fail_next: int = 0  # answer this many API calls with 500 first
    streamed: dict[str, int] = field(default_factory=dict)  # content bytes actually written
    retry_keys: set[str] = field(default_factory=set)
    rich_menus: dict[str, Any] = field(default_factory=dict)
    default_rich_menu: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    # --- setup -------------------------------------------------------------------------------
    def start(self, port: int = 0) -> FakeLine:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                fake._handle(self, "GET")

            def do_POST(self) -> None:
                fake._handle(self, "POST")

            def do_DELETE(self) -> None:
                fake._handle(self, "DELETE")

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def add_content(self, message_id: str, data: bytes) -> None:
        self.contents[message_id] = data

    def add_big_content(self, message_id: str, size: int, head: bytes = b"\xff\xd8\xff\xe0") -> None:
        self.contents[message_id] = _Big(size, head)

    # --- what was received -------------------------------------------------------------------
    def calls(self, path_part: str, method: str = "POST") -> list[Received]:
        with self.lock:
            return [r for r in self.received if path_part in r.path and r.method == method]

    def replies(self) -> list[Received]:
        return self.calls("/v2/bot/message/reply")

    def pushes(self) -> list[Received]:
        return self.calls("/v2/bot/message/push")

    def texts(self) -> list[str]:
        """Every message text sent by reply or push, in order."""
        out: list[str] = []
        for call in self.calls("/v2/bot/message/"):
            if call.path.endswith(("/reply", "/push")):
                out.extend(m.get("text", "") for m in call.json().get("messages", []))
        return out

    def stats(self) -> dict[str, int]:
        """Counts for the benchmark: a token or retry key seen twice would be a double send."""
        tokens = [r.json().get("replyToken", "") for r in self.replies()]
        return {
            "replies": len(tokens),
            "distinct_reply_tokens": len(set(tokens)),
            "pushes": len(self.pushes()),
            "distinct_retry_keys": len({p.headers.get("X-Line-Retry-Key", "") for p in self.pushes()}),
        }

    def wait_for(self, predicate: Any, timeout: float = 20) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.05)
        return bool(predicate())

    # --- the API -----------------------------------------------------------------------------
    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        path = handler.path.split("?")[0]
        with self.lock:
            self.received.append(Received(method, path, dict(handler.headers.items()), body))
            failing = self.fail_next > 0
            if failing:
                self.fail_next -= 1
        if failing:
            return self._json(handler, 500, {"message": "fake outage"})
        if path == "/fake/stats":
            return self._json(handler, 200, self.stats())
        if not (handler.headers.get("Authorization") or "").startswith("Bearer "):
            return self._json(handler, 401, {"message": "Authentication failed"})
        parts = path.strip("/").split("/")
        if path == "/v2/bot/message/reply":
            token = json.loads(body).get("replyToken", "")
            if token in self.refuse_reply_tokens:
                return self._json(handler, 400, {"message": "Invalid reply token"})
            self.refuse_reply_tokens.add(token)  # a token works once
            return self._sent(handler, body)
        if path == "/v2/bot/message/push":
            key = handler.headers.get("X-Line-Retry-Key") or ""
            with self.lock:
                seen = key in self.retry_keys
                self.retry_keys.add(key)
            if key and seen:
                return self._json(handler, 409, {"message": "The retry key is already accepted"})
            return self._sent(handler, body)
        if path == "/v2/bot/message/quota":
            return self._json(handler, 200, {"type": "limited", "value": self.quota})
        if path == "/v2/bot/message/quota/consumption":
            return self._json(handler, 200, {"totalUsage": len(self.pushes())})
        if parts[:3] == ["v2", "bot", "profile"] and len(parts) == 4:
            profile = self.profiles.get(parts[3], {"displayName": "ผู้ใช้", "language": "th"})
            return self._json(handler, 200, {"userId": parts[3], **profile})
        if parts[:3] == ["v2", "bot", "message"] and len(parts) == 5 and parts[4] == "content":
            return self._content(handler, parts[3])
        if path == "/v2/bot/richmenu" and method == "POST":
            menu_id = f"richmenu-{len(self.rich_menus) + 1:04d}"
            self.rich_menus[menu_id] = {"definition": json.loads(body), "image": None}
            return self._json(handler, 200, {"richMenuId": menu_id})
        if parts[:3] == ["v2", "bot", "richmenu"] and len(parts) == 5 and parts[4] == "content":
            self.rich_menus.setdefault(parts[3], {})["image"] = body
            return self._json(handler, 200, {})
        if parts[:5] == ["v2", "bot", "user", "all", "richmenu"] and len(parts) == 6:
            self.default_rich_menu = parts[5]
            return self._json(handler, 200, {})
        if path == "/v2/bot/richmenu/list":
            return self._json(handler, 200, {"richmenus": []})
        return self._json(handler, 404, {"message": "Not found"})

    def _sent(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        count = len(json.loads(body).get("messages", []))
        with self.lock:
            base = len(self.received)
        sent = [{"id": str(base * 10 + i), "quoteToken": f"q{base}-{i}"} for i in range(count)]
        self._json(handler, 200, {"sentMessages": sent})

    def _content(self, handler: BaseHTTPRequestHandler, message_id: str) -> None:
        content = self.contents.get(message_id)
        if content is None:
            return self._json(handler, 404, {"message": "Not found"})
        handler.send_response(200)
        handler.send_header("Content-Type", "application/octet-stream")
        if isinstance(content, bytes):
            handler.send_header("Content-Length", str(len(content)))
            handler.end_headers()
            handler.wfile.write(content)
            self.streamed[message_id] = len(content)
            return
        handler.send_header("Content-Length", str(content.size))
        handler.end_headers()
        written = 0
        chunk = b"\0" * 65536
        try:
            handler.wfile.write(content.head)
            written = len(content.head)
            while written < content.size:
                piece = chunk[: min(len(chunk), content.size - written)]
                handler.wfile.write(piece)
                written += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up, as it should for a file that is too large
        finally:
            self.streamed[message_id] = written
            handler.close_connection = True

    def _json(self, handler: BaseHTTPRequestHandler, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)


def main() -> None:
    """Run on its own: `python tests/watch/line/fake_line.py [PORT]` (used by the benchmark)."""
    import sys

    fake = FakeLine().start(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(fake.url, flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
