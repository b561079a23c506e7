"""Data readiness: how many rows have each column, how many compiled releases have each OCDS
path (Cardinal's `coverage` idea), and whether each indicator can be computed on this data.

Indicators come from the registry (`sodsong.procurement.indicators.REGISTRY`): an OCDS path in
`required_fields` must occur in at least one release; a warehouse column (`table.column`, the Thai
flags' fields) must have a value in at least one row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import duckdb
import orjson

from sodsong.procurement.warehouse.schema import TABLES

__all__ = ["THAI_REQUIRED", "Readiness", "column_coverage", "indicator_readiness", "path_coverage"]

# Thai flags the registry does not describe (yet) -> the warehouse columns each needs
# (`table.column`, or `table.column=value` for a row kind). Every Thai flag of the spec now has
# its module in `sodsong.procurement.indicators.thai`, so this is empty.
THAI_REQUIRED: dict[str, tuple[str, ...]] = {}


@dataclass(frozen=True)
class Readiness:
    """Whether one indicator can be computed, and what is missing."""

    code: str
    family: str
    computable: bool
    missing: tuple[str, ...]


def column_coverage(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, dict[str, int]]]:
    """Per table: (rows, {column: rows where it is not null})."""
    result: dict[str, tuple[int, dict[str, int]]] = {}
    for table in TABLES:
        counts = ", ".join(f'count("{c}")' for c in table.column_names)
        row = con.execute(f'SELECT count(*), {counts} FROM "{table.name}"').fetchone()
        assert row is not None
        result[table.name] = (int(row[0]), dict(zip(table.column_names, map(int, row[1:]), strict=True)))
    return result


def _paths(value: Any, prefix: str, found: set[str]) -> None:
    if isinstance(value, Mapping):
        for key, child in value.items():
            path = f"{prefix}/{key}" if prefix else str(key)
            if child is None or child == [] or child == {}:
                continue
            found.add(path)
            _paths(child, path, found)
    elif isinstance(value, list):
        for child in value:
            _paths(child, prefix, found)


def path_coverage(releases: Iterable[bytes]) -> tuple[int, Counter[str]]:
    """(releases, path -> releases having it); list positions are not part of a path."""
    counts: Counter[str] = Counter()
    total = 0
    for text in releases:
        total += 1
        found: set[str] = set()
        _paths(orjson.loads(text), "", found)
        counts.update(found)
    return total, counts


def _column_present(
    con: duckdb.DuckDBPyConnection, field: str, columns: dict[str, tuple[int, dict[str, int]]]
) -> bool:
    table, _, column = field.partition(".")
    if "=" in column:
        name, _, value = column.partition("=")
        row = con.execute(f'SELECT count(*) FROM "{table}" WHERE "{name}" = ?', [value]).fetchone()
        return bool(row and row[0])
    return columns.get(table, (0, {}))[1].get(column, 0) > 0


def indicator_readiness(
    con: duckdb.DuckDBPyConnection, paths: Counter[str], columns: dict[str, tuple[int, dict[str, int]]]
) -> list[Readiness]:
    """Every registered indicator (and every Thai flag of THAI_REQUIRED not yet registered)."""
    result: list[Readiness] = []
    registered: set[str] = set()
    from sodsong.procurement.indicators import REGISTRY

    for spec in REGISTRY:
        registered.add(spec.code)
        missing = tuple(
            f
            for f in spec.required_fields
            if not (_column_present(con, f, columns) if "." in f and "/" not in f else paths.get(f, 0) > 0)
        )
        result.append(Readiness(spec.code, spec.family, not missing, missing))
    for code, fields in THAI_REQUIRED.items():
        if code in registered:
            continue
        missing = tuple(f for f in fields if not _column_present(con, f, columns))
        result.append(Readiness(code, "thai", not missing, missing))
    return result
