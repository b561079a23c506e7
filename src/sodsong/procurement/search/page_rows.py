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

__all__ = ["ORG_TABLES", "PAGE_TABLES", "copy_page_rows", "ingest", "page_rows", "typed_rows"]

PAGE_TABLES = ("process", "item", "bid", "award", "contract", "flag")
# What the company and agency pages read, by the columns they look rows up with: the same move
# as the project rows (DuckDB scanned `relation` and `name_match` whole for an `OR` condition).
ORG_TABLES: dict[str, tuple[str, ...]] = {
    "organisation": ("org_rid", "org_id"),
    "org_flag": ("org_rid",),
    "relation": ("object_id", "subject_id"),
    "sanction": ("org_id", "juristic_id"),
    "name_match": ("subject_id", "candidate_id"),
}
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


def copy_page_rows(con: duckdb.DuckDBPyConnection, target: Path, queries: dict[str, str]) -> int:
    """Copy the page tables (each a DuckDB query, see `build_pages.detail_queries`) into
    `page_<table>` tables of a new SQLite file.

    Called before anything else opens `target`: it sets the page size. Arrow batches go straight
    from DuckDB into SQLite through the ADBC driver (C all the way; a third of the CPU time of
    turning every value into a Python object for `executemany`), else through `sqlite3`.
    """
    try:
        import adbc_driver_sqlite.dbapi as adbc
    except ImportError:  # pragma: no cover - the driver is a dependency; kept as a fallback
        adbc = None  # type: ignore[assignment]
    if adbc is None:  # pragma: no cover
        lite = sqlite3.connect(str(target), isolation_level=None)
        try:
            return _copy_tables(con, lite, None, queries)
        finally:
            lite.close()
    with adbc.connect(str(target), autocommit=True) as fast:
        with fast.cursor() as cursor:  # no journal, no fsync: the file is renamed in when whole
            for pragma in ("journal_mode = OFF", "synchronous = OFF"):
                cursor.execute(f"PRAGMA {pragma}")
                cursor.fetchall()
        lite = sqlite3.connect(str(target), isolation_level=None)
        try:
            return _copy_tables(con, lite, fast, queries)
        finally:
            lite.close()


def ingest(con: duckdb.DuckDBPyConnection, target: Path, table: str, sql: str) -> int | None:
    """Append the rows of a DuckDB query to an existing SQLite table through ADBC (the query's
    column names are the table's), in one transaction; None when the driver is missing, so the
    caller copies through `sqlite3` instead. The file must not be in a transaction elsewhere."""
    try:
        import adbc_driver_sqlite.dbapi as adbc
    except ImportError:  # pragma: no cover - the driver is a dependency
        return None
    reader = con.sql(sql).to_arrow_reader(50_000)
    with adbc.connect(str(target), autocommit=True) as fast, fast.cursor() as cursor:
        for pragma in ("journal_mode = OFF", "synchronous = OFF"):
            cursor.execute(f"PRAGMA {pragma}")
            cursor.fetchall()
        cursor.execute("BEGIN")
        total = cursor.adbc_ingest(table, reader, mode="append")
        cursor.execute("COMMIT")
    return int(total)


def _copy_tables(
    con: duckdb.DuckDBPyConnection, lite: sqlite3.Connection, fast: Any, queries: dict[str, str]
) -> int:
    """Tables are created and indexed through `lite`, rows written through `fast` (ADBC) if given;
    the two connections never hold the file at the same time."""
    for pragma in ("journal_mode = OFF", "synchronous = OFF", "page_size = 8192"):
        lite.execute(f"PRAGMA {pragma}")
    total = 0
    tables = {t: ("rid",) for t in PAGE_TABLES} | ORG_TABLES
    for table, keys in tables.items():
        described = con.execute(f"DESCRIBE {queries[table]}").fetchall()
        columns = [(str(r[0]), *_column(str(r[0]), str(r[1]))) for r in described]
        decls = ", ".join('"' + n.replace('"', '""') + f'" {d}' for n, d, _e in columns)
        lite.execute(f"CREATE TABLE page_{table} ({decls})")
        select = ", ".join(e + ' AS "' + n.replace('"', '""') + '"' for n, _d, e in columns)
        reader = con.sql(f"SELECT {select} FROM ({queries[table]})").to_arrow_reader(50_000)
        if fast is not None:
            with fast.cursor() as cursor:  # one transaction per table
                cursor.execute("BEGIN")
                total += cursor.adbc_ingest(f"page_{table}", reader, mode="append")
                cursor.execute("COMMIT")
        else:  # pragma: no cover
            marks = ", ".join("?" * len(columns))
            lite.execute("BEGIN")
            for batch in reader:
                rows = list(zip(*(c.to_pylist() for c in batch.columns), strict=True))
                lite.executemany(f"INSERT INTO page_{table} VALUES ({marks})", rows)
                total += len(rows)
            lite.execute("COMMIT")
        for key in keys:
            lite.execute(f"CREATE INDEX page_{table}_{key} ON page_{table}({key})")
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


_Shape = tuple[list[str], list[Callable[[Any], Any] | None]]
# (connection id, table) -> (the connection, its shape): holding the connection keeps its id from
# being reused by a newer connection (to a rebuilt index) while the entry exists.
_SHAPES: dict[tuple[int, str], tuple[sqlite3.Connection, _Shape]] = {}


def _cached_shape(con: sqlite3.Connection, table: str) -> _Shape:
    """A table's columns and readers, asked once per connection (`PRAGMA table_info` per page
    read was a visible share of a project page)."""
    key = (id(con), table)
    found = _SHAPES.get(key)
    if found is None or found[0] is not con:
        if len(_SHAPES) > 256:
            _SHAPES.clear()
        found = _SHAPES[key] = (con, _shape(con, table))
    return found[1]


def typed_rows(
    con: sqlite3.Connection, sql: str, params: list[Any], tables: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Rows of a query over page tables as dicts, each column read back by its name's declared
    type in `tables` (`relation` for `page_relation`; a name has the same type in all of them)."""
    readers: dict[str, Callable[[Any], Any] | None] = {}
    for table in tables:
        names, table_readers = _cached_shape(con, table)
        for name, read in zip(names, table_readers, strict=True):
            readers.setdefault(name, read)
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description or []]
    shape = [readers.get(n) for n in names]
    return [
        {n: v if v is None or r is None else r(v) for n, r, v in zip(names, shape, row, strict=True)}
        for row in cursor.fetchall()
    ]


def page_rows(con: sqlite3.Connection, table: str, rid: int, order: str = "") -> list[dict[str, Any]]:
    """One project's rows of a page table as dicts (without `rid`), typed as DuckDB gives them."""
    names, readers = _cached_shape(con, table)
    sql = f"SELECT * FROM page_{table} WHERE rid = ? ORDER BY {order + ', ' if order else ''}rowid"
    result = []
    for row in con.execute(sql, [rid]):
        record = {}
        for name, read, value in zip(names, readers, row, strict=True):
            if name != "rid":
                record[name] = value if value is None or read is None else read(value)
        result.append(record)
    return result
