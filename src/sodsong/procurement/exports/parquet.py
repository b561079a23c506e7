"""Every warehouse table as a Parquet file, with a manifest (the interchange format)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import duckdb

from sodsong.procurement.sources.egp_sql import sql_literal
from sodsong.procurement.warehouse.schema import SCHEMA_VERSION, TABLES

__all__ = ["export_parquet"]


def export_parquet(con: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, int]:
    """Write `<table>.parquet` for every table (sorted by its key, so the files are reproducible)
    and `manifest.json` (schema version, row counts); returns the counts.

    The files are written into a staging directory beside `folder` and moved in once all are
    complete, the manifest last: a failed export leaves `folder` as it was, and a reader never
    sees a manifest without its tables."""
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".partial", dir=folder.parent))
    try:
        counts: dict[str, int] = {}
        for table in TABLES:
            key = ", ".join(f'"{k}"' for k in table.primary_key)
            target = staging / f"{table.name}.parquet"
            con.execute(
                f'COPY (SELECT * FROM "{table.name}" ORDER BY {key}) TO {sql_literal(str(target))} '
                "(FORMAT parquet, COMPRESSION zstd)"
            )
            row = con.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()
            counts[table.name] = int(row[0]) if row else 0
        manifest = {"schema_version": SCHEMA_VERSION, "tables": counts}
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
        (folder / "manifest.json").unlink(missing_ok=True)  # the old manifest goes first
        for name in (*(f"{table.name}.parquet" for table in TABLES), "manifest.json"):
            os.replace(staging / name, folder / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return counts
