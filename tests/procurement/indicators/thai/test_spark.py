"""The Spark engine computes the same flag tables as DuckDB (same SQL, transpiled by sqlglot),
on a generated dataset of 10,000 projects with every anomaly planted.

One Spark session for the module (starting the JVM takes most of the time)."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path
from typing import Any

import pytest

from sodsong.procurement import warehouse
from sodsong.procurement.indicators.thai import SPECS
from sodsong.procurement.indicators.thai.run import run_flags
from sodsong.procurement.indicators.thai.settings import load_settings
from sodsong.procurement.indicators.thai.spark import to_spark

PROJECTS = 10_000

FLAG_SQL = (
    "SELECT flag_id, indicator, family, subject_kind, subject_id, process_id, org_id, fiscal_year, value, details "
    "FROM flag ORDER BY flag_id"
)
FENCE_SQL = (
    "SELECT indicator, group_key, n, q1, q3, lower_fence, upper_fence, threshold FROM flag_fence ORDER BY ALL"
)
READY_SQL = "SELECT indicator, computable, subjects_checked, subjects_flagged, missing_fields FROM flag_readiness ORDER BY ALL"


def _same(a: Any, b: Any) -> bool:
    """Equal values; floats to 12 significant digits (JSON text of a number may differ in form
    between the engines, e.g. 1e-05 and 1.0E-5, not in value)."""
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _tables(path: Path) -> dict[str, Any]:
    with warehouse.open(path) as con:
        flags = [(*row[:-1], json.loads(row[-1])) for row in con.execute(FLAG_SQL).fetchall()]
        return {
            "flag": flags,
            "flag_fence": con.execute(FENCE_SQL).fetchall(),
            "flag_readiness": con.execute(READY_SQL).fetchall(),
            "engines": con.execute("SELECT engine FROM flag_run").fetchall(),
        }


@pytest.fixture(scope="module")
def generated_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sodsong.procurement.generator import generate
    from sodsong.procurement.sources.parquet import import_parquet

    generated = generate(tmp_path_factory.mktemp("gen") / "out", PROJECTS, seed=11, anomaly_rate=0.05)
    path = tmp_path_factory.mktemp("wh") / "warehouse.duckdb"
    import_parquet(generated.folder, warehouse_path=path)
    shutil.rmtree(generated.folder, ignore_errors=True)
    return path


@pytest.mark.spark
@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_spark_equals_duckdb_on_generated_projects(generated_warehouse: Path) -> None:
    with warehouse.open(generated_warehouse) as con:
        row = con.execute("SELECT count(*) FROM process").fetchone()
    assert row is not None and row[0] >= PROJECTS
    settings = load_settings(None, SPECS)
    run_flags(settings, engine="duckdb", path=generated_warehouse)
    duck = _tables(generated_warehouse)
    run_flags(settings, engine="spark", path=generated_warehouse)
    spark = _tables(generated_warehouse)
    assert duck["engines"] == [("duckdb",)] and spark["engines"] == [("spark",)]
    assert {f[1] for f in duck["flag"]} == {s.code for s in SPECS}  # every indicator fired: all compared
    assert len(duck["flag"]) == len(spark["flag"])
    different = [(d, s) for d, s in zip(duck["flag"], spark["flag"], strict=True) if not _same(d, s)]
    assert different == []
    assert len(duck["flag_fence"]) == len(spark["flag_fence"]) > 0
    assert all(_same(d, s) for d, s in zip(duck["flag_fence"], spark["flag_fence"], strict=True))
    assert duck["flag_readiness"] == spark["flag_readiness"]


def test_transpiled_sql_is_spark_sql() -> None:
    sql = to_spark("SELECT list_sort(list(x)), regexp_matches(m, 'a|b'), date_diff('day', a, b) FROM t")
    assert "ARRAY_SORT(COLLECT_LIST(x))" in sql and "RLIKE" in sql
