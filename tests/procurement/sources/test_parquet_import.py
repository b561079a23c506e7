"""`sodsong import parquet`: round trip with `export parquet`, idempotent re-import, and every bad
folder refused with the file, column and expected type named while the warehouse stays as it was."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from sodsong.procurement import warehouse
from sodsong.procurement.exports.parquet import export_parquet
from sodsong.procurement.sources.common import SourceError
from sodsong.procurement.sources.parquet import import_parquet
from sodsong.procurement.sources.runs import import_companies, import_egp
from tests.conftest import SAMPLE_DATA
from tests.procurement.sources.egp_files import DRONE, ICS


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple[int, int]]]:
    """The real samples imported the ordinary way, exported as Parquet, with their checksums."""
    root = tmp_path_factory.mktemp("parquet")
    path = root / "warehouse.duckdb"
    import_egp([DRONE, ICS], warehouse_path=path)
    import_companies([SAMPLE_DATA / "dbd" / "dbd_ics_0305560001659.json"], warehouse_path=path)
    with warehouse.open(path) as con:
        export_parquet(con, root / "export")
        sums = warehouse.table_checksums(con)
    return root / "export", sums


def _sums(path: Path) -> dict[str, tuple[int, int]]:
    with warehouse.open(path) as con:
        return warehouse.table_checksums(con)


def test_round_trip_and_reimport_keep_the_checksums(
    exported: tuple[Path, dict[str, tuple[int, int]]], tmp_path: Path
) -> None:
    folder, original = exported
    path = tmp_path / "w.duckdb"
    summary = import_parquet(folder, warehouse_path=path)
    assert summary.rows["process"] == original["process"][0] > 2000
    assert _sums(path) == original
    import_parquet(folder, warehouse_path=path)  # again, on top of itself
    assert _sums(path) == original
    import_parquet(folder, warehouse_path=path, replace=True)
    assert _sums(path) == original


def test_adds_to_what_is_there(exported: tuple[Path, dict[str, tuple[int, int]]], tmp_path: Path) -> None:
    folder, original = exported
    path = tmp_path / "w.duckdb"
    import_egp([ICS], warehouse_path=path)
    import_parquet(folder, warehouse_path=path)
    assert _sums(path)["process"] == original["process"]


def _copy(folder: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy"
    shutil.copytree(folder, target)
    return target


def _rewrite(path: Path, select: str) -> None:
    con = duckdb.connect()
    con.execute(f"COPY ({select.format(f=repr(str(path)))}) TO '{path}.new' (FORMAT parquet)")
    con.close()
    Path(f"{path}.new").replace(path)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: (d / "manifest.json").unlink(), "manifest.json: missing"),
        (lambda d: (d / "manifest.json").write_text("{"), "manifest.json: expected JSON"),
        (
            lambda d: (d / "manifest.json").write_text(json.dumps({"schema_version": 1, "tables": {}})),
            "schema_version is 1",
        ),
        (lambda d: (d / "award.parquet").unlink(), "award.parquet: missing"),
        (lambda d: (d / "award.parquet").write_text("not parquet"), "award.parquet: expected a Parquet file"),
        (
            lambda d: _rewrite(
                d / "process.parquet", "SELECT * REPLACE (budget::VARCHAR AS budget) FROM {f}"
            ),
            "process.parquet, field budget: expected type DECIMAL(18,2), found VARCHAR",
        ),
        (
            lambda d: _rewrite(d / "process.parquet", "SELECT *, 1 AS extra FROM {f}"),
            "process.parquet, field extra: unknown column",
        ),
        (
            lambda d: _rewrite(d / "process.parquet", "SELECT * EXCLUDE (source_kind) FROM {f}"),
            "process.parquet, field source_kind: missing required column",
        ),
        (
            lambda d: _rewrite(d / "process.parquet", "SELECT * FROM {f} LIMIT 10"),
            "process.parquet: has 10 rows, the manifest says",
        ),
        (
            lambda d: _rewrite(
                d / "award.parquet", "SELECT * REPLACE ('bogus' AS winner_id_status) FROM {f}"
            ),
            "award.parquet: rows do not fit table award",
        ),
    ],
)
def test_a_bad_folder_is_refused_and_nothing_changes(
    exported: tuple[Path, dict[str, tuple[int, int]]], tmp_path: Path, damage: object, message: str
) -> None:
    folder = _copy(exported[0], tmp_path)
    path = tmp_path / "w.duckdb"
    import_egp([ICS], warehouse_path=path)
    before = _sums(path)
    snapshot = warehouse.current_snapshot(path)
    damage(folder)  # type: ignore[operator]
    with pytest.raises(SourceError) as caught:
        import_parquet(folder, warehouse_path=path)
    assert message in str(caught.value)
    assert warehouse.current_snapshot(path) == snapshot
    assert _sums(path) == before


def test_not_a_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="expected a directory"):
        import_parquet(tmp_path / "nothing", warehouse_path=tmp_path / "w.duckdb")
