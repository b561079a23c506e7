"""The acknowledgement's spool file: acks never wait for the app database, events move into the
inbox exactly once (also after a crash between the two databases), nothing is kept unencrypted."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client, override_settings

from sodsong.watch.line import _worker_process, spool
from sodsong.watch.line.processing import Worker, process_pending
from sodsong.watch.models import InboxStatus, LineInboxEvent, LineOutbox
from tests.watch.line.conftest import USER, StandIn, body_of, headers, text
from tests.watch.line.fake_line import FakeLine


def ack(client: Client, body: bytes) -> int:
    """POST without moving the spool (what LINE sees)."""
    response = client.post("/line/webhook", data=body, content_type="application/json", **headers(body))
    return int(response.status_code)


@pytest.fixture
def spool_on() -> Iterator[None]:
    with override_settings(LINE_SPOOL="on"):
        yield


@pytest.mark.django_db(transaction=True)
def test_an_ack_does_not_wait_while_processing_holds_the_app_database_write_lock(client: Client) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the app database's single write lock is SQLite's")
    assert spool.enabled()  # auto: on with a SQLite app database
    holder = sqlite3.connect(connection.settings_dict["NAME"], timeout=1, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # what a processing transaction holds for ~20 ms, here for long
    try:
        started = time.monotonic()
        assert ack(client, body_of(text("ระหว่างประมวลผล"))) == 200
        assert time.monotonic() - started < 2  # the app database's busy timeout is 20 s
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert spool.count() == 1 and not LineInboxEvent.objects.exists()
    assert spool.drain() == 1
    assert LineInboxEvent.objects.get().status == InboxStatus.PENDING and spool.count() == 0


@pytest.mark.django_db
def test_a_crash_between_the_inbox_commit_and_the_spool_delete_loses_and_repeats_nothing(
    client: Client, spool_on: None, fake_line: FakeLine, engine: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    message = text("ครั้งเดียว")
    assert ack(client, body_of(message)) == 200

    @contextmanager
    def killed() -> Iterator[sqlite3.Connection]:
        raise RuntimeError("killed after the inbox commit, before the spool delete")
        yield  # pragma: no cover

    with monkeypatch.context() as patch:
        patch.setattr(spool, "_write", killed)
        with pytest.raises(RuntimeError):
            spool.drain()
    assert LineInboxEvent.objects.count() == 1 and spool.count() == 1  # in both databases now
    process_pending()  # the move is repeated (skipped by the unique id), then processed
    assert spool.count() == 0 and LineInboxEvent.objects.count() == 1
    assert LineInboxEvent.objects.get().status == InboxStatus.DONE
    # LINE redelivers it after all: spooled again, skipped again, not processed again.
    assert ack(client, body_of({**message, "deliveryContext": {"isRedelivery": True}})) == 200
    assert spool.count() == 1
    process_pending()
    assert spool.count() == 0 and LineInboxEvent.objects.count() == 1
    assert len(engine.calls) == 1 and LineOutbox.objects.count() == 1
    assert fake_line.wait_for(lambda: len(fake_line.replies()) == 1)


@pytest.mark.django_db
def test_the_spool_keeps_events_only_encrypted_and_in_arrival_order(client: Client, spool_on: None) -> None:
    secret_text = "นายสมชาย ใจดี เรียกเงิน"
    bodies = [body_of(text(f"{secret_text} {n}")) for n in range(3)]
    for body in bodies:
        assert ack(client, body) == 200
    assert ack(client, bodies[0]) == 200  # a duplicate is kept once
    assert spool.count() == 3
    spool.close()  # everything written to the files
    files = [p for p in Path(spool.path()).parent.iterdir() if p.name.startswith("line-spool")]
    dump = b"".join(p.read_bytes() for p in files)
    assert USER.encode() not in dump and "สมชาย".encode() not in dump
    assert spool.drain() == 3
    rows = list(LineInboxEvent.objects.order_by("pk"))
    assert [f"{secret_text} {n}" in row.raw for n, row in enumerate(rows)] == [True] * 3
    assert rows[0].received_at <= rows[1].received_at <= rows[2].received_at


@pytest.mark.django_db
def test_without_the_spool_the_ack_writes_the_inbox_itself(client: Client) -> None:
    with override_settings(LINE_SPOOL="off"):
        assert not spool.enabled()
        assert ack(client, body_of(text("ตรง"))) == 200
        assert LineInboxEvent.objects.count() == 1 and spool.count() == 0


def test_serve_starts_the_inbox_worker_as_a_process_only_when_asked() -> None:
    with override_settings(LINE_WORKER="process"):
        assert _worker_process() == ["line", "work", "--nice", "10"]
    for other in ("thread", "off"):
        with override_settings(LINE_WORKER=other):
            assert _worker_process() is None


def test_a_worker_process_stops_when_the_server_that_started_it_is_gone() -> None:
    assert not Worker(parent_pid=os.getppid()).orphaned()
    gone = Worker(poll_seconds=0.01, parent_pid=os.getpid() + 10**7)
    thread = threading.Thread(target=gone.run)
    thread.start()
    thread.join(5)
    assert not thread.is_alive()


@pytest.mark.django_db
def test_auto_uses_the_spool_unless_postgresql_and_a_worker_elsewhere() -> None:
    with override_settings(LINE_SPOOL="auto", LINE_WORKER="process"):
        assert spool.enabled()
    with override_settings(LINE_SPOOL="auto", LINE_WORKER="off"):
        assert spool.enabled() is (connection.vendor == "sqlite")
    with override_settings(LINE_SPOOL="off", LINE_WORKER="process"):
        assert not spool.enabled()


def test_a_new_connection_waits_while_another_holds_the_write_lock_of_a_fresh_spool_file(
    tmp_path: Path,
) -> None:
    """A fresh spool file is in rollback mode until one connection switches it to WAL, and SQLite
    refuses that switch at once (no busy handler) while another connection holds the write lock:
    fifty first requests at once got 'database is locked' and answered 500 (seen in CI)."""
    where = tmp_path / "spool.sqlite3"
    holder = sqlite3.connect(where, isolation_level=None)
    holder.execute("CREATE TABLE held (x)")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO held VALUES (1)")
    results: list[object] = []

    def open_spool() -> None:
        try:
            results.append(spool._connection().execute("PRAGMA journal_mode").fetchone()[0])
        except sqlite3.OperationalError as exc:
            results.append(exc)
        finally:
            spool.close()

    with override_settings(LINE_SPOOL_PATH=str(where)):
        opener = threading.Thread(target=open_spool)
        opener.start()
        time.sleep(0.3)
        holder.execute("COMMIT")
        opener.join(timeout=30)
    holder.close()
    assert results == ["wal"]
