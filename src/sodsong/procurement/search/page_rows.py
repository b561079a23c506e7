# ruff: noqa: S608 - table and column names come from the fixed PAGE_TABLES and DuckDB's own DESCRIBE
"""A project page's own rows (process, items, bids, awards, contracts, flags) in the SQLite index.

DuckDB reads a whole compressed column segment to return one project's bids: 20-50 ms per table
when the block is not in its buffer pool, so a project page cost 6 of those. SQLite finds the same
rows through a b-tree on the project number in well under a millisecond. The rows are copied at
build time from the page-details file into `page_<table>` tables; values SQLite has no type for
are stored as text or integers under a declared type that says how to read them back
(DECIMAL_TEXT, DATE_TEXT, TIMESTAMP_US, TIMESTAMPTZ_US, BOOLEAN_INT), so the pages get the same
Decimal, date and datetime values the DuckDB file gives.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

__all__ = ["PAGE_TABLES", "copy_page_rows", "page_rows"]

PAGE_TABLES = ("process", "item", "bid", "award", "contract", "flag")
_EPOCH = dt.datetime(1970, 1, 1)
_EPOCH_UTC = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _column(name: str, kind: str) -> tuple[str, str]:
    """(SQLite declaration, DuckDB expression) for one column."""
    quoted = '"' + name.replace('"', '""') + '"'
    kind = kind.upper()
    if kind.startswith("DECIMAL"):
        return "DECIMAL_TEXT", f"CAST({quoted} AS VARCHAR)"
    if kind == "DATE":
        return "DATE_TEXT", f"CAST({quoted} AS VARCHAR)"
    if kind == "TIMESTAMP WITH TIME ZONE":
        return "TIMESTAMPTZ_US", f"epoch_us({quoted})"
    if kind.startswith("TIMESTAMP"):
        return "TIMESTAMP_US", f"epoch_us({quoted})"
    if kind == "BOOLEAN":
        return "BOOLEAN_INT", f"CAST({quoted} AS INTEGER)"
    if kind in ("DOUBLE", "FLOAT", "REAL"):
        return "REAL", quoted
    if kind in ("INTEGER", "BIGINT", "SMALLINT", "TINYINT", "HUGEINT", "UBIGINT", "UINTEGER"):
        return "INTEGER", quoted
    return "TEXT", f"CAST({quoted} AS VARCHAR)"


def copy_page_rows(con: duckdb.DuckDBPyConnection, lite: sqlite3.Connection, details: Path) -> int:
    """Copy the page tables of a page-details file into `page_<table>` tables of the index."""
    con.execute(f"ATTACH '{details}' AS page_src (READ_ONLY)")
    total = 0
    try:
        for table in PAGE_TABLES:
            described = con.execute(f"DESCRIBE page_src.{table}").fetchall()
            columns = [(str(r[0]), *_column(str(r[0]), str(r[1]))) for r in described]
            decls = ", ".join('"' + n.replace('"', '""') + f'" {d}' for n, d, _e in columns)
            lite.execute(f"CREATE TABLE page_{table} ({decls})")
            marks = ", ".join("?" * len(columns))
            select = ", ".join(e for _n, _d, e in columns)
            lite.execute("BEGIN")
            reader = con.sql(f"SELECT {select} FROM page_src.{table}").to_arrow_reader(50_000)
            for batch in reader:
                rows = list(zip(*(c.to_pylist() for c in batch.columns), strict=True))
                lite.executemany(f"INSERT INTO page_{table} VALUES ({marks})", rows)
                total += len(rows)
            lite.execute("COMMIT")
            lite.execute(f"CREATE INDEX page_{table}_rid ON page_{table}(rid)")
    finally:
        con.execute("DETACH page_src")
    return total


def _timestamp(value: int) -> dt.datetime:
    return _EPOCH + dt.timedelta(microseconds=value)


def _timestamp_tz(value: int) -> dt.datetime:
    return _EPOCH_UTC + dt.timedelta(microseconds=value)


_READERS: dict[str, Callable[[Any], Any]] = {
    "DECIMAL_TEXT": Decimal,
    "DATE_TEXT": dt.date.fromisoformat,
    "TIMESTAMP_US": _timestamp,
    "TIMESTAMPTZ_US": _timestamp_tz,
    "BOOLEAN_INT": bool,
}


def _reader(declared: str) -> Callable[[Any], Any] | None:
    return _READERS.get(declared.upper())


def _shape(con: sqlite3.Connection, table: str) -> tuple[list[str], list[Callable[[Any], Any] | None]]:
    info = con.execute(f"PRAGMA table_info(page_{table})").fetchall()
    return [str(r[1]) for r in info], [_reader(str(r[2])) for r in info]


def page_rows(con: sqlite3.Connection, table: str, rid: int, order: str = "") -> list[dict[str, Any]]:
    """One project's rows of a page table as dicts (without `rid`), typed as DuckDB gives them."""
    names, readers = _shape(con, table)
    sql = f"SELECT * FROM page_{table} WHERE rid = ? ORDER BY {order + ', ' if order else ''}rowid"
    result = []
    for row in con.execute(sql, [rid]):
        record = {}
        for name, read, value in zip(names, readers, row, strict=True):
            if name != "rid":
                record[name] = value if value is None or read is None else read(value)
        result.append(record)
    return result
