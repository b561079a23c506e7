"""The acknowledgement's own SQLite file: webhook events land here, never in the app database.

Why: on SQLite the app database has one writer at a time, and a processing transaction (the
conversation engine, ~20 ms) holds it; an acknowledgement that had to insert there waited for
it. The spool is a separate file (WAL) with one short `INSERT OR IGNORE` transaction per webhook
body on a connection each server thread keeps, so acknowledgements only ever wait for each other.

The worker moves spooled events into the app database's inbox (`LineInboxEvent`) with
`INSERT … ON CONFLICT DO NOTHING` on the unique `webhookEventId`, commits, and only then deletes
them from the spool. A crash between the two leaves the rows in the spool; the next move skips
them (already in the inbox), so every event is stored and processed once. Rows are encrypted
before they reach the spool, as in the inbox.

`SODSONG_LINE_SPOOL`: `auto` (default) uses the spool unless the app database is PostgreSQL and
`SODSONG_LINE_WORKER=off` (the worker may then run on another host, and a spool is local to one
host; with `process` or `thread` every server drains its own). On PostgreSQL it is worth it too:
a local insert instead of a committed round trip (measured ack p99 53 ms against 163 ms at
300/s on a loaded 2-core machine). `on` / `off` force it. The file is `SODSONG_LINE_SPOOL_PATH` (default
`<data dir>/line-spool.sqlite3`); it must be on the host whose `sodsong serve` (or
`sodsong line work`) drains it.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction

__all__ = ["SpoolRow", "count", "drain", "enabled", "path", "store"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS spool (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_event_id TEXT NOT NULL UNIQUE,
    event_type TEXT NOT NULL,
    user_key TEXT NOT NULL,
    event_time TEXT NOT NULL,
    is_redelivery INTEGER NOT NULL,
    raw_encrypted TEXT NOT NULL,
    received_at TEXT NOT NULL
)
"""
_COLUMNS = "webhook_event_id, event_type, user_key, event_time, is_redelivery, raw_encrypted, received_at"


@dataclass(frozen=True)
class SpoolRow:
    webhook_event_id: str
    event_type: str
    user_key: str
    event_time: datetime
    is_redelivery: bool
    raw_encrypted: str  # Fernet token of the event's JSON
    received_at: datetime


def enabled() -> bool:
    choice = str(settings.LINE_SPOOL).lower()
    if choice in ("on", "1", "true", "yes"):
        return True
    if choice in ("off", "0", "false", "no"):
        return False
    return bool(connections["default"].vendor == "sqlite" or settings.LINE_WORKER != "off")


def path() -> Path:
    configured = str(settings.LINE_SPOOL_PATH or "")
    return Path(configured) if configured else Path(settings.DATA_DIR) / "line-spool.sqlite3"


_local = threading.local()


def _connection() -> sqlite3.Connection:
    """This thread's connection (kept across requests: opening one costs more than an insert)."""
    where = str(path())
    key = (where, os.getpid())
    cached = getattr(_local, "connection", None)
    if cached is not None and getattr(_local, "key", None) == key:
        return cached
    # autocommit mode: transactions are explicit (BEGIN IMMEDIATE: the write lock up front).
    connection = sqlite3.connect(where, timeout=20, isolation_level=None)
    _switch_to_wal(connection)
    # NORMAL in WAL: a commit is in the OS before it returns (safe against a killed process), as
    # the app database is configured; FULL also fsyncs each commit (power loss).
    synchronous = "FULL" if settings.LINE_SPOOL_FSYNC else "NORMAL"
    connection.execute(f"PRAGMA synchronous={synchronous}")
    # No acknowledgement pays for a checkpoint (copying the log into the file, with fsyncs): the
    # worker runs one after each move (`drain`).
    connection.execute("PRAGMA wal_autocheckpoint=0")
    connection.execute(_SCHEMA)
    # Waiting for the write lock is done by `_write` (short sleeps): SQLite's own busy handler
    # sleeps longer and longer (up to 100 ms a time), which made the slowest acknowledgements.
    connection.execute("PRAGMA busy_timeout=0")
    _local.connection, _local.key = connection, key
    return connection


