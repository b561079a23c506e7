"""The flag tables of docs/flags.md as DDL, and how a Thai run replaces the previous one.

The tables live in the warehouse snapshot next to the data they judge (written by
`sodsong flags` in a new snapshot). They are not part of `schema.TABLES`: a warehouse without
flags has no flag tables, which readers take as "flags not computed yet".
"""

from __future__ import annotations

import duckdb

__all__ = ["FLAG_DDL", "clear_family", "create_flag_tables"]

# `flag_id` is 16 hex digits of an MD5: no compression gains much on it, and trying each one on
# every block cost about 0.3 CPU s per million flag rows (12 M rows at 10 M projects); stored
# as is, the table is about a fifth bigger.
FLAG_DDL = (
    """CREATE TABLE IF NOT EXISTS flag (flag_id VARCHAR USING COMPRESSION uncompressed, run_id VARCHAR, indicator VARCHAR, family VARCHAR,
    subject_kind VARCHAR, subject_id VARCHAR, process_id VARCHAR, org_id VARCHAR, fiscal_year INTEGER,
    value DOUBLE, details VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS flag_fence (run_id VARCHAR, indicator VARCHAR, group_key VARCHAR, n BIGINT,
    q1 DOUBLE, q3 DOUBLE, lower_fence DOUBLE, upper_fence DOUBLE, threshold DOUBLE)""",
    """CREATE TABLE IF NOT EXISTS flag_readiness (run_id VARCHAR, indicator VARCHAR, computable BOOLEAN,
    subjects_checked BIGINT, subjects_flagged BIGINT, missing_fields VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS flag_run (run_id VARCHAR, engine VARCHAR, family VARCHAR, settings VARCHAR,
    started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ)""",
)


def create_flag_tables(con: duckdb.DuckDBPyConnection) -> None:
    for statement in FLAG_DDL:
        con.execute(statement)


def clear_family(con: duckdb.DuckDBPyConnection, family: str, codes: list[str]) -> None:
    """Delete the rows of every earlier run of `family` (a new run replaces them).

    When every flag row is of `family` (the usual case: 12 M rows at 10 M projects), the table
    is dropped and made again instead: the deleted rows' blocks are then free for the new run's
    rows, where after a DELETE the checkpoint rewrites them and the snapshot grows by the old
    rows' size each run.
    """
    runs = "SELECT run_id FROM flag_run WHERE family = ?"
    others = con.execute("SELECT count(*) FROM flag WHERE family IS DISTINCT FROM ?", [family]).fetchone()
    if others is not None and others[0] == 0:
        con.execute("DROP TABLE flag")
        con.execute(FLAG_DDL[0])
    else:
        con.execute("DELETE FROM flag WHERE family = ?", [family])
    for table in ("flag_fence", "flag_readiness"):
        con.execute(
            f"DELETE FROM {table} WHERE run_id IN ({runs}) OR list_contains(?, indicator)",
            [family, codes],
        )
    con.execute("DELETE FROM flag_run WHERE family = ?", [family])
