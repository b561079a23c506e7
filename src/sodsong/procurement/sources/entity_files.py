"""Storing what one file of entities (companies, blacklist, politicians) yielded, in one place.

The three importers differ in how they read and check records, not in what they store: their
organisations offered to the merge, one table of their own (sanctions or relations), the
FollowTheMoney entities, the rejections, and a provenance row for every line read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import duckdb

from sodsong.procurement.sources.common import Rejection, insert_rejections, insert_rows
from sodsong.procurement.sources.organisations import merge_organisations

__all__ = ["store_entity_file"]


def _unique(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """The last row for each key: a record repeated in a file is stored once."""
    return list({row[key]: row for row in rows}.values())


def store_entity_file(
    con: duckdb.DuckDBPyConnection,
    *,
    source_file_id: str,
    source_kind: str,
    organisations: list[dict[str, Any]],
    own_table: tuple[str, str, list[dict[str, Any]]],
    entities: list[dict[str, Any]],
    rejections: list[Rejection],
    imported: Iterable[tuple[int, str, str]],
) -> None:
    """Write one file's rows: `own_table` is (table, key column, rows); `imported` gives
    (line, table, row id) of each imported line's main row, for `source_row`."""
    con.execute("CREATE OR REPLACE TEMP TABLE entity_file_orgs AS SELECT * FROM organisation LIMIT 0")
    insert_rows(con, "organisation", _unique(organisations, "org_id"), into="entity_file_orgs")
    merge_organisations(con, "entity_file_orgs", source_kind, source_file_ids=[source_file_id])
    table, key, rows = own_table
    insert_rows(con, table, _unique(rows, key))
    insert_rows(con, "ftm_entity", _unique(entities, "entity_id"))
    insert_rejections(con, source_file_id, rejections)
    rejected_lines = dict.fromkeys(r.line for r in rejections)
    insert_rows(
        con,
        "source_row",
        [
            *(
                {
                    "source_file_id": source_file_id,
                    "source_line": line,
                    "status": "imported",
                    "row_table": row_table,
                    "row_id": row_id,
                }
                for line, row_table, row_id in imported
            ),
            *(
                {"source_file_id": source_file_id, "source_line": line, "status": "rejected"}
                for line in rejected_lines
            ),
        ],
    )
