"""Run the Thai flags: readiness, shared relations, fences, flags; write the flag tables.

The run is the same for every engine; an `Engine` only knows how to execute the SQL (DuckDB
runs it as written, `spark.SparkEngine` transpiles it) and how to land the flag rows in the
warehouse connection being written (`warehouse.write()`: a new snapshot, switched only when the
whole run succeeded).
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import duckdb

from sodsong.config import env_str
from sodsong.procurement.indicators.thai import INDICATORS
from sodsong.procurement.indicators.thai.base import ThaiIndicator, render
from sodsong.procurement.indicators.thai.common import COMMON
from sodsong.procurement.indicators.thai.settings import ThaiSettings
from sodsong.procurement.indicators.thai.tables import clear_family, create_flag_tables
from sodsong.procurement.warehouse.keys import HASH_LENGTH

__all__ = ["DuckDBEngine", "Engine", "RunResult", "StatementTime", "compute", "flag_select", "run_id_for"]

FAMILY = "thai"


class Engine(Protocol):
    name: str
    # True: the flags and the readiness counts of every indicator are computed together at the
    # end (Spark: one job). False: each indicator's right after it, then its tables are dropped
    # (DuckDB: the memory of one indicator's tables at a time, not of all of them).
    batch: bool

    def materialize(self, name: str, sql: str) -> None: ...

    def drop(self, name: str) -> None: ...

    def rows(self, sql: str) -> list[tuple[Any, ...]]: ...

    def insert_flags(self, selects: Sequence[str], target: duckdb.DuckDBPyConnection) -> None: ...


class DuckDBEngine:
    """Runs the SQL on the warehouse connection itself (temporary tables vanish with it)."""

    name = "duckdb"
    batch = False

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        # Row order of the temporary relations and of `flag` is never read (every list is
        # sorted, every table compared as a set): not keeping it lets DuckDB work in parallel.
        con.execute("SET preserve_insertion_order = false")
        # Without a limit DuckDB keeps up to 80 % of the memory (14.7 GB peak for 10 M
        # projects); 7 GB ran 10 M projects in 7.2 GB, 5 GB ran out of memory building the
        # shared relations. SODSONG_FLAGS_MEMORY_LIMIT changes it (e.g. "20GB").
        con.execute("SET memory_limit = ?", [env_str("SODSONG_FLAGS_MEMORY_LIMIT", "7GB")])

    def materialize(self, name: str, sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")

    def drop(self, name: str) -> None:
        self.con.execute(f"DROP TABLE IF EXISTS {name}")

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        return self.con.execute(sql).fetchall()

    def insert_flags(self, selects: Sequence[str], target: duckdb.DuckDBPyConnection) -> None:
        for select in selects:
            target.execute(f"INSERT INTO flag {select}")


@dataclass(frozen=True)
class StatementTime:
    """One step of a run and what it cost: wall seconds and this process's CPU seconds (every
    thread; DuckDB's work, not a Spark cluster's), so a profile shows where to look first."""

    step: str  # e.g. "materialize th_process", "flags TH-NEAR-REF", "count TH-HIGH"
    seconds: float
    cpu_seconds: float


@dataclass
class RunResult:
    run_id: str
    engine: str
    flagged: dict[str, int] = field(default_factory=dict)
    not_computable: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0
    statements: list[StatementTime] = field(default_factory=list)

    def timed(self, step: str, work: Callable[..., Any], *args: Any) -> Any:
        """Run `work(*args)` and record its wall and CPU seconds under `step`."""
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return work(*args)
        finally:
            self.statements.append(StatementTime(step, time.perf_counter() - wall, time.process_time() - cpu))


def run_id_for(engine: str, now: dt.datetime) -> str:
    return f"thai-{engine}-{now.strftime('%Y%m%dT%H%M%S%f')}"


def flag_select(indicator: ThaiIndicator, sql: str, run_id: str) -> str:
    """The indicator's rows with the columns of the `flag` table, in its order."""
    code = indicator.code
    key = (
        f"concat('{code}', '|', coalesce(f.subject_kind, ''), '|', coalesce(f.subject_id, ''), '|', "
        "coalesce(f.process_id, ''))"
    )
    return (
        f"SELECT left(md5({key}), {HASH_LENGTH}) AS flag_id, '{run_id}' AS run_id, '{code}' AS indicator, "
        f"'{FAMILY}' AS family, f.subject_kind, f.subject_id, f.process_id, f.org_id, "
        "CAST(f.fiscal_year AS INTEGER) AS fiscal_year, CAST(f.value AS DOUBLE) AS value, "
        f"CAST(f.details AS VARCHAR) AS details FROM ({sql}) f"
    )


