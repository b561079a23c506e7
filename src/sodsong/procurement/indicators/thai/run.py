"""One run of the Thai flags as the CLI and the demo start it: a new warehouse snapshot."""

from __future__ import annotations

from pathlib import Path

from sodsong.procurement import warehouse
from sodsong.procurement.indicators.thai.engine import RunResult, compute
from sodsong.procurement.indicators.thai.settings import ThaiSettings

__all__ = ["run_flags"]


def run_flags(settings: ThaiSettings, engine: str = "duckdb", path: Path | None = None) -> RunResult:
    """Compute every flag in a new snapshot of the warehouse at `path` (default: the configured one)."""
    with warehouse.write(path) as con:
        if engine == "spark":
            from sodsong.procurement.indicators.thai.spark import SparkEngine

            with SparkEngine.from_warehouse(con) as spark_engine:
                return compute(con, settings, spark_engine)
        return compute(con, settings)
