"""Build the search index of one warehouse snapshot: `sodsong search build`.

DuckDB does the heavy lifting (joins, aggregates, text normalisation, in parallel) in a staging
file next to the index; Python only streams the finished rows into SQLite in Arrow batches. The
SQLite file holds:

- `project`: one row per process with every column the result lists, filters and sorts need,
  numbered in the default order (newest first), so `ORDER BY rowid` is the default sort and a
  query can stop after the first page;
- `project_fts`: an FTS5 index with the `trigram` tokenizer over the normalised project name and
  number: substring search on Thai without word segmentation (`ถนนคอนกรีต` is found inside
  `จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก`);
- `org` + `org_fts`: agencies and contractors with their totals, for the other two tabs;
- `cube`: project counts and sums by fiscal year, province, method, type, status and "flagged",
  so counts and summaries of filter-only searches are exact without scanning;
- `org_year`, `bid_hist`, `cobid`: what the agency and company pages draw.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import os
import resource
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from sodsong.config import env_str
from sodsong.procurement import warehouse
from sodsong.procurement.search.build_pages import PagesJob, copy_page_aggregates, copy_rows
from sodsong.procurement.search.facets import FACET_KINDS
from sodsong.procurement.search.page_rows import ingest
from sodsong.procurement.search.query import CATEGORIES, METHODS
from sodsong.procurement.search.store import detail_path, index_path, pages_path, prune_orphans

__all__ = ["INDEX_VERSION", "BuildResult", "build_index", "duckdb_normalise_macro"]

INDEX_VERSION = "1"
FTS_HASH_BYTES = 256 * 1024 * 1024
MEMORY_SHARE = 0.7  # of the machine's memory, when SODSONG_SEARCH_BUILD_MEMORY is not set
ANALYSIS_LIMIT = 1000  # rows ANALYZE samples per index: full scans took minutes at 10 M projects


def memory_limit() -> str:
    """DuckDB's memory limit for the build: the setting, else a share of the machine's memory.

    A fixed 8 GB ran out of memory staging 10 M projects (the joins that make one row per
    project hold more than that); the spilling operators keep the rest on disk."""
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return env_str("SODSONG_SEARCH_BUILD_MEMORY", f"{int(total * MEMORY_SHARE) // 2**20}MB")


# The SQL twin of sodsong.thai.normalize_text (a test checks they agree): NFC, zero-width
# characters removed, Thai digits to Arabic, white space folded.
_NORM_MACRO = (
    "CREATE OR REPLACE TEMP MACRO norm(x) AS trim(regexp_replace(translate("
    "regexp_replace(nfc_normalize(x), '[\\x{200b}\\x{200c}\\x{200d}\\x{2060}\\x{feff}]', '', 'g'), "
    "'๐๑๒๓๔๕๖๗๘๙', '0123456789'), '[\\s\\p{Z}\\x{0b}\\x{1c}-\\x{1f}\\x{85}]+', ' ', 'g'))"
)


def duckdb_normalise_macro() -> str:
    """The `norm(x)` macro, exposed so tests can compare it with the Python function."""
    return _NORM_MACRO


@dataclass
class BuildResult:
    """What a build produced and how long each step took."""

    path: Path
    snapshot: Path
    projects: int = 0
    organisations: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # user + system, all threads


SQLITE_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE project (
  rowid INTEGER PRIMARY KEY,
  process_id TEXT NOT NULL,
  project_no TEXT,
  title TEXT,
  buyer INTEGER,
  entity INTEGER,
  parent INTEGER,
  province_code TEXT,
  fiscal_year INTEGER,
  method TEXT,
  method_details TEXT,
  category TEXT,
  category_raw TEXT,
  status TEXT,
  budget REAL,
  reference_price REAL,
  contract_value REAL,
  amount REAL,
  winner INTEGER,
  winner_name TEXT,
  winners INTEGER,
  flags INTEGER NOT NULL,
  indicators TEXT,
  date_published TEXT,
  source_kind TEXT,
  status_n INTEGER
);
CREATE TABLE org (
  rowid INTEGER PRIMARY KEY,
  org_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  juristic_id TEXT,
  parent INTEGER,
  province_code TEXT,
  is_agency INTEGER NOT NULL,
  is_contractor INTEGER NOT NULL,
  projects INTEGER NOT NULL,
  budget REAL,
  contract_value REAL,
  flagged INTEGER NOT NULL,
  wins INTEGER NOT NULL,
  won_value REAL,
  bids INTEGER NOT NULL,
  resolved INTEGER
);
CREATE TABLE cube (
  fiscal_year INTEGER, province_code TEXT, method TEXT, category TEXT, status TEXT,
  flagged INTEGER NOT NULL, n INTEGER NOT NULL, budget REAL, contract_value REAL, flags INTEGER NOT NULL
);
CREATE TABLE org_year (
  org INTEGER NOT NULL, role TEXT NOT NULL, fiscal_year INTEGER, projects INTEGER NOT NULL,
  budget REAL, contract_value REAL, flagged INTEGER NOT NULL, non_open INTEGER NOT NULL
);
CREATE TABLE bid_hist (org INTEGER NOT NULL, bucket INTEGER NOT NULL, n INTEGER NOT NULL);
CREATE TABLE cobid (org INTEGER NOT NULL, other INTEGER NOT NULL, together INTEGER NOT NULL,
  org_wins INTEGER NOT NULL, other_wins INTEGER NOT NULL);
CREATE TABLE province_count (org INTEGER NOT NULL, role TEXT NOT NULL, province_code TEXT NOT NULL,
  projects INTEGER NOT NULL, value REAL);
CREATE TABLE winner_share (org INTEGER NOT NULL, winner INTEGER NOT NULL, projects INTEGER NOT NULL,
  value REAL);
CREATE TABLE winner_agency (org INTEGER NOT NULL, buyer INTEGER NOT NULL, projects INTEGER NOT NULL,
  value REAL);
CREATE TABLE winner_first (org INTEGER PRIMARY KEY, date_published TEXT NOT NULL);
CREATE TABLE status_code (status TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE source (source_file_id TEXT PRIMARY KEY, source_kind TEXT, file_name TEXT, attribution TEXT);
"""