def _presence_sql(fields: Sequence[str]) -> str:
    parts = []
    for name in fields:
        table, _, column = name.partition(".")
        if "=" in column:
            column, _, value = column.partition("=")
            test = f"count(*) FILTER (WHERE {column} = '{value}')"
        else:
            test = f"count({column})"
        parts.append(f"SELECT '{name}' AS field, {test} AS n FROM {table}")
    return " UNION ALL ".join(parts)


def _present(con: duckdb.DuckDBPyConnection, indicators: Sequence[ThaiIndicator]) -> dict[str, bool]:
    """Which required fields have a value in at least one row (asked of the warehouse itself:
    a fact about the data, the same whichever engine computes the flags)."""
    fields = sorted({f for i in indicators for f in i.spec.required_fields})
    return {str(name): bool(n) for name, n in con.execute(_presence_sql(fields)).fetchall()}


def _last_use(indicators: Sequence[ThaiIndicator]) -> dict[int, list[str]]:
    """Per position in `indicators` (-1: before the first), the shared relations no indicator
    after it reads: an engine that runs one indicator at a time drops them there (at 10 M
    projects they are about 9 GB, more than the memory limit, if all are kept to the end)."""
    last: dict[str, int] = {}
    for name, _sql in COMMON:
        pattern = re.compile(rf"\b{name}\b")
        last[name] = -1
        for position, indicator in enumerate(indicators):
            texts = (indicator.flags, indicator.checked, indicator.fences or "", indicator.candidates or "")
            if any(pattern.search(text) for text in texts):
                last[name] = position
    drops: dict[int, list[str]] = {}
    for name, position in last.items():
        drops.setdefault(position, []).append(name)
    return drops


# Shared relations read only by a few indicators and big at 10 M projects (about 1 GB each):
# those indicators run first, so the relations are dropped before the rest run beside them.
EARLY = ("th_bid", "th_supplier")


def _run_order(indicators: Sequence[ThaiIndicator]) -> list[ThaiIndicator]:
    """The indicators in the order a one-indicator-at-a-time engine runs them: those reading an
    `EARLY` relation first (each group in its given order). The results do not depend on the
    order (flags, fences and readiness are sets of rows); the memory kept meanwhile does."""
    patterns = [re.compile(rf"\b{name}\b") for name in EARLY]

    def reads_early(indicator: ThaiIndicator) -> bool:
        texts = (indicator.flags, indicator.checked, indicator.fences or "", indicator.candidates or "")
        return any(p.search(text) for p in patterns for text in texts)

    return [i for i in indicators if reads_early(i)] + [i for i in indicators if not reads_early(i)]


def _built_from(unread: Sequence[str]) -> dict[str, list[str]]:
    """Per shared relation, the relations no indicator reads (`unread`) that it is the last one
    built from: dropped as soon as it is built (at 10 M projects `th_tally`, about 1 GB, is
    gone once `th_bid_multi` is built, which lowers the peak of the relations kept)."""
    drops: dict[str, list[str]] = {}
    for name in unread:
        pattern = re.compile(rf"\b{name}\b")
        readers = [reader for reader, sql in COMMON if pattern.search(sql)]
        drops.setdefault(readers[-1] if readers else name, []).append(name)
    return drops