# Threads of one process open their connections one at a time (see `_switch_to_wal`).
_setup_lock = threading.Lock()


def _switch_to_wal(connection: sqlite3.Connection) -> None:
    """WAL mode, retried while another connection holds the write lock.

    A fresh spool file is in rollback mode until one connection switches it, and SQLite refuses
    the switch at once, without its busy handler, while another connection holds the write lock
    (fifty first requests at once answered 500). Threads of this process take turns here; other
    processes are waited for by polling, as `_write` does."""
    with _setup_lock:
        _execute_when_unlocked(connection, "PRAGMA journal_mode=WAL")


def _execute_when_unlocked(connection: sqlite3.Connection, sql: str) -> None:
    """Run `sql`, polled in short sleeps while another connection holds the write lock (up to
    WRITE_WAIT_SECONDS): SQLite's own busy handler sleeps up to 100 ms a time, and refuses a
    switch to WAL at once."""
    deadline = time.monotonic() + WRITE_WAIT_SECONDS
    while True:
        try:
            connection.execute(sql)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.0005)


def close() -> None:
    """Close this thread's connection (tests that switch spool files)."""
    cached = getattr(_local, "connection", None)
    if cached is not None:
        cached.close()
    _local.connection = _local.key = None


# One writer at a time within a process: the threads queue here (woken in turn) rather than in
# SQLite's busy handler; only the server's other processes are waited for by polling.
_write_lock = threading.Lock()
WRITE_WAIT_SECONDS = 20.0


@contextmanager
def _write() -> Iterator[sqlite3.Connection]:
    connection = _connection()
    with _write_lock:
        _execute_when_unlocked(connection, "BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")


def store(rows: Iterable[SpoolRow]) -> None:
    """All rows in one short transaction; an event already spooled is skipped (unique id)."""
    values = [
        (
            row.webhook_event_id,
            row.event_type,
            row.user_key,
            row.event_time.isoformat(),
            int(row.is_redelivery),
            row.raw_encrypted,
            row.received_at.isoformat(),
        )
        for row in rows
    ]
    with _write() as connection:
        connection.executemany(
            f"INSERT OR IGNORE INTO spool ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
            values,
        )


def count() -> int:
    if not path().exists():
        return 0
    return int(_connection().execute("SELECT count(*) FROM spool").fetchone()[0])


def drain(limit: int = 500) -> int:
    """Move up to `limit` spooled events into the inbox (oldest first); returns how many rows
    left the spool. Inbox first, spool second: a crash in between repeats the move, which the
    inbox's unique `webhook_event_id` turns into nothing."""
    from sodsong.privacy.crypto import decrypt_text
    from sodsong.watch.models import LineInboxEvent

    if not path().exists():
        return 0
    connection = _connection()
    rows = connection.execute(
        f"SELECT id, {_COLUMNS} FROM spool ORDER BY id LIMIT ?",  # noqa: S608
        (limit,),
    ).fetchall()
    if not rows:
        return 0
    events = [
        LineInboxEvent(
            webhook_event_id=event_id,
            event_type=event_type,
            user_key=user_key,
            event_time=datetime.fromisoformat(event_time),
            is_redelivery=bool(redelivery),
            raw=decrypt_text(raw),  # the inbox column encrypts again (its own token)
            received_at=datetime.fromisoformat(received_at),
        )
        for _id, event_id, event_type, user_key, event_time, redelivery, raw, received_at in rows
    ]
    with transaction.atomic():
        LineInboxEvent.objects.bulk_create(events, ignore_conflicts=True)
    # Ids grow in commit order (one writer at a time), so nothing unseen is at or below the last.
    with _write() as writer:
        writer.execute("DELETE FROM spool WHERE id <= ?", (rows[-1][0],))
    connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
    return len(rows)