SQLITE_INDEXES = """
CREATE UNIQUE INDEX project_process ON project(process_id);
CREATE INDEX project_no ON project(project_no);
CREATE INDEX project_buyer ON project(buyer);
CREATE INDEX project_entity ON project(entity);
CREATE INDEX project_parent ON project(parent);
CREATE INDEX project_winner ON project(winner);
CREATE INDEX project_fy ON project(fiscal_year);
CREATE INDEX project_province ON project(province_code);
CREATE INDEX project_flagged ON project(flags) WHERE flags > 0;
CREATE INDEX project_buyer_flagged ON project(buyer, flags DESC) WHERE flags > 0;
CREATE INDEX project_entity_flagged ON project(entity, flags DESC) WHERE flags > 0;
CREATE INDEX project_amount ON project(amount);
CREATE INDEX org_agencies ON org(budget) WHERE is_agency;
CREATE INDEX org_contractors ON org(won_value) WHERE is_contractor;
CREATE UNIQUE INDEX org_key ON org(org_id);
CREATE INDEX org_juristic ON org(juristic_id) WHERE juristic_id IS NOT NULL;
CREATE INDEX org_parent ON org(parent) WHERE parent IS NOT NULL;
CREATE INDEX org_year_org ON org_year(org, role);
CREATE INDEX cube_year ON cube(fiscal_year, flagged);
CREATE INDEX cube_province ON cube(province_code, method);
CREATE INDEX bid_hist_org ON bid_hist(org);
CREATE INDEX cobid_org ON cobid(org);
CREATE INDEX province_count_org ON province_count(org, role);
CREATE INDEX winner_share_org ON winner_share(org);
CREATE INDEX winner_agency_org ON winner_agency(org);
"""


def _facet_sql(kind: str, value: str) -> str:
    return f"char({FACET_KINDS[kind]}, 57600 + ({value}) / 256, 57600 + ({value}) % 256)"


# The text the FTS index reads: names, numbers and one 3-character facet code per filter value
# (see search.facets), so filters are answered inside the text index together with the words.
FACETS_VIEW = (
    "CREATE VIEW project_text AS SELECT rowid, title, project_no, "  # noqa: S608 - built from constants
    + " || ".join(
        _facet_sql(kind, value)
        for kind, value in (
            ("fiscal_year", "coalesce(fiscal_year, 0)"),
            ("province", "coalesce(CAST(substr(province_code, 3) AS INTEGER), 0)"),
            (
                "method",
                "coalesce(CASE method "
                + " ".join(f"WHEN '{m}' THEN {i + 1}" for i, m in enumerate(METHODS))
                + " END, 0)",
            ),
            (
                "category",
                "coalesce(CASE category "
                + " ".join(f"WHEN '{c}' THEN {i + 1}" for i, c in enumerate(CATEGORIES))
                + " END, 0)",
            ),
            ("status", "coalesce(status_n, 0)"),
            ("flagged", "(flags > 0)"),
        )
    )
    + " AS facets FROM project"
)


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'wh'").fetchall()
    return {r[0] for r in rows}


