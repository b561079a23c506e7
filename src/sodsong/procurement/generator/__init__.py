# ruff: noqa: S608 - statements are built from the schema and the generator's constants, never from input
"""`sodsong generate`: synthetic e-GP-shaped procurement data at any scale, with planted anomalies.

Writes the warehouse's Parquet interchange layout (`DIR/<table>.parquet` and `manifest.json`,
what `sodsong export parquet` writes, so `sodsong import parquet DIR` loads it) plus
`DIR/ground_truth.csv`, the anomalies planted and where. Every value is drawn in DuckDB from a
hash of (row, purpose, seed): the same seed gives byte-identical files, and each table is one
streaming query, so 10 M processes need no more memory than the small dimension tables.
Distributions and planting rules: docs/synthetic-data.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from sodsong.procurement.generator.base import base_query, define_macros, make_plan_ids
from sodsong.procurement.generator.entities import build_companies, build_dimensions
from sodsong.procurement.generator.plan import BLOCK_CODES, PROCESS_CODES, Sizes, sizes
from sodsong.procurement.generator.tables import table_queries
from sodsong.procurement.generator.truth import COLUMNS, truth_query
from sodsong.procurement.sources.egp_sql import sql_literal
from sodsong.procurement.warehouse.schema import SCHEMA_VERSION, TABLES, Table, create_schema

__all__ = ["ATTRIBUTION", "CODES", "GROUND_TRUTH", "Generated", "generate"]

GROUND_TRUTH = "ground_truth.csv"
CODES = PROCESS_CODES + BLOCK_CODES
ATTRIBUTION = (
    "ข้อมูลสังเคราะห์ สร้างด้วย sodsong generate ไม่ใช่ข้อมูลจริง "
    "(synthetic data made by sodsong generate, not real procurement)"
)
Progress = Callable[[str, int, int], None]
# How the tables are written: zstd at its fastest level. Writing the Parquet files is most of the
# generator's CPU (the draws are cheap); level 1 took about 15 % off generating and the files are
# 4 % larger (docs/benchmarks.md). The import reads them as fast as level 3.
PARQUET = "FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1"


@dataclass
class Generated:
    """What was written: rows per table, planted anomalies per code, seconds per step."""

    folder: Path
    sizes: Sizes
    rows: dict[str, int] = field(default_factory=dict)
    planted: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def _typed_select(con: duckdb.DuckDBPyConnection, t: Table, queries: list[str]) -> str:
    """The queries' columns cast to the table's types, in the table's order, null where absent."""
    types = {str(r[0]): str(r[1]) for r in con.execute(f'DESCRIBE "{t.name}"').fetchall()}
    parts = []
    for query in queries:
        present = {str(r[0]) for r in con.execute(f"DESCRIBE {query}").fetchall()}
        columns = ", ".join(
            f'CAST(q."{c}" AS {types[c]}) AS "{c}"' if c in present else f'NULL::{types[c]} AS "{c}"'
            for c in t.column_names
        )
        parts.append(f"SELECT {columns} FROM ({query}) q")
    return " UNION ALL ".join(parts)


def generate(
    folder: Path,
    projects: int,
    *,
    seed: int = 1,
    anomaly_rate: float = 0.01,
    progress: Progress | None = None,
    memory_limit: str | None = None,
) -> Generated:
    """Write `projects` synthetic processes and everything around them into `folder`."""
    if projects < 1:
        raise ValueError("projects must be at least 1")
    if not 0 <= anomaly_rate <= 0.2:
        raise ValueError("anomaly_rate must be between 0 and 0.2")
    z = sizes(projects, seed, anomaly_rate)
    result = Generated(folder, z)
    folder.mkdir(parents=True, exist_ok=True)
    work = folder / ".generate"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    digest = hashlib.sha256(f"sodsong-generate|{projects}|{seed}|{anomaly_rate!r}".encode()).hexdigest()
    steps = len(TABLES) + 3
    started = time.perf_counter()

    def step(name: str, number: int) -> None:
        if progress:
            progress(name, number, steps)

    con = duckdb.connect(config={"temp_directory": str(work / "spill")})
    try:
        con.execute("SET TimeZone = 'UTC'")
        con.execute("SET enable_progress_bar = false")
        if memory_limit:
            con.execute(f"SET memory_limit = {sql_literal(memory_limit)}")
        create_schema(con)
        define_macros(con, seed)
        step("plan", 1)
        build_dimensions(con, z)
        make_plan_ids(con, z.projects)
        base = str(work / "base.parquet")
        con.execute(f"COPY ({base_query(z)}) TO {sql_literal(base)} ({PARQUET})")
        build_companies(con, z, base)
        result.seconds["plan"] = round(time.perf_counter() - started, 2)
        queries = table_queries(z, base, digest, ATTRIBUTION)
        groups = {"organisation": ["organisation", "organisation_company", "organisation_person"]}
        for number, t in enumerate(TABLES, start=2):
            step(t.name, number)
            mark = time.perf_counter()
            parts = [queries[q] for q in groups.get(t.name, [t.name]) if q in queries]
            select = _typed_select(con, t, parts) if parts else f'SELECT * FROM "{t.name}"'
            if t.name in ("organisation", "relation", "sanction"):
                # Unions of small queries: sorted so that the file is the same whatever the threads did.
                select = f"SELECT * FROM ({select}) ORDER BY {', '.join(t.primary_key)}"
            target = work / f"{t.name}.parquet"
            con.execute(f"COPY ({select}) TO {sql_literal(str(target))} ({PARQUET})")
            row = con.execute(
                f"SELECT sum(num_rows) FROM parquet_file_metadata({sql_literal(str(target))})"
            ).fetchone()
            result.rows[t.name] = int(row[0] or 0) if row else 0
            result.seconds[t.name] = round(time.perf_counter() - mark, 2)
        step("ground truth", steps - 1)
        truth = work / GROUND_TRUTH
        con.execute(f"COPY ({truth_query(z, base)}) TO {sql_literal(str(truth))} (HEADER, DELIMITER ',')")
        for code, count in con.execute(
            f"SELECT indicator, count(*) FROM read_csv({sql_literal(str(truth))}, header = true, all_varchar = true) "
            "GROUP BY ALL ORDER BY ALL"
        ).fetchall():
            result.planted[str(code)] = int(count)
    finally:
        con.close()
    manifest = {
        "schema_version": SCHEMA_VERSION,
        "tables": result.rows,
        "generator": {"projects": projects, "seed": seed, "anomaly_rate": anomaly_rate},
    }
    (work / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    for name in [f"{t.name}.parquet" for t in TABLES] + [GROUND_TRUTH, "manifest.json"]:
        (work / name).replace(folder / name)
    with contextlib.suppress(OSError):
        shutil.rmtree(work)
    step("done", steps)
    result.seconds["total"] = round(time.perf_counter() - started, 2)
    assert tuple(COLUMNS) == ("indicator", "subject_kind", "subject_id", "process_id", "details")
    return result
