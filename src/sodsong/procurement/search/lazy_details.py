"""A page-details cursor opened on first use: pages served from the index's page tables never need it.

Opening a DuckDB cursor on the details file (`store.connect_details`) costs a few milliseconds of
CPU per request, as much as reading every row of a project page from the SQLite index. Indexes
built since the page tables were copied into SQLite (`meta.page_rows`, `meta.org_rows`) read the
details file only for the flag readiness table, once per process; older indexes still read
everything from it. The views hand this proxy to the page functions in place of a cursor.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import duckdb

from sodsong.procurement.search.store import connect_details

__all__ = ["LazyDetails", "lazy_details"]


class LazyDetails:
    """Acts as the details cursor; the cursor is made by the first attribute asked of it."""

    def __init__(self, index: Path) -> None:
        self._index = index
        self._cursor: duckdb.DuckDBPyConnection | None = None

    @property
    def opened(self) -> bool:
        return self._cursor is not None

    def __getattr__(self, name: str) -> Any:
        if self._cursor is None:
            self._cursor = connect_details(self._index)
        return getattr(self._cursor, name)

    def close(self) -> None:
        if self._cursor is not None:
            self._cursor.close()
            self._cursor = None


def lazy_details(index: Path) -> duckdb.DuckDBPyConnection:
    """The details cursor of an index file, opened only if a query needs it (close it after use)."""
    return cast(duckdb.DuckDBPyConnection, LazyDetails(index))