def _stage(con: duckdb.DuckDBPyConnection, has_flags: bool) -> None:
    """Staging tables in DuckDB: integer ids, one row per process, per-organisation totals."""
    con.execute(_NORM_MACRO)
    con.execute(
        """
        CREATE TABLE org_stage AS
        SELECT row_number() OVER (ORDER BY org_id) AS oid, org_id, kind, norm(name) AS name, juristic_id,
               parent_id, province_code, resolved_id
        FROM (SELECT DISTINCT ON (org_id) * FROM wh.organisation WHERE kind <> 'party' ORDER BY org_id)
        """
    )
    con.execute("CREATE TABLE org_map AS SELECT org_id, oid FROM org_stage")
    # The default order (newest fiscal year and date first) as numbers 1..n, sorted on the narrow
    # keys alone: a window over the wide project rows would sort every title with them.
    con.execute(
        "CREATE TABLE rid_order AS SELECT process_id FROM wh.process ORDER BY fiscal_year DESC NULLS LAST, "
        "date_published DESC NULLS LAST, project_no DESC NULLS LAST, process_id"
    )
    con.execute("CREATE TABLE rid_map AS SELECT process_id, rowid + 1 AS rid FROM rid_order")
    flags_cte = (
        "SELECT process_id, count(*) AS n, string_agg(DISTINCT indicator, ' ' ORDER BY indicator) AS codes "
        "FROM wh.flag WHERE process_id IS NOT NULL GROUP BY process_id"
        if has_flags
        else "SELECT NULL::VARCHAR AS process_id, 0 AS n, NULL::VARCHAR AS codes WHERE false"
    )
    con.execute(
        f"""
        CREATE TABLE proj AS
        WITH contracts AS (
            SELECT process_id, sum(value_amount) AS value FROM wh.contract
            WHERE coalesce(status, '') <> 'cancelled' AND value_amount IS NOT NULL GROUP BY process_id
        ), awards AS (
            SELECT process_id, sum(value_amount) FILTER (WHERE value_amount > 0) AS value FROM wh.award
            WHERE coalesce(status, 'active') NOT IN ('cancelled', 'unsuccessful') GROUP BY process_id
        ), winners AS (
            SELECT s.process_id,
                   arg_max(o.resolved_id, coalesce(a.value_amount, 0)) AS winner_id,
                   arg_max(coalesce(r.name, o.name, a.winner_name), coalesce(a.value_amount, 0)) AS winner_name,
                   count(DISTINCT o.resolved_id) AS winners
            FROM wh.award_supplier s
            JOIN wh.award a ON a.award_id = s.award_id
            JOIN wh.organisation o ON o.org_id = s.org_id
            LEFT JOIN wh.organisation r ON r.org_id = o.resolved_id
            WHERE coalesce(a.status, 'active') NOT IN ('cancelled', 'unsuccessful')
            GROUP BY s.process_id
        ), loose AS (
            SELECT process_id, arg_max(winner_name, coalesce(value_amount, 0)) AS winner_name FROM wh.award
            WHERE winner_name IS NOT NULL GROUP BY process_id
        ), flags AS ({flags_cte})
        SELECT
            rm.rid,
            p.process_id, p.project_no, norm(p.title) AS title,
            b.oid AS buyer, e.oid AS entity,
            coalesce(bp.oid, b.oid) AS parent,
            p.province_code, p.fiscal_year, p.procurement_method AS method, p.method_details,
            p.main_procurement_category AS category, p.category_raw, p.status_details AS status,
            p.budget::DOUBLE AS budget, p.reference_price::DOUBLE AS reference_price,
            coalesce(c.value, a.value)::DOUBLE AS contract_value,
            coalesce(p.budget, p.reference_price, c.value, a.value)::DOUBLE AS amount,
            w.oid AS winner, norm(coalesce(wn.winner_name, l.winner_name)) AS winner_name,
            coalesce(wn.winners, 0) AS winners,
            coalesce(f.n, 0) AS flags, f.codes AS indicators,
            strftime(p.date_published, '%Y-%m-%d') AS date_published, p.source_kind,
            p.procuring_entity_id, p.buyer_id
        FROM wh.process p
        JOIN rid_map rm ON rm.process_id = p.process_id
        LEFT JOIN org_map b ON b.org_id = p.buyer_id
        LEFT JOIN org_map e ON e.org_id = p.procuring_entity_id
        LEFT JOIN wh.organisation bo ON bo.org_id = p.buyer_id
        LEFT JOIN org_map bp ON bp.org_id = bo.parent_id
        LEFT JOIN contracts c ON c.process_id = p.process_id
        LEFT JOIN awards a ON a.process_id = p.process_id
        LEFT JOIN winners wn ON wn.process_id = p.process_id
        LEFT JOIN org_map w ON w.org_id = wn.winner_id
        LEFT JOIN loose l ON l.process_id = p.process_id
        LEFT JOIN flags f ON f.process_id = p.process_id
        """  # noqa: S608 - fixed SQL, no input
    )
    # Bids by resolved tenderer, one row per process and tenderer (its best stage and lowest price).
    con.execute(
        """
        CREATE TABLE bidder AS
        SELECT b.process_id, m.oid AS org,
               max(CASE b.stage WHEN 'priced' THEN 4 WHEN 'qualified' THEN 3 WHEN 'submitted' THEN 2 ELSE 1 END)
                   AS stage,
               min(b.amount)::DOUBLE AS amount,
               min(b.amount / nullif(coalesce(i.reference_price, p.reference_price), 0))::DOUBLE AS ratio
        FROM wh.bid b
        JOIN wh.organisation o ON o.org_id = b.tenderer_id
        JOIN org_map m ON m.org_id = o.resolved_id
        JOIN wh.process p ON p.process_id = b.process_id
        LEFT JOIN wh.item i ON i.item_id = b.item_id
        GROUP BY b.process_id, m.oid
        """
    )
    con.execute(
        "CREATE TABLE status_n AS SELECT status, row_number() OVER (ORDER BY status) AS n "
        "FROM (SELECT DISTINCT status FROM proj WHERE status IS NOT NULL)"
    )
    con.execute(
        "CREATE TABLE proj_small AS SELECT rid, process_id, buyer, entity, parent, winner, fiscal_year, "
        "province_code, method, budget, contract_value, flags FROM proj"
    )


