"""What the project, agency and company pages read, made while the search index is built.

`detail_queries` gives each page table as a sorted DuckDB query: the page rows are streamed from
them into SQLite (`page_rows.copy_page_rows`), and `copy_details` writes the few still read from
DuckDB (flags for the API, flag readiness) into the page-details file; `copy_page_aggregates` fills the index's per-page tables (counts by status,
by year, bid histograms, co-bidders). `copy_rows` streams DuckDB query results into SQLite in
Arrow batches, for every table of the index.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from sodsong.procurement.search.page_rows import copy_page_rows

__all__ = [
    "DETAIL_FILE_TABLES",
    "DETAIL_TABLES",
    "PagesJob",
    "batches",
    "copy_details",
    "copy_page_aggregates",
    "copy_rows",
    "detail_queries",
]

BATCH = 50_000


def batches(con: duckdb.DuckDBPyConnection, sql: str) -> Iterator[list[tuple[Any, ...]]]:
    reader = con.sql(sql).to_arrow_reader(BATCH)
    for batch in reader:
        columns = [column.to_pylist() for column in batch.columns]
        yield list(zip(*columns, strict=True))


def copy_rows(
    con: duckdb.DuckDBPyConnection, lite: sqlite3.Connection, sql: str, table: str, columns: int
) -> int:
    marks = ", ".join("?" * columns)
    total = 0
    for rows in batches(con, sql):
        lite.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)  # noqa: S608 - fixed table names
        total += len(rows)
    return total


DETAIL_TABLES = ("process", "item", "bid", "award", "contract", "flag", "org_flag", "organisation", "relation",
                 "sanction", "name_match", "flag_readiness", "source_file")  # fmt: skip
# What is still read from the page-details file once the page rows are in SQLite: the API's flag
# list and the flag readiness of the project page. The other tables go straight into SQLite.
DETAIL_FILE_TABLES = ("flag", "flag_readiness", "source_file")


def detail_queries(has_flags: bool, has_readiness: bool) -> dict[str, str]:
    """Each page table as a DuckDB query over the warehouse (`wh`) and the staging tables
    (`proj_small`, `org_map`), sorted by project number (`rid`) or organisation number (`org_rid`)
    so one page's rows lie together."""
    no_flags = (
        "SELECT NULL::VARCHAR AS flag_id, NULL::VARCHAR AS run_id, NULL::VARCHAR AS indicator, "
        "NULL::VARCHAR AS family, NULL::VARCHAR AS subject_kind, NULL::VARCHAR AS subject_id, "
        "NULL::VARCHAR AS process_id, NULL::VARCHAR AS org_id, NULL::INTEGER AS fiscal_year, "
        "NULL::DOUBLE AS value, NULL::VARCHAR AS details WHERE false"
    )
    flags = "wh.flag" if has_flags else f"({no_flags})"
    readiness = (
        "SELECT * FROM wh.flag_readiness"
        if has_readiness
        else "SELECT NULL::VARCHAR AS run_id, NULL::VARCHAR AS indicator, NULL::BOOLEAN AS computable, "
        "NULL::BIGINT AS subjects_checked, NULL::BIGINT AS subjects_flagged, NULL::VARCHAR AS missing_fields WHERE false"
    )
    queries = {
        "process": "SELECT p.rid, w.* FROM wh.process w JOIN proj_small p USING (process_id) ORDER BY p.rid",
        "item": "SELECT p.rid, i.* FROM wh.item i JOIN proj_small p USING (process_id) ORDER BY p.rid, i.item_no",
        "bid": """SELECT p.rid, b.*, coalesce(o.resolved_id, b.tenderer_id) AS org_id,
                  coalesce(r.name, o.name, b.tenderer_name) AS name
           FROM wh.bid b JOIN proj_small p USING (process_id)
           LEFT JOIN wh.organisation o ON o.org_id = b.tenderer_id
           LEFT JOIN wh.organisation r ON r.org_id = o.resolved_id
           ORDER BY p.rid, b.bid_id""",
        "award": """SELECT p.rid, a.*, s.org_id AS supplier_id, coalesce(r.name, o.name, a.winner_name) AS supplier_name,
                  coalesce(o.resolved_id, s.org_id) AS resolved_id
           FROM wh.award a JOIN proj_small p USING (process_id)
           LEFT JOIN wh.award_supplier s ON s.award_id = a.award_id
           LEFT JOIN wh.organisation o ON o.org_id = s.org_id
           LEFT JOIN wh.organisation r ON r.org_id = o.resolved_id
           ORDER BY p.rid, a.award_id""",
        "contract": "SELECT p.rid, c.* FROM wh.contract c JOIN proj_small p USING (process_id) "
        "ORDER BY p.rid, c.date_signed NULLS LAST, c.contract_id",
        "flag": "SELECT p.rid, f.* FROM {flags} f JOIN proj_small p USING (process_id) "
        "ORDER BY p.rid, f.indicator, f.flag_id",
        # A flag concerns each organisation it names: its org_id, its subject, both halves of a pair.
        "org_flag": """SELECT DISTINCT m.oid AS org_rid, f.* FROM {flags} f,
             unnest(list_distinct([f.org_id, f.subject_id] || string_split(coalesce(f.subject_id, ''), '|'))) u(who)
           JOIN org_map m ON m.org_id = u.who
           ORDER BY org_rid, f.fiscal_year DESC NULLS LAST, f.indicator, f.flag_id""",
        "organisation": "SELECT m.oid AS org_rid, o.* FROM wh.organisation o "
        "LEFT JOIN org_map m USING (org_id) ORDER BY org_rid NULLS LAST, o.org_id",
        "relation": "SELECT * FROM wh.relation ORDER BY object_id, subject_id",
        "sanction": "SELECT * FROM wh.sanction ORDER BY org_id",
        "name_match": "SELECT * FROM wh.name_match ORDER BY subject_id",
        "flag_readiness": "{readiness}",
        "source_file": "SELECT * FROM wh.source_file",
    }
    return {t: q.replace("{flags}", flags).replace("{readiness}", readiness) for t, q in queries.items()}


