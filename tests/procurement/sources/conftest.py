"""Fixtures for importer tests: run an import into the test's own warehouse and read it back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from sodsong.procurement import warehouse
from sodsong.procurement.sources.common import ImportSummary
from sodsong.procurement.sources.runs import import_egp


@pytest.fixture
def egp(warehouse_path: Path) -> Callable[..., ImportSummary]:
    """`egp(path, ...)` imports e-GP files into this test's warehouse."""

    def run(*paths: Path, **options: Any) -> ImportSummary:
        return import_egp(list(paths), warehouse_path=warehouse_path, **options)

    return run


@pytest.fixture
def query(warehouse_path: Path) -> Callable[..., list[tuple[Any, ...]]]:
    """`query(sql, params)` against the current snapshot (read-only)."""

    def run(sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        with warehouse.open(warehouse_path) as con:
            return con.execute(sql, params or []).fetchall()

    return run


def one(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> tuple[Any, ...]:
    row = con.execute(sql, params or []).fetchone()
    assert row is not None
    return row
