"""Warehouse snapshots: readers always see a whole warehouse, writers build the next one aside.

The warehouse path (`SODSONG_WAREHOUSE`, default `<data dir>/warehouse.duckdb`) is a symbolic
link to the current snapshot, `warehouse.snapshots/warehouse-000007.duckdb`. A writer takes a
lock, copies the current snapshot to the next number, changes the copy and, only when every
step succeeded, checkpoints it and renames a new link over the old one (an atomic rename). A
failed import deletes its copy: the link never pointed at it. Readers resolve the link each
time they connect, so a running site picks up the new snapshot without a restart and keeps
reading the old file (still open, even once pruned) until it reconnects.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb

from sodsong.config import data_dir, load_environment
from sodsong.procurement.warehouse.schema import TABLES, create_schema

__all__ = [
    "KEEP_SNAPSHOTS",
    "DeferredWrite",
    "WarehouseError",
    "connect",
    "current_snapshot",
    "default_path",
    "open",
    "snapshot_dir",
    "table_checksums",
    "write",
    "write_deferred",
]

KEEP_SNAPSHOTS = 3
_SNAPSHOT = re.compile(r"^warehouse-(\d{6})\.duckdb$")


class WarehouseError(RuntimeError):
    """The warehouse cannot be opened or switched (missing, locked, wrong version)."""


def default_path() -> Path:
    """`SODSONG_WAREHOUSE` when set and not blank, else `<data dir>/warehouse.duckdb`."""
    load_environment()
    configured = os.environ.get("SODSONG_WAREHOUSE", "").strip()
    return Path(configured).expanduser().absolute() if configured else data_dir() / "warehouse.duckdb"


def snapshot_dir(path: Path | None = None) -> Path:
    """The folder holding the snapshot files: `<warehouse name>.snapshots` next to the link."""
    link = path or default_path()
    return link.with_name(link.name.removesuffix(".duckdb") + ".snapshots")


def current_snapshot(path: Path | None = None) -> Path | None:
    """The snapshot file readers use now (None before the first import)."""
    link = path or default_path()
    if not os.path.lexists(link):
        return None
    resolved = link.resolve()
    return resolved if resolved.exists() else None


def _snapshots(folder: Path) -> list[tuple[int, Path]]:
    found = []
    if folder.is_dir():
        for entry in folder.iterdir():
            match = _SNAPSHOT.match(entry.name)
            if match:
                found.append((int(match.group(1)), entry))
    return sorted(found)


def connect(read_only: bool = True, path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the current snapshot, for pages, API and indicators.

    Call it per request or per job: each call resolves the current snapshot, so a new import is
    seen without a restart and a half-built snapshot never is. Before the first import an empty
    warehouse (the schema, no rows) is created so readers can always query every table.
    """
    if not read_only:
        raise WarehouseError("writers change the warehouse through warehouse.write(), never in place")
    link = path or default_path()
    for _attempt in range(5):
        snapshot = current_snapshot(link)
        if snapshot is None:
            with write(link):
                pass
            continue
        try:
            return duckdb.connect(str(snapshot), read_only=True)
        except duckdb.IOException:
            # Pruned between resolving the link and opening it: resolve again.
            continue
    raise WarehouseError(f"cannot open the warehouse at {link}")