def copy_details(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    has_flags: bool,
    has_readiness: bool,
    tables: tuple[str, ...] = DETAIL_FILE_TABLES,
) -> None:
    """The page tables still read from DuckDB (`tables`; all of `DETAIL_TABLES` for a complete
    file, as indexes before the SQLite page rows had), written into a DuckDB file sorted by
    project number: a read then touches one row group per table."""
    con.execute(f"ATTACH '{path}' AS d")
    queries = detail_queries(has_flags, has_readiness)
    for table in tables:
        con.execute(f"CREATE TABLE d.{table} AS {queries[table]}")
    con.execute("DETACH d")


class PagesJob(threading.Thread):
    """The page-details file and the page-rows SQLite file, written by a thread of their own.

    The page rows are streamed from their sorted queries straight into SQLite: writing them into
    the DuckDB file first and reading them back cost twice the CPU of the query (bids at 1 M:
    11.0 + 1.9 CPU-s against 6.2).

    They need only the staging tables, and SQLite writes one file on one core: run beside the
    search tables (another file) the two single-core halves of the build overlap. DuckDB and
    SQLite release the interpreter lock while they work. The job has its own DuckDB cursor;
    `join` it before closing the connection, then `check` it.
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        details: Path,
        pages: Path,
        flags: tuple[bool, bool],
        say: Callable[[str], None],
    ) -> None:
        super().__init__(name="search-build-pages", daemon=True)
        self.con, self.details, self.pages, self.flags, self.say = con.cursor(), details, pages, flags, say
        self.seconds: dict[str, float] = {}
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            clock = time.perf_counter()
            copy_details(self.con, self.details, *self.flags)
            self._step("page details", clock)
            clock = time.perf_counter()
            copy_page_rows(self.con, self.pages, detail_queries(*self.flags))
            self._step("page rows", clock)
        except BaseException as exc:  # handed to the building thread by check()
            self.error = exc
        finally:
            self.con.close()

    def _step(self, name: str, started: float) -> None:
        self.seconds[name] = round(time.perf_counter() - started, 2)
        self.say(f"{name}: {self.seconds[name]:.1f} s (beside the search tables)")

    def stop(self) -> None:
        """Interrupt the job's query and wait for the thread (a build that failed elsewhere)."""
        if self.is_alive():
            with contextlib.suppress(duckdb.Error, RuntimeError):
                self.con.interrupt()
            self.join()

    def check(self) -> None:
        """Raise what the thread raised, in the caller."""
        if self.error is not None:
            raise self.error


