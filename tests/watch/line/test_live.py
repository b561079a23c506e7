"""Signed webhooks over HTTP to a running server, processed by the inbox thread, answered through
the fake LINE API: the whole path a real LINE message takes."""

from __future__ import annotations

import hashlib
import http.client
import io
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PIL import Image

from sodsong.watch.evidence import read_evidence
from sodsong.watch.line import spool
from sodsong.watch.line.processing import Worker
from sodsong.watch.models import InboxStatus, LineInboxEvent, Report, Status
from tests.watch.line.conftest import SECRET, USER, StandIn, body_of, event, headers, text
from tests.watch.line.fake_line import FakeLine

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def worker(live_server: Any) -> Iterator[Worker]:
    running = Worker(poll_seconds=0.05).start()
    yield running
    running.stop()


def send(server: Any, body: bytes, **extra: str) -> int:
    """POST a signed body; a connection dropped by a busy test server is retried, as LINE does."""
    url = urlsplit(server.url)
    sig = headers(body)["HTTP_X_LINE_SIGNATURE"]
    for attempt in range(5):
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        try:
            connection.request(
                "POST",
                "/line/webhook",
                body=body,
                headers={"Content-Type": "application/json", "X-Line-Signature": sig, **extra},
            )
            return connection.getresponse().status
        except (ConnectionError, http.client.RemoteDisconnected):
            if attempt == 4:
                raise
            time.sleep(0.2)
        finally:
            connection.close()
    raise AssertionError("unreachable")


def settled(timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while spool.count() or LineInboxEvent.objects.filter(status=InboxStatus.PENDING).exists():
        assert time.monotonic() < deadline, "events still pending"
        time.sleep(0.05)


def test_fifty_concurrent_duplicates_of_one_event_are_processed_once(
    live_server: Any, worker: Worker, fake_line: FakeLine, engine: StandIn
) -> None:
    body = body_of(text("พร้อมกัน 50 ครั้ง"))
    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(lambda _: send(live_server, body), range(50)))
    assert statuses == [200] * 50
    settled()
    assert LineInboxEvent.objects.count() == 1, list(LineInboxEvent.objects.values("status"))
    assert LineInboxEvent.objects.get().status == InboxStatus.DONE
    assert len(engine.calls) == 1
    assert fake_line.wait_for(lambda: len(fake_line.replies()) == 1)
    time.sleep(0.3)
    assert len(fake_line.replies()) == 1


def test_bad_requests_over_http_store_nothing(live_server: Any, worker: Worker, engine: StandIn) -> None:
    body = body_of(text("ปลอม"))
    assert send(live_server, body, **{"X-Line-Signature": "AAAA"}) == 401
    assert send(live_server, b"\xc3\x28 not utf-8") == 400
    assert send(live_server, b"{") == 400
    assert send(live_server, b'{"events":[]}') == 200
    assert LineInboxEvent.objects.count() == 0


def photo() -> bytes:
    image = Image.new("RGB", (48, 32), (20, 120, 220))
    exif = Image.Exif()
    exif[0x8825] = {2: (18.0, 47.0, 0.0), 4: (98.0, 59.0, 0.0)}  # GPS: Chiang Mai
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_citizen_reports_by_line_end_to_end(live_server: Any, worker: Worker, fake_line: FakeLine) -> None:
    """The real conversation engine, over HTTP, answered through the fake LINE API."""
    picture = photo()
    fake_line.add_content("photo-1", picture)
    steps = [
        event("follow", follow={"isUnblocked": False}),
        text("แจ้งเรื่อง"),
        event("postback", postback={"data": "cat:extortion"}),
        text("สำนักงานที่ดินอำเภอแม่ริม"),
        text("อ.แม่ริม จ.เชียงใหม่"),
        text("เจ้าหน้าที่เรียก\u200bเงิน 5,000 บาท เพื่อเร่งออกโฉนด"),
        event("postback", postback={"data": "date", "params": {"date": "2024-03-10"}}),
        text("5 พัน"),
        text("ข้าม"),
        event(message={"id": "photo-1", "type": "image", "contentProvider": {"type": "line"}}),
        event("postback", postback={"data": "cmd:done"}),
        event("postback", postback={"data": "consent:yes"}),
        event("postback", postback={"data": "consent:no"}),
        text("ข้าม"),
    ]
    for step in steps:
        assert send(live_server, body_of(step)) == 200
    settled()
    assert set(LineInboxEvent.objects.values_list("status", flat=True)) == {InboxStatus.DONE}
    report = Report.objects.get()
    assert report.channel == "line" and report.status == Status.RECEIVED
    assert report.category == "extortion" and report.province_code == "TH50"
    assert "เรียกเงิน" in report.what_happened
    evidence = report.live_evidence().get()
    assert evidence.sha256 == hashlib.sha256(picture).hexdigest() and evidence.metadata_stripped
    with Image.open(io.BytesIO(read_evidence(evidence))) as kept:
        assert not kept.getexif()
    assert report.reporter is not None and report.reporter.line_user_hash != USER
    shown = f"{report.code[:4]} {report.code[4:]}"
    assert fake_line.wait_for(lambda: any(shown in t for t in fake_line.texts()))
    texts = fake_line.texts()
    assert "LINE" in texts[-1]  # the confidentiality sentence: confidential, not anonymous to us
    assert report.contact == ""
    assert len(fake_line.replies()) >= len(steps) - 1


def test_sodsong_serve_processes_line_events_out_of_the_box(tmp_path: Path, fake_line: FakeLine) -> None:
    """What a user runs (`sodsong serve`, default settings): the server starts the inbox worker
    process itself, a signed event is acknowledged, processed and answered; stopping the server
    stops the worker."""
    env = {
        **os.environ,
        "SODSONG_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/app.sqlite3",
    }
    for name in (
        "DJANGO_SETTINGS_MODULE",
        "SODSONG_LINE_WORKER",
        "SODSONG_LINE_SPOOL",
        "SODSONG_LINE_SPOOL_PATH",
    ):
        env.pop(name, None)
    env.update(PYTHONPATH=str(REPO / "src"), LINE_CHANNEL_SECRET=SECRET, LINE_API_BASE=fake_line.url)
    command = [sys.executable, "-m", "sodsong"]
    subprocess.run([*command, "migrate"], env=env, cwd=tmp_path, check=True, capture_output=True, timeout=300)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [*command, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        body = body_of(text("แจ้งเรื่อง"))
        deadline = time.monotonic() + 120
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("POST", "/line/webhook", body=body, headers=_signed(body))
                if connection.getresponse().status == 200:
                    break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "server did not start"
                time.sleep(0.3)
        assert fake_line.wait_for(lambda: len(fake_line.replies()) == 1, timeout=60)
        workers = _line_workers(server.pid)
        assert len(workers) == 1
    finally:
        server.terminate()
        server.wait(30)
    deadline = time.monotonic() + 15
    while _line_workers(server.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _line_workers(server.pid)


def _signed(body: bytes) -> dict[str, str]:
    return {"Content-Type": "application/json", "X-Line-Signature": headers(body)["HTTP_X_LINE_SIGNATURE"]}


def _line_workers(parent: int) -> list[int]:
    """Pids of `sodsong line work --parent <parent>` processes still running."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"work" in arguments and str(parent).encode() in arguments and b"--parent" in arguments:
            found.append(int(entry.name))
    return found
