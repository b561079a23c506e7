"""Organisations contributed by several sources, merged by a fixed priority; name-match suggestions.

A registry (DBD) knows a company better than a procurement row naming it, so each importer
offers its organisations and `merge_organisations` keeps, per key, the row of the most
authoritative source: registry > bulk company CSV > blacklist and politicians > OCDS > e-GP.
Equal priority keeps what is there. Re-importing the same sources gives the same rows.

Name matches are suggestions only: a supplier known by name (`th-name-…`, an e-GP winner whose
id Excel destroyed) and a registered company (`th-dbd-…`) with the same `company_match_key`.
Staff confirm or reject them; confirmed ones set `organisation.resolved_id`.
"""

from __future__ import annotations

from collections.abc import Mapping

import duckdb

from sodsong.procurement.warehouse.schema import table
from sodsong.thai import company_match_key

__all__ = ["PRIORITY", "add_name_keys", "merge_organisations", "refresh_name_matches", "refresh_same_address"]

PRIORITY = {
    "dbd_json": 1,
    "company_csv": 2,
    "blacklist_csv": 3,
    "politicians_yaml": 3,
    "ocds": 4,
    "egp_csv": 5,
    "synthetic": 5,
}


def _priority_case(column: str) -> str:
    whens = " ".join(f"WHEN '{kind}' THEN {rank}" for kind, rank in PRIORITY.items())
    return f"(CASE {column} {whens} ELSE 9 END)"


def merge_organisations(
    con: duckdb.DuckDBPyConnection,
    staged: str,
    source_kind: str,
    *,
    source_file_ids: list[str] | None = None,
) -> None:
    """Offer the organisations in table `staged` (organisation's columns) from one source kind.

    First the rows this source left before are removed (all of them, or only those of
    `source_file_ids` for sources imported file by file), then staged rows replace rows of less
    authoritative sources and fill keys nobody has yet.
    """
    if source_file_ids is None:
        con.execute("DELETE FROM organisation WHERE source_kind = ?", [source_kind])
    elif source_file_ids:
        con.execute(
            "DELETE FROM organisation WHERE source_kind = ? AND list_contains(?, source_file_id)",
            [source_kind, source_file_ids],
        )
    rank = PRIORITY.get(source_kind, 9)
    con.execute(
        f"DELETE FROM organisation WHERE org_id IN (SELECT org_id FROM {staged}) "
        f"AND {_priority_case('source_kind')} > ?",
        [rank],
    )
    columns = ", ".join(table("organisation").column_names)
    con.execute(
        f"INSERT INTO organisation SELECT {columns} FROM {staged} "
        "WHERE org_id NOT IN (SELECT org_id FROM organisation)"
    )


def add_name_keys(con: duckdb.DuckDBPyConnection, source: str, column: str, target: str) -> None:
    """Create temp table `target(name, name_key)` with company_match_key for every distinct name
    in `source.column` (computed in Python once per distinct name, not per row)."""
    names = [
        row[0]
        for row in con.execute(
            f"SELECT DISTINCT {column} FROM {source} WHERE {column} IS NOT NULL"
        ).fetchall()
    ]
    con.execute(f"CREATE OR REPLACE TEMP TABLE {target} (name VARCHAR, name_key VARCHAR)")
    if names:
        import pyarrow as pa

        keys = pa.table({"name": names, "name_key": [company_match_key(n) or None for n in names]})
        con.register("_name_keys", keys)
        con.execute(f"INSERT INTO {target} SELECT name, name_key FROM _name_keys")
        con.unregister("_name_keys")


def refresh_name_matches(con: duckdb.DuckDBPyConnection, decisions: Mapping[str, str] | None = None) -> None:
    """Recompute every suggestion and apply staff decisions (match_id -> confirmed/rejected).

    `resolved_id` is reset to the row itself and then set from confirmed matches only, so a
    decision reversed by staff is undone by the next import. `decisions=None` (the app database
    could not be read) keeps the decisions the warehouse already holds.
    """
    if decisions is None:
        decisions = dict(
            con.execute("SELECT match_id, status FROM name_match WHERE status <> 'suggested'").fetchall()
        )
    con.execute("DELETE FROM name_match")
    con.execute(
        """
        INSERT INTO name_match
        SELECT hashed(s.org_id || '|' || c.org_id), s.org_id, s.name, c.org_id, c.name, s.name_key,
               'company_match_key',
               (SELECT count(*) FROM award_supplier a WHERE a.org_id = s.org_id)::INTEGER,
               'suggested'
        FROM organisation s JOIN organisation c ON s.name_key = c.name_key
        WHERE s.org_id LIKE 'th-name-%' AND s.kind = 'company'
          AND c.juristic_id IS NOT NULL AND c.kind = 'company' AND s.name_key <> ''
        """
    )
    con.execute("UPDATE organisation SET resolved_id = org_id WHERE resolved_id <> org_id")
    if decisions:
        rows = [[k, v] for k, v in decisions.items() if v in ("confirmed", "rejected")]
        con.execute("CREATE OR REPLACE TEMP TABLE match_decision (match_id VARCHAR, status VARCHAR)")
        if rows:
            con.executemany("INSERT INTO match_decision VALUES (?, ?)", rows)
        con.execute(
            "UPDATE name_match SET status = d.status FROM match_decision d WHERE d.match_id = name_match.match_id"
        )
        con.execute(
            """
            UPDATE organisation SET resolved_id = m.candidate_id
            FROM (SELECT subject_id, min(candidate_id) AS candidate_id FROM name_match
                  WHERE status = 'confirmed' GROUP BY subject_id) m
            WHERE organisation.org_id = m.subject_id
            """
        )


def refresh_same_address(con: duckdb.DuckDBPyConnection) -> None:
    """`same_address` relations between companies whose normalised addresses are equal (one row
    per pair, the smaller org id as subject), recomputed from the organisation table."""
    con.execute("DELETE FROM relation WHERE kind = 'same_address'")
    con.execute(
        """
        INSERT INTO relation (relation_id, kind, subject_id, object_id, role, source_kind, source_file_id, source_line)
        SELECT 'rel-' || hashed('same_address|' || a.org_id || '|' || b.org_id), 'same_address', a.org_id, b.org_id,
               a.address, 'derived', a.source_file_id, a.source_line
        FROM organisation a JOIN organisation b ON a.address_key = b.address_key AND a.org_id < b.org_id
        WHERE a.kind = 'company' AND b.kind = 'company' AND a.address_key IS NOT NULL
        """
    )