def copy_page_aggregates(con: duckdb.DuckDBPyConnection, lite: sqlite3.Connection) -> None:
    lite.execute("BEGIN")
    copy_rows(con, lite, "SELECT status, n FROM status_n", "status_code", 2)
    copy_rows(
        con,
        lite,
        "SELECT fiscal_year, province_code, method, category, status, (flags > 0)::INTEGER, count(*), "
        "sum(budget), sum(contract_value), sum(flags)::BIGINT FROM proj GROUP BY ALL",
        "cube",
        10,
    )
    copy_rows(
        con,
        lite,
        """
        SELECT org, role, fiscal_year, count(*), sum(budget), sum(contract_value),
               count(*) FILTER (WHERE flags > 0), count(*) FILTER (WHERE method IS DISTINCT FROM 'open')
        FROM (SELECT buyer AS org, 'agency' AS role, * FROM proj_small WHERE buyer IS NOT NULL
              UNION ALL
              SELECT entity, 'agency', * FROM proj_small WHERE entity IS NOT NULL AND entity IS DISTINCT FROM buyer
              UNION ALL
              SELECT winner, 'winner', * FROM proj_small WHERE winner IS NOT NULL)
        GROUP BY org, role, fiscal_year
        """,
        "org_year",
        8,
    )
    copy_rows(
        con,
        lite,
        """
        SELECT org, role, province_code, count(*), sum(contract_value)
        FROM (SELECT buyer AS org, 'agency' AS role, * FROM proj_small WHERE buyer IS NOT NULL
              UNION ALL
              SELECT entity, 'agency', * FROM proj_small WHERE entity IS NOT NULL AND entity IS DISTINCT FROM buyer
              UNION ALL
              SELECT winner, 'winner', * FROM proj_small WHERE winner IS NOT NULL)
        WHERE province_code IS NOT NULL
        GROUP BY org, role, province_code
        """,
        "province_count",
        5,
    )
    copy_rows(
        con,
        lite,
        """
        SELECT org, winner, projects, value FROM (
            SELECT org, winner, count(*) AS projects, sum(contract_value) AS value,
                   row_number() OVER (PARTITION BY org ORDER BY sum(contract_value) DESC NULLS LAST, count(*) DESC,
                                      winner) AS rank
            FROM (SELECT buyer AS org, winner, contract_value FROM proj_small WHERE buyer IS NOT NULL
                  UNION ALL
                  SELECT entity, winner, contract_value FROM proj_small
                  WHERE entity IS NOT NULL AND entity IS DISTINCT FROM buyer)
            WHERE winner IS NOT NULL GROUP BY org, winner
        ) WHERE rank <= 20
        """,
        "winner_share",
        4,
    )
    # A company's page: the ten agencies (buyers) that paid it most, and the date of its first win
    # (read from every project it won at request time, hundreds of rows for a big winner at 10 M).
    # The sums add in project order and ties go by buyer descending, as SQLite's query did.
    copy_rows(
        con,
        lite,
        """
        SELECT winner, buyer, projects, value FROM (
            SELECT *, row_number() OVER (PARTITION BY winner ORDER BY value DESC NULLS LAST, buyer DESC) AS rank
            FROM (SELECT winner, buyer, count(*) AS projects, list_sum(list(contract_value ORDER BY rid)) AS value
                  FROM proj_small WHERE winner IS NOT NULL AND buyer IS NOT NULL GROUP BY winner, buyer)
        ) WHERE rank <= 10 ORDER BY winner, rank
        """,
        "winner_agency",
        4,
    )
    copy_rows(
        con,
        lite,
        "SELECT winner, min(date_published) FROM proj WHERE winner IS NOT NULL AND date_published IS NOT NULL "
        "GROUP BY winner",
        "winner_first",
        2,
    )
    # Bids against the reference price, in 5 % buckets (bucket 100 = exactly at the reference price).
    copy_rows(
        con,
        lite,
        "SELECT org, (floor(least(greatest(ratio, 0.5), 1.5) * 20) * 5)::INTEGER AS bucket, count(*) "
        "FROM bidder WHERE ratio IS NOT NULL GROUP BY ALL",
        "bid_hist",
        3,
    )
    # Co-bidders: for every bidder its 15 most frequent fellow bidders and who won those processes.
    copy_rows(
        con,
        lite,
        """
        SELECT org, other, together, org_wins, other_wins FROM (
            SELECT a.org, b.org AS other, count(*) AS together,
                   count(*) FILTER (WHERE p.winner = a.org) AS org_wins,
                   count(*) FILTER (WHERE p.winner = b.org) AS other_wins,
                   row_number() OVER (PARTITION BY a.org ORDER BY count(*) DESC, b.org) AS rank
            FROM bidder a
            JOIN bidder b ON a.process_id = b.process_id AND a.org <> b.org
            JOIN proj_small p ON p.process_id = a.process_id
            WHERE a.stage >= 2 AND b.stage >= 2
            GROUP BY a.org, b.org
        ) WHERE rank <= 15
        """,
        "cobid",
        5,
    )
    con.execute("CREATE TABLE bidder_totals AS SELECT org, count(*) AS n FROM bidder GROUP BY org")
    lite.execute("COMMIT")
