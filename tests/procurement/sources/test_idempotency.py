"""Re-running an import on the same input changes nothing: same rows, same checksums."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sodsong.procurement import warehouse
from tests.procurement.sources.egp_files import DRONE, ICS


def checksums() -> dict[str, tuple[int, int]]:
    with warehouse.open() as con:
        return warehouse.table_checksums(con)


def test_reimporting_egp_files_changes_nothing(egp: Callable[..., Any], warehouse_path: Path) -> None:
    egp(ICS, DRONE)
    first = checksums()
    assert first["process"][0] == 2404
    egp(ICS, DRONE)
    assert checksums() == first
    egp(ICS)
    assert checksums() == first


def test_import_order_does_not_change_the_result(
    egp: Callable[..., Any], warehouse_path: Path, tmp_path: Path
) -> None:
    egp(DRONE)
    egp(ICS)
    one_by_one = checksums()
    other = tmp_path / "other" / "warehouse.duckdb"
    from sodsong.procurement.sources.runs import import_egp

    import_egp([ICS, DRONE], warehouse_path=other)
    with warehouse.open(other) as con:
        assert warehouse.table_checksums(con) == one_by_one