@contextlib.contextmanager
def open(path: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """`with warehouse.open() as con:` a read-only connection, closed at the end of the block."""
    con = connect(read_only=True, path=path)
    try:
        yield con
    finally:
        con.close()


@contextlib.contextmanager
def _lock(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _switch(link: Path, target: Path) -> None:
    """Point the link at target with one atomic rename, then make the rename durable."""
    temporary = link.with_name(f".{link.name}.{os.getpid()}.link")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    os.symlink(os.path.relpath(target, link.parent), temporary)
    os.replace(temporary, link)
    directory = os.open(link.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def _prune(folder: Path, keep: int) -> None:
    for _number, old in _snapshots(folder)[:-keep]:
        for leftover in (old, old.with_name(old.name + ".wal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


@contextlib.contextmanager
def write(path: Path | None = None, *, fresh: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Build the next snapshot: `with warehouse.write() as con: ...` then switch atomically.

    The block gets a writable connection to a copy of the current snapshot (an empty warehouse
    with `fresh=True`). If the block raises, the copy is deleted and readers never saw it; if
    it returns, the copy is checkpointed and becomes current. Writers are serialised by a lock.
    """
    link = path or default_path()
    folder = snapshot_dir(link)
    link.parent.mkdir(parents=True, exist_ok=True)
    with _lock(folder):
        target, building = _next_snapshot(folder)
        current = current_snapshot(link)
        if current is not None and not fresh:
            shutil.copyfile(current, building)
        con = duckdb.connect(str(building))
        try:
            create_schema(con)
            yield con
            con.execute("CHECKPOINT")
        except BaseException:
            con.close()
            _discard(building)
            raise
        con.close()
        _finish(link, building, target)


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _next_snapshot(folder: Path) -> tuple[Path, Path]:
    """(the next snapshot's file, the file it is built in), a crashed build's leftovers removed."""
    existing = _snapshots(folder)
    number = existing[-1][0] + 1 if existing else 1
    target = folder / f"warehouse-{number:06d}.duckdb"
    building = target.with_name(target.name + ".building")
    _discard(building)
    return target, building


def _discard(building: Path) -> None:
    """Remove a snapshot file being built and its write-ahead log."""
    for leftover in (building, building.with_name(building.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _finish(link: Path, building: Path, target: Path) -> None:
    """Make the closed, checkpointed `building` file durable, current, and prune old snapshots."""
    with contextlib.suppress(FileNotFoundError):
        building.with_name(building.name + ".wal").unlink()
    _fsync(building)
    os.replace(building, target)
    _switch(link, target)
    _prune(snapshot_dir(link), KEEP_SNAPSHOTS)


class DeferredWrite:
    """The connection of a `write_deferred()` block: reads the current snapshot at once; the
    copy being written is attached (and made the default database) by `writable()`."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, building: Path, copier: threading.Thread | None
    ) -> None:
        self.con = con
        self.building = building
        self._copier = copier
        self._attached = False
        self.error: BaseException | None = None

    def writable(self) -> duckdb.DuckDBPyConnection:
        """Wait for the copy of the current snapshot, then write into it: unqualified table names
        resolve to the copy from here on (its data equal to what was read before)."""
        if not self._attached:
            self.wait()
            self.con.execute(f"ATTACH {_quoted(self.building)} AS building")
            self.con.execute("USE building")
            with contextlib.suppress(duckdb.Error):
                self.con.execute("DETACH current_snapshot")
            create_schema(self.con)
            self._attached = True
        return self.con

    def wait(self) -> None:
        if self._copier is not None:
            self._copier.join()
            self._copier = None
        if self.error is not None:
            raise self.error


@contextlib.contextmanager
def write_deferred(path: Path | None = None) -> Iterator[DeferredWrite]:
    """Like `write()`, but the block need not wait for the copy of the current snapshot.

    The block gets a connection that reads the current snapshot (attached read-only) while a
    thread copies it to the next snapshot file and flushes the copy to disk; it calls
    `writable()` before its first write. A long computation (the flags) thus reads and
    computes during the copy instead of after it. The switch is the same as `write()`'s:
    readers see the new snapshot only once the block succeeded and the copy is checkpointed.
    """
    link = path or default_path()
    folder = snapshot_dir(link)
    link.parent.mkdir(parents=True, exist_ok=True)
    with _lock(folder):
        target, building = _next_snapshot(folder)
        spill = building.with_name(building.name + ".tmp")
        current = current_snapshot(link)
        con = duckdb.connect(":memory:")
        con.execute("SET temp_directory = ?", [str(spill)])
        deferred = DeferredWrite(con, building, None)
        if current is not None:
            con.execute(f"ATTACH {_quoted(current)} AS current_snapshot (READ_ONLY)")
            con.execute("USE current_snapshot")

            def copy() -> None:
                try:
                    shutil.copyfile(current, building)
                    _fsync(building)
                except BaseException as exc:  # handed to the block by writable()
                    deferred.error = exc

            deferred._copier = threading.Thread(target=copy, name="snapshot-copy", daemon=True)
            deferred._copier.start()
        try:
            if current is None:
                deferred.writable()
            yield deferred
            deferred.writable()
            con.execute("CHECKPOINT building")
            con.execute("USE memory")
            con.execute("DETACH building")
        except BaseException:
            with contextlib.suppress(BaseException):
                deferred.wait()
            con.close()
            _discard(building)
            shutil.rmtree(spill, ignore_errors=True)
            raise
        con.close()
        shutil.rmtree(spill, ignore_errors=True)
        _finish(link, building, target)


def table_checksums(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """Per table: (row count, order-independent hash of every row); equal means the same rows."""
    sums = {}
    for t in TABLES:
        sql = f'SELECT count(*), coalesce(sum(hash(t)), 0) FROM "{t.name}" AS t'
        row = con.execute(sql).fetchone()
        assert row is not None
        sums[t.name] = (int(row[0]), int(row[1]))
    return sums
