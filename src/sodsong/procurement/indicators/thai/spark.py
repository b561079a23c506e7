"""The Spark engine: the same indicator SQL, transpiled from DuckDB's dialect with sqlglot.

`SparkEngine.from_warehouse(con)` copies the tables the flags read (`common.SOURCE_TABLES`) from
the warehouse to Parquet, registers them as Spark views, and runs every statement of the run
through `sqlglot.transpile(sql, read="duckdb", write="spark")`; nothing is written twice by
hand. The flag rows come back through Parquet into the warehouse snapshot being written. Local
mode (`local[*]`) unless `SODSONG_SPARK_MASTER` names a cluster. Install with
`pip install sodsong[spark]` (needs a Java runtime).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import sqlglot

from sodsong.config import env_str
from sodsong.procurement.indicators.thai.common import SOURCE_TABLES

__all__ = ["SparkEngine", "session", "to_spark"]


def to_spark(sql: str) -> str:
    """DuckDB SQL as Spark SQL."""
    return str(sqlglot.transpile(sql, read="duckdb", write="spark")[0])


@cache
def session() -> Any:
    """One Spark session per process (starting one takes seconds)."""
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.appName("sodsong-flags")
        .master(env_str("SODSONG_SPARK_MASTER", "local[*]"))
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", env_str("SODSONG_SPARK_PARTITIONS", "2"))
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.jsonGenerator.ignoreNullFields", "false")
        .config("spark.driver.memory", env_str("SODSONG_SPARK_DRIVER_MEMORY", "2g"))
    )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


class SparkEngine:
    """Runs the run's SQL on Spark over Parquet copies of the warehouse tables."""

    name = "spark"
    batch = True

    def __init__(self, spark: Any, folder: Path) -> None:
        self.spark = spark
        self.folder = folder
        self.views: list[str] = []

    @classmethod
    @contextlib.contextmanager
    def from_warehouse(cls, con: duckdb.DuckDBPyConnection) -> Iterator[SparkEngine]:
        folder = Path(tempfile.mkdtemp(prefix="sodsong-spark-"))
        engine = cls(session(), folder)
        try:
            for table in SOURCE_TABLES:
                target = folder / f"{table}.parquet"
                con.execute(f"COPY (SELECT * FROM \"{table}\") TO '{target}' (FORMAT parquet)")
                engine.spark.read.parquet(str(target)).createOrReplaceTempView(table)
                engine.views.append(table)
            yield engine
        finally:
            engine.close()
            shutil.rmtree(folder, ignore_errors=True)

    def materialize(self, name: str, sql: str) -> None:
        self.spark.sql(f"UNCACHE TABLE IF EXISTS {name}")
        # Lazy: computed once, by the first query that reads it (each Spark job costs seconds).
        self.spark.sql(f"CACHE LAZY TABLE {name} AS {to_spark(sql)}")
        self.views.append(name)

    def drop(self, name: str) -> None:
        self.spark.sql(f"UNCACHE TABLE IF EXISTS {name}")
        self.spark.catalog.dropTempView(name)

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.spark.sql(to_spark(sql)).collect()]

    def insert_flags(self, selects: Sequence[str], target: duckdb.DuckDBPyConnection) -> None:
        if not selects:
            return
        union = " UNION ALL ".join(f"({to_spark(select)})" for select in selects)
        out = self.folder / "flags"
        self.spark.sql(union).write.mode("overwrite").parquet(str(out))
        target.execute(f"INSERT INTO flag SELECT * FROM read_parquet('{out}/*.parquet')")

    def close(self) -> None:
        for name in reversed(self.views):
            with contextlib.suppress(Exception):
                self.spark.sql(f"UNCACHE TABLE IF EXISTS {name}")
            self.spark.catalog.dropTempView(name)
        self.views.clear()
