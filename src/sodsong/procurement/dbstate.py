"""Values read from the app database, kept per thread until the database may have changed.

Every project, agency and company page asked the app database two aggregate queries for its
ETag (the citizen cases linked to projects) and a project page two more for its linked cases,
although those tables change a few times a day. On SQLite, `PRAGMA data_version` moves whenever
another connection commits and `total_changes` whenever this connection writes, so together
with the connection itself they say "nothing can have changed" for the price of one pragma.
Other databases get the value computed every time.

The server does not keep Django's SQLite connection between requests (`CONN_MAX_AGE` 0), so a
key made of that connection missed on every request and each page opened a connection (its
`init_command` pragmas included) and ran the two aggregates again: a fifth of a page's CPU under
gunicorn. A database file is therefore watched through this thread's own connection to it, kept
open and never written: its `data_version` moves with every commit of any other connection, the
site's own included. Uncommitted writes of Django's connection (a view inside a transaction,
tests) still count through that connection's `total_changes` when it is open. An in-memory
database (tests) is watched through Django's connection as before.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["cached_on_db_state", "file_version"]

T = TypeVar("T")
_LOCAL = threading.local()


def file_version(path: str) -> tuple[Any, ...]:
    """Changes whenever a commit may have changed the SQLite database file at `path`.

    Read through this thread's own connection to the file (the file's device and inode are part
    of the answer, so a database replaced under the same name is a new one).
    """
    stat = os.stat(path)
    key = (path, stat.st_dev, stat.st_ino)
    watchers: dict[tuple[str, int, int], sqlite3.Connection] = _LOCAL.__dict__.setdefault("watchers", {})
    con = watchers.get(key)
    if con is None:
        for old in watchers.values():
            old.close()
        watchers.clear()
        con = watchers[key] = sqlite3.connect(path, check_same_thread=False)
    return (*key, int(con.execute("PRAGMA data_version").fetchone()[0]))


def _state() -> tuple[Any, ...] | None:
    from django.db import connection

    if connection.vendor != "sqlite":
        return None
    name = str(connection.settings_dict["NAME"])
    if name != ":memory:" and "mode=memory" not in name:  # as Django's is_in_memory_db()
        raw = connection.connection  # open only if this request already used the database
        writes = (raw, int(raw.total_changes)) if raw is not None else (None, 0)
        return (*writes, file_version(name))
    connection.ensure_connection()
    raw = connection.connection
    row = raw.execute("PRAGMA data_version").fetchone()
    return (raw, int(raw.total_changes), int(row[0]))


def cached_on_db_state(name: str, compute: Callable[[], T]) -> T:
    """`compute()`, or its value from this thread's last call if the database is unchanged."""
    state = _state()
    if state is None:
        return compute()
    memo: dict[str, tuple[tuple[Any, ...], Any]] = _LOCAL.__dict__.setdefault("memo", {})
    hit = memo.get(name)
    if hit is not None and hit[0][0] is state[0] and hit[0][1:] == state[1:]:
        return hit[1]
    value = compute()
    memo[name] = (state, value)
    return value
