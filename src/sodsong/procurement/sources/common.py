"""What every importer shares: errors, summaries, file identity and provenance rows."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

__all__ = [
    "FileSummary",
    "ImportSummary",
    "Rejection",
    "SourceError",
    "file_identity",
    "forget_file",
    "insert_rejections",
    "insert_rows",
    "redact_ids",
    "register_file",
]

VALUE_EXCERPT = 200


class SourceError(ValueError):
    """A file that cannot be imported at all: names the file, line, field and what was expected."""

    def __init__(
        self, file: str | Path, message: str, *, line: int | None = None, field: str | None = None
    ) -> None:
        where = str(file) if line is None else f"{file}, line {line}"
        if field:
            where += f", field {field}"
        super().__init__(f"{where}: {message}")
        self.file = str(file)
        self.line = line
        self.field = field


@dataclass(frozen=True)
class Rejection:
    """One refused record: where, which field, what was expected, and (an excerpt of) what was there."""

    file: str
    line: int
    field: str
    expected: str
    value: str | None = None

    def message(self) -> str:
        got = "" if self.value is None else f", got {self.value!r}"
        return f"{self.file}, line {self.line}, field {self.field}: expected {self.expected}{got}"


@dataclass
class FileSummary:
    """Counts for one file."""

    file: str
    source_file_id: str
    layout: str | None = None
    layout_note: str | None = None
    encoding: str | None = None
    read: int = 0
    imported: int = 0
    rejected: int = 0
    note: str | None = None


@dataclass
class ImportSummary:
    """Read / imported / rejected, per file and in all, with the rejections' reasons."""

    files: list[FileSummary] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    rejections_total: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def read(self) -> int:
        return sum(f.read for f in self.files)

    @property
    def imported(self) -> int:
        return sum(f.imported for f in self.files)

    @property
    def rejected(self) -> int:
        return sum(f.rejected for f in self.files)

    def reasons(self) -> Counter[str]:
        """How many rejections per field and expectation (over every file)."""
        return Counter(f"{r.field}: expected {r.expected}" for r in self.rejections)


def file_identity(path: Path) -> tuple[str, str, int]:
    """(source_file_id, sha256, size): the id is derived from the content, so the same bytes
    imported again (under any name) are recognised as the same source."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(8 << 20):
            digest.update(chunk)
            size += len(chunk)
    hexdigest = digest.hexdigest()
    return f"f-{hexdigest[:20]}", hexdigest, size


def forget_file(con: duckdb.DuckDBPyConnection, source_file_id: str, tables: tuple[str, ...]) -> None:
    """Remove every row an earlier import of this file left, before importing it again."""
    for table in (*tables, "source_row", "rejection", "source_file"):
        con.execute(f'DELETE FROM "{table}" WHERE source_file_id = ?', [source_file_id])


def register_file(
    con: duckdb.DuckDBPyConnection,
    summary: FileSummary,
    *,
    source_kind: str,
    path: Path,
    sha256: str,
    size: int,
    attribution: str | None,
) -> None:
    """Write the source_file row for a file once its records are in."""
    con.execute(
        "INSERT INTO source_file VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            summary.source_file_id,
            source_kind,
            path.name,
            sha256,
            size,
            summary.encoding,
            summary.layout,
            summary.layout_note,
            summary.read,
            summary.imported,
            summary.rejected,
            attribution,
        ],
    )


def excerpt(value: str | None) -> str | None:
    """A value cut to VALUE_EXCERPT characters for error messages and the rejection table."""
    if value is None:
        return None
    return value if len(value) <= VALUE_EXCERPT else value[:VALUE_EXCERPT] + "…"


_PERSON_ID = re.compile(r"(?<![0-9])[1-9][0-9]{8}(?:[0-9]{4}|[xX]{4})(?![0-9])")


def redact_ids(text: str | None) -> str | None:
    """Hide anything shaped like a citizen id (13 digits not starting with 0, or e-GP's masked
    `310170127xxxx`) before a value goes into a message or the rejection table."""
    if text is None:
        return None
    return _PERSON_ID.sub("[person id withheld]", text)


def insert_rows(
    con: duckdb.DuckDBPyConnection, table_name: str, rows: list[dict[str, Any]], *, into: str | None = None
) -> None:
    """Insert dict rows (missing columns are NULL) through Arrow: one statement per batch.

    `into` names another table of the same shape (e.g. a temporary staging table)."""
    if not rows:
        return
    import pyarrow as pa

    from sodsong.procurement.warehouse.schema import table

    columns = table(table_name).column_names
    schema = con.sql(f'SELECT * FROM "{table_name}" LIMIT 0').to_arrow_table().schema
    batch = pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows], schema=schema)
    con.register("_rows", batch)
    try:
        con.execute(f'INSERT INTO "{into or table_name}" SELECT * FROM _rows')
    finally:
        con.unregister("_rows")


def insert_rejections(
    con: duckdb.DuckDBPyConnection, source_file_id: str, rejections: list[Rejection]
) -> None:
    """One `rejection` row per refused record: the file, line, field, what was expected and got."""
    insert_rows(
        con,
        "rejection",
        [
            {
                "source_file_id": source_file_id,
                "source_line": r.line,
                "field": r.field,
                "expected": r.expected,
                "value": r.value,
            }
            for r in rejections
        ],
    )
