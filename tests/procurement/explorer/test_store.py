"""Where the index and its page-details file live, and how readers keep them open."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from sodsong.procurement.search.store import connect_details, detail_path


def _write_details(index: Path, value: int) -> None:
    """Build a details file aside and rename it into place, as `sodsong search build` does."""
    building = detail_path(index).with_name(detail_path(index).name + ".building")
    con = duckdb.connect(str(building))
    con.execute("CREATE TABLE marker AS SELECT ? AS value", [value])
    con.close()
    os.replace(building, detail_path(index))


def test_a_details_file_rebuilt_under_the_same_name_is_read_anew(tmp_path: Path) -> None:
    """A server keeps the details file open between requests; after the same snapshot's index is
    rebuilt it must read the new file, not the old one it still holds open."""
    index = tmp_path / "warehouse-000001.search.sqlite"
    _write_details(index, 1)
    assert connect_details(index).execute("SELECT value FROM marker").fetchone() == (1,)
    _write_details(index, 2)
    assert connect_details(index).execute("SELECT value FROM marker").fetchone() == (2,)
    assert connect_details(index).execute("SELECT value FROM marker").fetchone() == (2,)