def build_index(
    link: Path | None = None,
    *,
    progress: Callable[[str], None] | None = None,
    threads: int | None = None,
    only_if_missing: bool = False,
) -> BuildResult:
    """Build the index of the current warehouse snapshot and switch to it atomically.

    Returns where it went and step timings. Building an index that exists rebuilds it (the file
    is replaced in one rename) unless `only_if_missing`. Builds are serialised by a lock file;
    index files of snapshots that are gone are deleted.
    """
    link = link or warehouse.default_path()
    folder = warehouse.snapshot_dir(link)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".search.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            snapshot = warehouse.current_snapshot(link)
            if only_if_missing and snapshot is not None and index_path(snapshot).exists():
                return BuildResult(path=index_path(snapshot), snapshot=snapshot)
            return _build(link, progress, threads)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _build(link: Path, progress: Callable[[str], None] | None, threads: int | None) -> BuildResult:
    say = progress or (lambda _message: None)
    with warehouse.open(link) as probe:
        probe.execute("SELECT 1").fetchone()
    snapshot = warehouse.current_snapshot(link)
    if snapshot is None:  # pragma: no cover - connect() creates an empty warehouse first
        raise warehouse.WarehouseError("no warehouse snapshot")
    target = index_path(snapshot)
    building = target.with_name(target.name + ".building")
    details = detail_path(target)
    details_building = details.with_name(details.name + ".building")
    pages = pages_path(target)
    pages_building = pages.with_name(pages.name + ".building")
    staging = target.with_name(target.name + ".staging.duckdb")
    finished = (building, details_building, pages_building)
    for leftover in (*finished, staging, staging.with_name(staging.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    result = BuildResult(path=target, snapshot=snapshot)
    started, started_cpu = time.perf_counter(), _cpu()
    clock, cpu = started, started_cpu

    def step(name: str) -> None:
        nonlocal clock, cpu
        now, cpu_now = time.perf_counter(), _cpu()
        result.seconds[name] = round(now - clock, 2)
        result.cpu_seconds[name] = round(cpu_now - cpu, 2)
        clock, cpu = now, cpu_now
        say(f"{name}: {result.seconds[name]:.1f} s ({result.cpu_seconds[name]:.1f} CPU-s)")

    con = duckdb.connect(str(staging))
    lite: sqlite3.Connection | None = None
    job: PagesJob | None = None
    try:
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        con.execute("SET preserve_insertion_order = true")
        con.execute("SET enable_progress_bar = false")
        # Bounded memory: DuckDB spills to a temporary folder next to the index instead.
        con.execute(f"SET memory_limit = '{memory_limit()}'")
        con.execute(f"SET temp_directory = '{staging}.tmp'")
        con.execute(f"ATTACH '{snapshot}' AS wh (READ_ONLY)")
        has_flags = "flag" in _tables(con)
        _stage(con, has_flags)
        step("stage")
        # The page files are written by a thread beside the search tables (one core each).
        job = PagesJob(
            con, details_building, pages_building, (has_flags, "flag_readiness" in _tables(con)), say
        )
        job.start()
        lite = _open_building(building)
        result.projects = _copy_projects(con, lite, building)
        step("projects")
        lite.executescript(
            FACETS_VIEW + ";"
            "CREATE VIRTUAL TABLE project_fts USING fts5(title, project_no, facets, content='project_text', "
            "content_rowid='rowid', tokenize='trigram', columnsize=0);"
            "INSERT INTO project_fts(project_fts, rank) VALUES('pgsz', 4050);"
            # Terms are gathered in memory up to this many bytes before a segment is written:
            # fewer, larger segments leave less merging to do (half the CPU of the 1 MB default).
            f"INSERT INTO project_fts(project_fts, rank) VALUES('hashsize', {FTS_HASH_BYTES});"
            "INSERT INTO project_fts(project_fts) VALUES('rebuild');"
        )
        step("project text index")
        _organisations(con, lite, result)
        step("organisations")
        copy_page_aggregates(con, lite)
        step("aggregates")
        lite.executescript(SQLITE_INDEXES)
        step("indexes")
        _meta(con, lite, snapshot, result)
        lite.execute("INSERT INTO project_fts(project_fts) VALUES('optimize')")
        lite.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        lite.execute("ANALYZE")
        step("optimise")
        lite.close()
        job.join()
        step("pages wait")
        job.check()
        result.seconds.update(job.seconds)
        con.close()
        # The details and page rows first: a reader that finds the index also finds them.
        os.replace(details_building, details)
        os.replace(pages_building, pages)
        os.replace(building, target)
    except BaseException:
        if lite is not None:
            lite.close()
        if job is not None:
            job.stop()
        con.close()
        for leftover in finished:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        raise
    finally:
        for leftover in (staging, staging.with_name(staging.name + ".wal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        shutil.rmtree(f"{staging}.tmp", ignore_errors=True)
    result.seconds["total"] = round(time.perf_counter() - started, 2)
    result.cpu_seconds["total"] = round(_cpu() - started_cpu, 2)
    prune_orphans(link)
    return result


def _open_building(path: Path) -> sqlite3.Connection:
    """The index file being built: no journal, no fsync (it is renamed in when whole)."""
    lite = sqlite3.connect(str(path), isolation_level=None)
    for pragma in (
        "PRAGMA page_size = 8192",
        "PRAGMA journal_mode = OFF",
        "PRAGMA synchronous = OFF",
        "PRAGMA cache_size = -262144",
        "PRAGMA temp_store = FILE",
        # Pages freed by the text index's segment merges need not be zeroed (SECURE_DELETE is
        # this build's default): nothing secret is deleted from a file that is built once.
        "PRAGMA secure_delete = OFF",
        # Helper threads for the sorter behind CREATE INDEX (10 M-row indexes are big sorts).
        "PRAGMA threads = 2",
    ):
        lite.execute(pragma)
    lite.executescript(SQLITE_SCHEMA)
    return lite


_PROJECT_ROWS = (
    "SELECT rid AS rowid, process_id, project_no, title, buyer, entity, parent, "
    "province_code, fiscal_year, method, method_details, category, category_raw, status, budget, "
    "reference_price, contract_value, amount, winner, winner_name, winners, flags, indicators, "
    "date_published, source_kind, s.n AS status_n FROM proj LEFT JOIN status_n s USING (status) ORDER BY rid"
)


def _copy_projects(con: duckdb.DuckDBPyConnection, lite: sqlite3.Connection, path: Path) -> int:
    """The project rows, in Arrow batches through ADBC (C all the way), else through `sqlite3`."""
    copied = ingest(con, path, "project", _PROJECT_ROWS)
    if copied is not None:
        return copied
    lite.execute("BEGIN")  # pragma: no cover - without the ADBC driver
    copied = copy_rows(con, lite, _PROJECT_ROWS, "project", 26)  # pragma: no cover
    lite.execute("COMMIT")  # pragma: no cover
    return copied  # pragma: no cover


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _organisations(con: duckdb.DuckDBPyConnection, lite: sqlite3.Connection, result: BuildResult) -> None:
    con.execute(
        """
        CREATE TABLE org_totals AS
        WITH agency AS (
            SELECT oid, count(*) AS projects, sum(budget) AS budget, sum(contract_value) AS contract_value,
                   count(*) FILTER (WHERE flags > 0) AS flagged
            FROM (SELECT buyer AS oid, budget, contract_value, flags FROM proj_small WHERE buyer IS NOT NULL
                  UNION ALL
                  SELECT entity, budget, contract_value, flags FROM proj_small
                  WHERE entity IS NOT NULL AND entity IS DISTINCT FROM buyer)
            GROUP BY oid
        ), won AS (
            SELECT winner AS oid, count(*) AS wins, sum(contract_value) AS won_value,
                   count(*) FILTER (WHERE flags > 0) AS flagged
            FROM proj_small WHERE winner IS NOT NULL GROUP BY winner
        ), bids AS (
            SELECT org AS oid, count(*) AS bids FROM bidder GROUP BY org
        )
        SELECT s.oid, s.org_id, s.kind, s.name, s.juristic_id, pm.oid AS parent, s.province_code,
               (s.kind = 'agency')::INTEGER AS is_agency,
               (won.oid IS NOT NULL OR bids.oid IS NOT NULL OR s.kind = 'company')::INTEGER AS is_contractor,
               coalesce(agency.projects, 0) AS projects, agency.budget::DOUBLE AS budget,
               agency.contract_value::DOUBLE AS contract_value,
               coalesce(agency.flagged, 0) + coalesce(won.flagged, 0) AS flagged,
               coalesce(won.wins, 0) AS wins, won.won_value::DOUBLE AS won_value,
               coalesce(bids.bids, 0) AS bids, rm.oid AS resolved
        FROM org_stage s
        LEFT JOIN org_map pm ON pm.org_id = s.parent_id
        LEFT JOIN org_map rm ON rm.org_id = s.resolved_id
        LEFT JOIN agency ON agency.oid = s.oid
        LEFT JOIN won ON won.oid = s.oid
        LEFT JOIN bids ON bids.oid = s.oid
        """
    )
    lite.execute("BEGIN")
    result.organisations = copy_rows(con, lite, "SELECT * FROM org_totals ORDER BY oid", "org", 17)
    lite.execute("COMMIT")
    lite.executescript(
        "CREATE VIRTUAL TABLE org_fts USING fts5(name, content='org', content_rowid='rowid', "
        "tokenize='trigram', columnsize=0);"
        "INSERT INTO org_fts(org_fts) VALUES('rebuild');"
    )


def _meta(
    con: duckdb.DuckDBPyConnection, lite: sqlite3.Connection, snapshot: Path, result: BuildResult
) -> None:
    sources = con.execute(
        "SELECT source_file_id, source_kind, file_name, attribution FROM wh.source_file ORDER BY source_file_id"
    ).fetchall()
    lite.executemany("INSERT INTO source VALUES (?, ?, ?, ?)", sources)
    row = con.execute(
        "SELECT count(*), sum(budget), sum(contract_value), count(*) FILTER (WHERE flags > 0), "
        "min(fiscal_year), max(fiscal_year), max(date_published) FROM proj"
    ).fetchone()
    assert row is not None
    facts = {
        "index_version": INDEX_VERSION,
        "snapshot": snapshot.name,
        "built_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "projects": str(row[0]),
        "budget": str(row[1] or 0),
        "contract_value": str(row[2] or 0),
        "flagged": str(row[3]),
        "first_year": "" if row[4] is None else str(row[4]),
        "last_year": "" if row[5] is None else str(row[5]),
        "last_date": row[6] or "",
        "agencies": str(lite.execute("SELECT count(*) FROM org WHERE is_agency").fetchone()[0]),
        "contractors": str(lite.execute("SELECT count(*) FROM org WHERE is_contractor").fetchone()[0]),
        "has_flags": "1" if "flag" in _tables(con) else "0",
        "page_rows": "1",
        "org_rows": "1",
        "winner_agency": "1",
    }
    lite.executemany("INSERT INTO meta VALUES (?, ?)", sorted(facts.items()))
