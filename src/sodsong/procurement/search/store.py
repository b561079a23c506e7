"""Where the search index lives: one SQLite file per warehouse snapshot, switched with it.

The index of `warehouse.snapshots/warehouse-000007.duckdb` is
`warehouse.snapshots/warehouse-000007.search.sqlite`; the project and organisation page rows are
in `warehouse-000007.pages.sqlite` next to it (written by a second thread while the search tables
are built, SQLite having one writer per file), attached to every reader's connection so the
`page_*` tables read as if they were in the index. They are built aside (`.building`) and renamed
into place in one atomic step, so a reader sees a whole index or none. Readers take the index of
the current snapshot; while that one is still being built they keep using the newest older index
(and say so), exactly as the site keeps reading the old warehouse while a new one is imported.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

from sodsong.procurement import warehouse

__all__ = [
    "DETAIL_SUFFIX",
    "INDEX_SUFFIX",
    "IndexLocation",
    "NoIndexError",
    "connect_details",
    "connect_index",
    "detail_path",
    "index_path",
    "locate",
    "pages_path",
    "prune_orphans",
]

INDEX_SUFFIX = ".search.sqlite"
DETAIL_SUFFIX = ".details.duckdb"
PAGES_SUFFIX = ".pages.sqlite"
_SNAPSHOT = re.compile(r"^(warehouse-\d{6})\.duckdb$")


class NoIndexError(RuntimeError):
    """No search index has been built yet (run `sodsong search build`)."""


def detail_path(index: Path) -> Path:
    """The page-details file that goes with an index file."""
    return index.with_name(index.name.removesuffix(INDEX_SUFFIX) + DETAIL_SUFFIX)


def pages_path(index: Path) -> Path:
    """The page-rows file that goes with an index file (none for indexes built before it)."""
    return index.with_name(index.name.removesuffix(INDEX_SUFFIX) + PAGES_SUFFIX)


def index_path(snapshot: Path) -> Path:
    """`.../warehouse-000007.duckdb` -> `.../warehouse-000007.search.sqlite`."""
    return snapshot.with_name(snapshot.name.removesuffix(".duckdb") + INDEX_SUFFIX)


@dataclass(frozen=True)
class IndexLocation:
    """The index a reader should use and whether it belongs to the current snapshot."""

    path: Path
    snapshot: Path
    current: bool


def locate(link: Path | None = None) -> IndexLocation:
    """The index of the current warehouse snapshot, else the newest older one still on disk."""
    link = link or warehouse.default_path()
    current = warehouse.current_snapshot(link)
    if current is not None and index_path(current).exists():
        return IndexLocation(index_path(current), current, True)
    folder = warehouse.snapshot_dir(link)
    candidates = sorted(folder.glob("warehouse-*" + INDEX_SUFFIX)) if folder.is_dir() else []
    for candidate in reversed(candidates):
        snapshot = candidate.with_name(candidate.name.removesuffix(INDEX_SUFFIX) + ".duckdb")
        if snapshot.exists():
            return IndexLocation(candidate, snapshot, False)
    raise NoIndexError("the search index has not been built yet: run `sodsong search build`")


def connect_index(path: Path) -> sqlite3.Connection:
    """A read-only connection to an index file (immutable: no locking, safe for many readers),
    with its page-rows file attached as `pages` when there is one (unqualified `page_*` names
    resolve to it). The page-rows file is renamed into place before the index, so a reader that
    finds a new index also finds its page rows."""
    con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    con.execute("PRAGMA query_only = 1")
    schemas = ["main"]
    pages = pages_path(path)
    if pages.exists():
        con.execute("ATTACH ? AS pages", [f"file:{pages}?mode=ro&immutable=1"])
        schemas.append("pages")
    for schema in schemas:
        con.execute(f"PRAGMA {schema}.cache_size = -65536")
        con.execute(f"PRAGMA {schema}.mmap_size = 1073741824")
    return con


def prune_orphans(link: Path | None = None) -> list[Path]:
    """Delete index files whose warehouse snapshot is gone (the warehouse keeps the last three)."""
    folder = warehouse.snapshot_dir(link or warehouse.default_path())
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for candidate in folder.iterdir():
        name = candidate.name.removesuffix(".building")
        if not name.endswith((INDEX_SUFFIX, DETAIL_SUFFIX, PAGES_SUFFIX)):
            continue
        base = name.removesuffix(INDEX_SUFFIX).removesuffix(DETAIL_SUFFIX).removesuffix(PAGES_SUFFIX)
        if not (folder / f"{base}.duckdb").exists():
            with contextlib.suppress(FileNotFoundError):
                candidate.unlink()
            removed.append(candidate)
    return removed


_DETAILS: dict[Path, tuple[tuple[int, int], duckdb.DuckDBPyConnection]] = {}
_DETAILS_LOCK = threading.Lock()


def connect_details(index: Path) -> duckdb.DuckDBPyConnection:
    """A cursor on the page-details file of an index, from one connection kept per process.

    DuckDB keeps decompressed blocks in its buffer pool only while its database is open, so the
    file stays open between requests; each call gets its own cursor (one per thread). The file's
    inode and mtime are part of the key, so a details file rebuilt for the same snapshot (renamed
    into place under the same name) is read anew. It is attached to a fresh in-memory database
    rather than opened with `duckdb.connect(path)`: DuckDB shares one instance per path within a
    process, which would keep serving the old file while any cursor on it is alive. A details file
    whose snapshot was pruned is forgotten (its cursors in flight keep working).
    """
    path = detail_path(index)
    stat = path.stat()
    version = (stat.st_ino, stat.st_mtime_ns)
    with _DETAILS_LOCK:
        held = _DETAILS.get(path)
        if held is None or held[0] != version:
            con = duckdb.connect(":memory:")
            con.execute("ATTACH ? AS details (READ_ONLY)", [str(path)])
            _DETAILS[path] = (version, con)
            for other in [p for p in _DETAILS if p != path and not p.exists()]:
                _DETAILS.pop(other)
        else:
            con = held[1]
    cursor = con.cursor()
    cursor.execute("USE details")
    return cursor
