"""Values read from the app database, kept per thread until the database may have changed.

Every project, agency and company page asked the app database two aggregate queries for its
ETag (the citizen cases linked to projects) and a project page two more for its linked cases,
although those tables change a few times a day. On SQLite, `PRAGMA data_version` moves whenever
another connection commits and `total_changes` whenever this connection writes, so together
with the connection itself they say "nothing can have changed" for the price of one pragma.
Other databases get the value computed every time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["cached_on_db_state"]

T = TypeVar("T")
_LOCAL = threading.local()


def _state() -> tuple[Any, int, int] | None:
    from django.db import connection

    if connection.vendor != "sqlite":
        return None
    connection.ensure_connection()
    raw = connection.connection
    row = raw.execute("PRAGMA data_version").fetchone()
    return (raw, int(row[0]), int(raw.total_changes))


def cached_on_db_state(name: str, compute: Callable[[], T]) -> T:
    """`compute()`, or its value from this thread's last call if the database is unchanged."""
    state = _state()
    if state is None:
        return compute()
    memo: dict[str, tuple[tuple[Any, int, int], Any]] = _LOCAL.__dict__.setdefault("memo", {})
    hit = memo.get(name)
    if hit is not None and hit[0][0] is state[0] and hit[0][1:] == state[1:]:
        return hit[1]
    value = compute()
    memo[name] = (state, value)
    return value
