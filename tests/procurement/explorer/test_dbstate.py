"""Values kept until the app database changes (`procurement/dbstate.py`), as the server uses them.

Under gunicorn Django's SQLite connection is closed after every request, so the memo must not
depend on it: a file database is watched through a connection of its own.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from django.db import connection

from sodsong.procurement.dbstate import cached_on_db_state, file_version


def _commit(path: Path, value: int) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE IF NOT EXISTS t (v INTEGER)")
    con.execute("INSERT INTO t VALUES (?)", [value])
    con.commit()
    con.close()


def test_file_version_moves_with_other_connections_commits_only(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite3"
    _commit(path, 1)
    first = file_version(str(path))
    assert file_version(str(path)) == first
    _commit(path, 2)
    second = file_version(str(path))
    assert second != first
    assert file_version(str(path)) == second
    path.unlink()
    _commit(path, 3)  # a new database under the same name
    assert file_version(str(path)) != second


def test_a_file_database_is_not_connected_to_per_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "app.sqlite3"
    _commit(path, 1)
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "NAME", str(path))
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert cached_on_db_state("test_value", compute) == 1
    assert cached_on_db_state("test_value", compute) == 1  # a request after: nothing changed
    assert connection.connection is None  # no Django connection was opened for the check
    _commit(path, 2)  # e.g. staff confirmed a link in another process
    assert cached_on_db_state("test_value", compute) == 2
    assert cached_on_db_state("test_value", compute) == 2
