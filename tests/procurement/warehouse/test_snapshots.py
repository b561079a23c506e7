"""Snapshots: readers see a whole warehouse, a failed writer leaves no trace, switches are atomic."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sodsong.procurement import warehouse

REPO = Path(__file__).resolve().parents[3]


def _add_process(con: object, n: int) -> None:
    con.execute(  # type: ignore[attr-defined]
        "INSERT INTO process (process_id, source_kind, project_no) VALUES (?, 'egp_csv', ?)",
        [f"ocds-sodsong-egp-{n}", str(n)],
    )


def _count(con: object) -> int:
    return con.execute("SELECT count(*) FROM process").fetchone()[0]  # type: ignore[attr-defined]


def test_readers_get_an_empty_warehouse_before_the_first_import(warehouse_path: Path) -> None:
    with warehouse.open() as con:
        assert _count(con) == 0
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
            str(warehouse.SCHEMA_VERSION),
        )
        assert con.execute("SELECT count(*) FROM province").fetchone() == (77,)
    assert warehouse_path.is_symlink()


def test_a_write_becomes_current_only_when_it_succeeds(warehouse_path: Path) -> None:
    with warehouse.write() as con:
        _add_process(con, 1)
    first = warehouse.current_snapshot()
    with warehouse.open() as con:
        before = warehouse.table_checksums(con)

    with pytest.raises(RuntimeError, match="half way"), warehouse.write() as con:
        _add_process(con, 2)
        raise RuntimeError("failed half way")

    assert warehouse.current_snapshot() == first
    with warehouse.open() as con:
        assert warehouse.table_checksums(con) == before
    leftovers = [p.name for p in warehouse.snapshot_dir().iterdir() if "building" in p.name]
    assert leftovers == []


def test_a_reader_keeps_its_snapshot_while_new_ones_replace_it(warehouse_path: Path) -> None:
    with warehouse.write() as con:
        _add_process(con, 1)
    reader = warehouse.connect(read_only=True)
    try:
        writes = warehouse.snapshots.KEEP_SNAPSHOTS + 2
        for n in range(2, 2 + writes):
            with warehouse.write() as con:
                _add_process(con, n)
        # Its file has been pruned from the folder, yet the open reader still reads it whole.
        assert _count(reader) == 1
        with warehouse.open() as fresh:
            assert _count(fresh) == 1 + writes
    finally:
        reader.close()
    snapshots = [p for p in warehouse.snapshot_dir().iterdir() if p.suffix == ".duckdb"]
    assert len(snapshots) == warehouse.snapshots.KEEP_SNAPSHOTS


def test_writers_cannot_get_a_writable_connection_to_the_live_snapshot(warehouse_path: Path) -> None:
    with pytest.raises(warehouse.WarehouseError):
        warehouse.connect(read_only=False)


def test_a_reader_in_another_process_never_sees_a_half_built_snapshot(warehouse_path: Path) -> None:
    """A separate process polls the warehouse while this one writes processes two at a time."""
    script = textwrap.dedent(
        """
        import sys, time
        from sodsong.procurement import warehouse
        seen = set()
        deadline = time.time() + 60
        while time.time() < deadline:
            with warehouse.open() as con:
                n = con.execute("SELECT count(*) FROM process").fetchone()[0]
            if n % 2:
                print("ODD", n); sys.exit(1)
            seen.add(n)
            if n >= 12:
                break
        print(sorted(seen))
        sys.exit(0 if len(seen) > 1 else 2)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "SODSONG_WAREHOUSE": str(warehouse_path)}
    with warehouse.write():
        pass
    reader = subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, text=True)
    for n in range(0, 12, 2):
        with warehouse.write() as con:
            _add_process(con, n)
            con.execute("CHECKPOINT")
            _add_process(con, n + 1)
    out, _ = reader.communicate(timeout=120)
    assert reader.returncode == 0, out


def test_checksums_change_with_content_not_with_order(warehouse_path: Path) -> None:
    with warehouse.write() as con:
        _add_process(con, 1)
        _add_process(con, 2)
        one = warehouse.table_checksums(con)
        con.execute("DELETE FROM process")
        _add_process(con, 2)
        _add_process(con, 1)
        assert warehouse.table_checksums(con) == one
        con.execute("UPDATE process SET title = 'x' WHERE project_no = '1'")
        assert warehouse.table_checksums(con)["process"] != one["process"]


def test_a_deferred_write_reads_at_once_and_writes_into_the_copy(warehouse_path: Path) -> None:
    """`write_deferred()`: the block reads the current snapshot while it is copied, writes after
    `writable()`, and the result is the same as `write()`'s; readers see it only at the end."""
    with warehouse.write() as con:
        _add_process(con, 1)
    first = warehouse.current_snapshot()
    with warehouse.write_deferred() as deferred:
        assert _count(deferred.con) == 1  # the current snapshot, before the copy is needed
        deferred.con.execute("CREATE TEMP TABLE seen AS SELECT process_id FROM process")
        con = deferred.writable()
        _add_process(con, 2)
        assert _count(con) == 2
        assert con.execute("SELECT count(*) FROM seen").fetchone() == (1,)  # temp tables stay
        assert warehouse.current_snapshot() == first
    assert warehouse.current_snapshot() != first
    with warehouse.open() as reader:
        assert _count(reader) == 2
    names = [p.name for p in warehouse.snapshot_dir().iterdir()]
    assert not [n for n in names if "building" in n], names


def test_a_failed_deferred_write_leaves_no_trace(warehouse_path: Path) -> None:
    with warehouse.write() as con:
        _add_process(con, 1)
    first = warehouse.current_snapshot()
    with pytest.raises(RuntimeError, match="half way"), warehouse.write_deferred() as deferred:
        _add_process(deferred.writable(), 2)
        raise RuntimeError("failed half way")
    with pytest.raises(RuntimeError, match="before writing"), warehouse.write_deferred():
        raise RuntimeError("failed before writing")  # the copy thread is still running or done
    assert warehouse.current_snapshot() == first
    with warehouse.open() as reader:
        assert _count(reader) == 1
    names = [p.name for p in warehouse.snapshot_dir().iterdir()]
    assert not [n for n in names if "building" in n], names


def test_a_deferred_write_without_a_snapshot_starts_an_empty_warehouse(warehouse_path: Path) -> None:
    with warehouse.write_deferred() as deferred:
        assert _count(deferred.con) == 0
        _add_process(deferred.con, 1)
    with warehouse.open() as reader:
        assert _count(reader) == 1
