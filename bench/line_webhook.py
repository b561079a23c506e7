"""LINE webhook load and crash benchmark: signed events against `sodsong serve` (gunicorn).

Run: python bench/line_webhook.py [--rate 300] [--duration 30] [--crash-at 12] [--workers N]
     DATABASE_URL=postgres://... python bench/line_webhook.py ...   (PostgreSQL)

What it does, all on loopback:
1. a fresh data directory (SQLite unless DATABASE_URL is set; a PostgreSQL database is migrated
   and its LINE inbox and outbox emptied — best a fresh database per run), `sodsong migrate`;
2. the fake LINE API (tests/watch/line/fake_line.py) in its own process;
3. `sodsong serve` (gunicorn; the inbox worker as its own process, started by `serve` at lower
   priority, unless `--worker thread`) in its own process group;
4. a load generator in a separate process: open loop at `--rate` events/s (one event per
   request, as LINE mostly sends them), text messages from 1,000 users, each request signed;
   it records every event id, HTTP status and ack latency;
5. with `--crash-at S`: `kill -9` of the whole server process group S seconds into the load,
   restart 1 s later (the load keeps going; requests during the outage fail and count as not
   acknowledged, as LINE would redeliver them);
6. after the load, waits until nothing is spooled or pending, then checks: every event that got
   a 200 is stored; every one is processed (status done); no event was answered twice (reply
   tokens and push retry keys seen by the fake LINE API are distinct).
The CPU seconds of the server's processes (from /proc, gunicorn apart from the inbox worker) are
reported per acknowledged and per processed event (not for runs with --crash-at).
The real conversation engine processes the events. Flood control is raised out of the way.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-channel-secret"
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- the load generator (a separate process) ---------------------------------------------------


def sign(body: bytes) -> str:
    return base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()


def load(port: int, rate: float, duration: float, out: Path, threads: int) -> None:
    """Open loop: event i is due at i / rate seconds; each thread sends the events due to it."""
    results: list[tuple[str, int, float, float]] = []
    lock = threading.Lock()
    start = time.monotonic() + 0.5
    total = int(rate * duration)
    sentences = ["แจ้งเรื่อง", "เจ้าหน้าที่เรียกเงินค่าดำเนินการ 500 บาท", "ติดตามเรื่อง", "ข้าม", "ช่วยเหลือ"]

    def worker(index: int) -> None:
        connection: http.client.HTTPConnection | None = None
        for number in range(index, total, threads):
            due = start + number / rate
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            event_id = f"01BENCH{os.getpid():06d}{number:010d}"
            user = f"U{hashlib.md5(str(number % 1000).encode()).hexdigest()}"
            event = {
                "type": "message",
                "mode": "active",
                "timestamp": int(time.time() * 1000),
                "source": {"type": "user", "userId": user},
                "webhookEventId": event_id,
                "deliveryContext": {"isRedelivery": False},
                "replyToken": f"rt{event_id}",
                "message": {"id": f"m{number}", "type": "text", "text": sentences[number % len(sentences)]},
            }
            body = json.dumps({"destination": "Ubench", "events": [event]}, ensure_ascii=False).encode()
            sent = time.monotonic()
            status = 0
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request(
                    "POST",
                    "/line/webhook",
                    body=body,
                    headers={"Content-Type": "application/json", "X-Line-Signature": sign(body)},
                )
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                if connection is not None:
                    connection.close()
                connection = None
            with lock:
                results.append((event_id, status, (time.monotonic() - sent) * 1000, sent - start))

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    out.write_text("\n".join(json.dumps(r) for r in results))


# --- the orchestration -------------------------------------------------------------------------


def start_server(env: dict[str, str], port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [PYTHON, "-m", "sodsong", "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        cwd=ROOT,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    # Ready when a worker answers LINE's "verify" call (empty events), not when the port opens.
    body = b'{"destination":"Ubench","events":[]}'
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("POST", "/line/webhook", body=body, headers={"X-Line-Signature": sign(body)})
            if connection.getresponse().status == 200:
                return process
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.2)
    raise SystemExit("server did not start; see " + str(log))


def server_cpu(group: int) -> dict[str, float]:
    """CPU seconds (user + system) of the live processes in the server's process group: gunicorn
    (master and workers) and the inbox worker (`sodsong line work`) apart."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = {"server": 0.0, "worker": 0.0}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdecimal():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) != group:
                continue
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        kind = "worker" if b"line\0work" in command else "server"
        total[kind] += (int(fields[11]) + int(fields[12])) / ticks
    return {k: round(v, 2) for k, v in total.items()}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rate", type=float, default=300)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--crash-at", type=float, default=0, help="kill -9 the server this many seconds in")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=32, help="load generator threads")
    parser.add_argument(
        "--ack-only",
        action="store_true",
        help="no processing during the load (SODSONG_LINE_WORKER=off); afterwards `sodsong line work --once` is timed",
    )
    parser.add_argument(
        "--worker",
        choices=["process", "thread"],
        default="process",
        help="SODSONG_LINE_WORKER during the load",
    )
    parser.add_argument("--spool", choices=["auto", "on", "off"], default="auto", help="SODSONG_LINE_SPOOL")
    parser.add_argument(
        "--load", nargs=4, metavar=("PORT", "RATE", "DURATION", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.load:
        port, rate, duration, out = args.load
        load(int(port), float(rate), float(duration), Path(out), args.threads)
        return

    data = Path(tempfile.mkdtemp(prefix="sodsong-bench-line-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SODSONG_", "LINE_"))}
    fake_port, port = free_port(), free_port()
    env.update(
        PYTHONPATH=f"{ROOT / 'src'}:{ROOT}",
        SODSONG_DATA_DIR=str(data),
        LINE_CHANNEL_SECRET=SECRET,
        LINE_CHANNEL_ACCESS_TOKEN="bench-token",
        LINE_API_BASE=f"http://127.0.0.1:{fake_port}",
        SODSONG_LINE_RATE_LIMIT="100000",
        SODSONG_LINE_PUSH_QUOTA="100000000",
        SODSONG_LOG_LEVEL="WARNING",
        # One key for every run: a PostgreSQL database outlives the run's data directory.
        SODSONG_ENCRYPTION_KEY=base64.urlsafe_b64encode(b"sodsong bench line webhook key!!").decode(),
        SODSONG_LINE_WORKER="off" if args.ack_only else args.worker,
        SODSONG_LINE_SPOOL=args.spool,
    )
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "sodsong.settings"
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    subprocess.run([PYTHON, "-m", "sodsong", "migrate"], env=env, cwd=ROOT, check=True, capture_output=True)
    import django

    django.setup()
    from django.db import connection

    from sodsong.watch.models import InboxStatus, LineInboxEvent, LineOutbox

    with connection.cursor() as cursor:  # raw: rows of an earlier run need not decrypt
        for model in (LineOutbox, LineInboxEvent):
            cursor.execute(f'DELETE FROM "{model._meta.db_table}"')  # noqa: S608
    connection.close()
    fake = subprocess.Popen(
        [PYTHON, str(ROOT / "tests" / "watch" / "line" / "fake_line.py"), str(fake_port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        start_new_session=True,
    )
    assert fake.stdout is not None
    fake.stdout.readline()
    log = data / "server.log"
    server = start_server(env, port, args.workers, log)
    out = data / "acks.jsonl"
    cpu_before = server_cpu(server.pid)
    loader = subprocess.Popen(
        [
            PYTHON,
            __file__,
            "--threads",
            str(args.threads),
            "--load",
            str(port),
            str(args.rate),
            str(args.duration),
            str(out),
        ],
        env=env,
        cwd=ROOT,
    )
    crashed_at = restarted_at = None
    began = time.monotonic()
    if args.crash_at:
        time.sleep(max(0.0, args.crash_at + 0.5 - (time.monotonic() - began)))
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
        crashed_at = time.monotonic() - began - 0.5
        time.sleep(1)
        server = start_server(env, port, args.workers, log)
        restarted_at = time.monotonic() - began - 0.5
    loader.wait()
    load_seconds = time.monotonic() - began - 0.5
    cpu_load = server_cpu(server.pid)

    results = [json.loads(line) for line in out.read_text().splitlines() if line]
    acked = {r[0] for r in results if r[1] == 200}
    latencies = [r[2] for r in results if r[1] == 200]
    drain_start = time.monotonic()
    if args.ack_only:
        subprocess.run([PYTHON, "-m", "sodsong", "line", "work", "--once"], env=env, cwd=ROOT, check=True)
    from sodsong.watch.line import spool

    while spool.count() or LineInboxEvent.objects.filter(status=InboxStatus.PENDING).exists():
        if time.monotonic() - drain_start > 900:
            break
        time.sleep(0.5)
    drained = time.monotonic() - drain_start
    cpu_end = server_cpu(server.pid)
    stored = dict(LineInboxEvent.objects.values_list("webhook_event_id", "status"))
    missing = [e for e in acked if e not in stored]
    not_done = [e for e in acked if stored.get(e) != InboxStatus.DONE]
    outboxes = LineOutbox.objects.count()
    time.sleep(2)
    stats_connection = http.client.HTTPConnection("127.0.0.1", fake_port, timeout=10)
    stats_connection.request("GET", "/fake/stats")
    stats = json.loads(stats_connection.getresponse().read())
    first = min((r[3] for r in results), default=0)
    last = max((r[3] for r in results), default=0)
    processed_span = LineInboxEvent.objects.filter(status=InboxStatus.DONE).count()
    report = {
        "database": connection.vendor,
        "workers": args.workers,
        "target_rate": args.rate,
        "duration_s": args.duration,
        "sent": len(results),
        "acked_200": len(acked),
        "not_acked": len(results) - len(acked),
        "ack_rate_per_s": round(len(acked) / max(last - first, 1e-9), 1),
        "ack_p50_ms": round(percentile(latencies, 0.50), 1),
        "ack_p95_ms": round(percentile(latencies, 0.95), 1),
        "ack_p99_ms": round(percentile(latencies, 0.99), 1),
        "ack_max_ms": round(max(latencies, default=float("nan")), 1),
        "ack_mean_ms": round(statistics.fmean(latencies), 1) if latencies else None,
        "crash_at_s": round(crashed_at, 1) if crashed_at else None,
        "restart_at_s": round(restarted_at, 1) if restarted_at else None,
        "load_s": round(load_seconds, 1),
        "drain_after_load_s": round(drained, 1),
        "processing": "after the load (sodsong line work --once)"
        if args.ack_only
        else f"during the load ({args.worker})",
        "spool": spool.enabled(),
        "server_cpu_s_during_load": None if args.crash_at else cpu_load,
        "ack_cpu_ms_per_acked": None
        if args.crash_at or not acked
        else round((cpu_load["server"] - cpu_before["server"]) * 1000 / len(acked), 2),
        "worker_cpu_ms_per_processed": None
        if args.crash_at or args.ack_only or not processed_span
        else round(cpu_end["worker"] * 1000 / processed_span, 2),
        "stored": len(stored),
        "processed_done": processed_span,
        "acked_missing": len(missing),
        "acked_not_processed": len(not_done),
        "outbox_rows": outboxes,
        "fake_line": stats,
        "double_replies": stats["replies"] - stats["distinct_reply_tokens"],
        "double_pushes": stats["pushes"] - stats["distinct_retry_keys"],
        "load_average": os.getloadavg(),
    }
    print(json.dumps(report, indent=2))
    os.killpg(server.pid, signal.SIGTERM)
    os.killpg(fake.pid, signal.SIGTERM)
    server.wait(timeout=30)
    ok = not missing and not not_done
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
