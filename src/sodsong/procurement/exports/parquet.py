"""Every warehouse table as a Parquet file, with a manifest (the interchange format)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from sodsong.procurement.sources.egp_sql import sql_literal
from sodsong.procurement.warehouse.schema import SCHEMA_VERSION, TABLES

__all__ = ["export_parquet"]


def export_parquet(con: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, int]:
    """Write `<table>.parquet` for every table (sorted by its key, so the files are reproducible)
    and `manifest.json` (schema version, row counts); returns the counts."""
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table in TABLES:
        key = ", ".join(f'"{k}"' for k in table.primary_key)
        target = folder / f"{table.name}.parquet"
        con.execute(
            f'COPY (SELECT * FROM "{table.name}" ORDER BY {key}) TO {sql_literal(str(target))} '
            "(FORMAT parquet, COMPRESSION zstd)"
        )
        row = con.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()
        counts[table.name] = int(row[0]) if row else 0
    manifest = {"schema_version": SCHEMA_VERSION, "tables": counts}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return counts