def compute(
    con: duckdb.DuckDBPyConnection,
    settings: ThaiSettings,
    engine: Engine | None = None,
    indicators: Sequence[ThaiIndicator] = INDICATORS,
    writable: Callable[[], object] | None = None,
) -> RunResult:
    """Compute every indicator and replace the Thai rows of the flag tables on `con`.

    `writable`, when given, is called once the shared relations are built and before the first
    write (`warehouse.write_deferred()`: the snapshot copy is made meanwhile).
    """
    engine = engine or DuckDBEngine(con)
    started = dt.datetime.now(dt.UTC)
    clock = time.perf_counter()
    run_id = run_id_for(engine.name, started)
    result = RunResult(run_id, engine.name)
    present = result.timed("required fields", _present, con, indicators)
    order = list(indicators) if engine.batch else _run_order(indicators)
    unused = {} if engine.batch else _last_use(order)
    built_from = _built_from(unused.get(-1, []))
    for name, sql in COMMON:
        result.timed(f"materialize {name}", engine.materialize, name, sql)
        for source in built_from.get(name, []):
            engine.drop(source)
    if writable is not None:
        result.timed("wait for the snapshot copy", writable)
    create_flag_tables(con)
    result.timed("clear previous run", clear_family, con, FAMILY, [i.code for i in indicators])
    fences: list[tuple[Any, ...]] = []
    selects: list[str] = []
    # Indicators that check the same subjects share one count (the same SQL once).
    batched: dict[str, list[str]] = {}  # readiness count SQL -> the indicators it counts for
    counted: dict[str, int] = {}  # readiness count SQL -> its count
    checked: dict[str, int] = {}
    for position, indicator in enumerate(order):
        code = indicator.code
        missing = [f for f in indicator.spec.required_fields if not present[f]]
        if missing:
            result.not_computable[code] = missing
            for name in unused.get(position, []):
                engine.drop(name)
            continue
        values = settings.of(code)
        if indicator.candidates:
            candidates = render(indicator, indicator.candidates, values)
            result.timed(f"candidates {code}", engine.materialize, indicator.candidate_table, candidates)
        if indicator.fences:
            fence_sql = render(indicator, indicator.fences, values)
            result.timed(f"fences {code}", engine.materialize, indicator.fence_table, fence_sql)
            fences += [
                (run_id, code, *row)
                for row in engine.rows(
                    "SELECT group_key, n, q1, q3, lower_fence, upper_fence, threshold "
                    f"FROM {indicator.fence_table} ORDER BY group_key"
                )
            ]
        select = flag_select(indicator, render(indicator, indicator.flags, values), run_id)
        count = render(indicator, indicator.checked, values)
        if engine.batch:
            selects.append(select)
            batched.setdefault(count, []).append(code)
            checked[code] = -1
            continue
        result.timed(f"flags {code}", engine.insert_flags, [select], con)
        if count not in counted:
            counted[count] = int(result.timed(f"count {code}", engine.rows, count)[0][0])
        checked[code] = counted[count]
        for table in (indicator.candidate_table, indicator.fence_table, *unused.get(position, [])):
            engine.drop(table)
    if batched:
        union = " UNION ALL ".join(f"SELECT {k} AS k, c.* FROM ({sql}) c" for k, sql in enumerate(batched))
        codes_of = list(batched.values())
        for k, n in result.timed("counts", engine.rows, union):
            checked.update(dict.fromkeys(codes_of[int(k)], int(n)))
        result.timed("flags", engine.insert_flags, selects, con)
    flagged = dict(
        con.execute(
            "SELECT indicator, count(*) FROM flag WHERE run_id = ? GROUP BY indicator", [run_id]
        ).fetchall()
    )
    result.flagged = {code: int(flagged.get(code, 0)) for code in checked}
    readiness = [
        (
            run_id,
            i.code,
            i.code in checked,
            checked.get(i.code, 0),
            result.flagged.get(i.code, 0),
            ",".join(result.not_computable.get(i.code, [])),
        )
        for i in indicators
    ]
    con.executemany("INSERT INTO flag_readiness VALUES (?, ?, ?, ?, ?, ?)", readiness)
    if fences:
        con.executemany("INSERT INTO flag_fence VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", fences)
    result.seconds = time.perf_counter() - clock
    con.execute(
        "INSERT INTO flag_run VALUES (?, ?, ?, ?, ?, ?)",
        [run_id, engine.name, FAMILY, settings.to_json(), started, dt.datetime.now(dt.UTC)],
    )
    return result
