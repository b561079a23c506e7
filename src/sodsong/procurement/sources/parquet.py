"""`sodsong import parquet DIR`: load the warehouse's own Parquet interchange layout.

The layout is what `sodsong export parquet DIR` and `sodsong generate` write: `DIR/<table>.parquet`
for tables of the schema and `DIR/manifest.json` (`schema_version`, row counts per table). The
whole folder is checked before anything is written (schema version, every file present and
readable, every column known and of the schema's type, row counts as in the manifest), then
loaded with DuckDB's `read_parquet` into a new snapshot that is switched in only when complete.

Rows replace warehouse rows with the same key (so importing the same folder again changes
nothing); `replace=True` starts from an empty warehouse instead. Name-match suggestions and
`same_address` relations are recomputed afterwards, as after every import.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from sodsong.procurement import warehouse
from sodsong.procurement.sources.common import SourceError
from sodsong.procurement.sources.egp_sql import sql_literal
from sodsong.procurement.sources.organisations import refresh_name_matches, refresh_same_address
from sodsong.procurement.warehouse.keys import define_key_macros
from sodsong.procurement.warehouse.schema import SCHEMA_VERSION, TABLES, Table

__all__ = ["MANIFEST", "ParquetFile", "check_folder", "import_parquet"]

MANIFEST = "manifest.json"
# Tables the warehouse fills itself: `meta` is written by create_schema (its version is checked
# instead), `province` is fixed reference data (its rows are replaced like any other table).
_SKIPPED = {"meta"}

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ParquetFile:
    """One checked file: its table, path, rows, and the schema columns it lacks (filled with null)."""

    table: Table
    path: Path
    rows: int
    missing: tuple[str, ...] = ()


@dataclass
class ParquetSummary:
    """What an import loaded: rows per table, and the files of the folder it ignored."""

    rows: dict[str, int] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _manifest(folder: Path) -> dict[str, int]:
    path = folder / MANIFEST
    if not folder.is_dir():
        raise SourceError(
            folder, "expected a directory written by `sodsong export parquet` or `sodsong generate`"
        )
    if not path.is_file():
        raise SourceError(path, "missing: expected the manifest (schema_version and row counts per table)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise SourceError(path, f"expected JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("tables"), dict):
        raise SourceError(path, 'expected an object with "schema_version" and "tables" (table -> row count)')
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise SourceError(
            path, f"schema_version is {version!r}, this code reads version {SCHEMA_VERSION}: export again"
        )
    tables = data["tables"]
    for name, count in tables.items():
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise SourceError(
                path, f"expected a row count (integer >= 0), got {count!r}", field=f"tables.{name}"
            )
    return {str(k): int(v) for k, v in tables.items()}


def _schema_types(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    """The DuckDB type name of every column as the warehouse declares it (normalised by DuckDB)."""
    types: dict[str, dict[str, str]] = {}
    for t in TABLES:
        rows = con.execute(f'DESCRIBE "{t.name}"').fetchall()
        types[t.name] = {str(r[0]): str(r[1]) for r in rows}
    return types


def check_folder(
    folder: Path, con: duckdb.DuckDBPyConnection | None = None
) -> tuple[list[ParquetFile], list[str]]:
    """Check a folder before importing it: the files to load (in schema order) and the names of
    files ignored (not tables of the schema). Raises SourceError naming the file, column and
    what was expected at the first problem."""
    counts = _manifest(folder)
    by_name = {t.name: t for t in TABLES}
    unknown = sorted(name for name in counts if name not in by_name)
    if unknown:
        raise SourceError(
            folder / MANIFEST, f"unknown tables {', '.join(unknown)}: expected tables of the schema"
        )
    own = con is None
    con = con or duckdb.connect()
    try:
        if own:
            from sodsong.procurement.warehouse.schema import create_schema

            create_schema(con)
        expected_types = _schema_types(con)
        checked: list[ParquetFile] = []
        for t in TABLES:
            if t.name not in counts or t.name in _SKIPPED:
                continue
            path = folder / f"{t.name}.parquet"
            if not path.is_file():
                raise SourceError(path, f"missing: the manifest lists {counts[t.name]:,} rows of {t.name}")
            try:
                described = con.execute(
                    f"DESCRIBE SELECT * FROM read_parquet({sql_literal(str(path))})"
                ).fetchall()
                row = con.execute(
                    f"SELECT sum(num_rows) FROM parquet_file_metadata({sql_literal(str(path))})"
                ).fetchone()
            except duckdb.Error as exc:
                raise SourceError(path, f"expected a Parquet file ({str(exc).splitlines()[0]})") from None
            columns = {str(r[0]): str(r[1]) for r in described}
            for name, found in columns.items():
                wanted = expected_types[t.name].get(name)
                if wanted is None:
                    raise SourceError(path, f"unknown column: {t.name} has no such column", field=name)
                if found != wanted:
                    raise SourceError(path, f"expected type {wanted}, found {found}", field=name)
            missing = tuple(c.name for c in t.columns if c.name not in columns)
            required = [c for c in missing if t.column(c).required]
            if required:
                raise SourceError(path, "missing required column", field=required[0])
            rows = int(row[0] or 0) if row else 0
            if rows != counts[t.name]:
                raise SourceError(
                    path, f"has {rows:,} rows, the manifest says {counts[t.name]:,} (incomplete copy?)"
                )
            checked.append(ParquetFile(t, path, rows, missing))
        listed = {f"{name}.parquet" for name in counts} | {MANIFEST}
        ignored = sorted(p.name for p in folder.iterdir() if p.name not in listed)
        return checked, ignored
    finally:
        if own:
            con.close()


def _load(con: duckdb.DuckDBPyConnection, item: ParquetFile) -> None:
    t = item.table
    source = f"read_parquet({sql_literal(str(item.path))})"
    present = [c for c in t.column_names if c not in item.missing]
    select = ", ".join(f'"{c}"' if c in present else f'NULL AS "{c}"' for c in t.column_names)
    has_rows = con.execute(f'SELECT EXISTS (SELECT 1 FROM "{t.name}")').fetchone()
    if has_rows and has_rows[0]:
        # Incoming rows replace those with the same key: importing a folder twice changes nothing.
        match = " AND ".join(f'"{t.name}"."{k}" = s."{k}"' for k in t.primary_key)
        keys = ", ".join(f'"{k}"' for k in t.primary_key)
        con.execute(f'DELETE FROM "{t.name}" USING (SELECT DISTINCT {keys} FROM {source}) s WHERE {match}')
    try:
        con.execute(f'INSERT INTO "{t.name}" SELECT {select} FROM {source}')
    except duckdb.Error as exc:
        raise SourceError(item.path, f"rows do not fit table {t.name}: {str(exc).splitlines()[0]}") from None


def import_parquet(
    folder: Path,
    *,
    replace: bool = False,
    warehouse_path: Path | None = None,
    progress: Progress | None = None,
) -> ParquetSummary:
    """Load a Parquet folder into a new snapshot (all or nothing); see the module docstring."""
    files, ignored = check_folder(folder)
    summary = ParquetSummary(ignored=ignored)
    with warehouse.write(warehouse_path, fresh=replace) as con:
        con.execute("SET enable_progress_bar = false")
        con.execute("SET preserve_insertion_order = false")
        define_key_macros(con)
        for number, item in enumerate(files, start=1):
            if progress:
                progress(item.table.name, number, len(files) + 1)
            _load(con, item)
            summary.rows[item.table.name] = item.rows
        if progress:
            progress("name matches and shared addresses", len(files) + 1, len(files) + 1)
        from sodsong.procurement.sources.runs import load_decisions

        refresh_name_matches(con, load_decisions())
        refresh_same_address(con)
    return summary
