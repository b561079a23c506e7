"""Where the search index lives: one SQLite file per warehouse snapshot, switched with it.

The index of `warehouse.snapshots/warehouse-000007.duckdb` is
`warehouse.snapshots/warehouse-000007.search.sqlite`. It is built aside (`.building`) and renamed
into place in one atomic step, so a reader sees a whole index or none. Readers take the index of
the current snapshot; while that one is still being built they keep using the newest older index
(and say so), exactly as the site keeps reading the old warehouse while a new one is imported.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sodsong.procurement import warehouse

__all__ = [
    "INDEX_SUFFIX",
    "IndexLocation",
    "NoIndexError",
    "connect_index",
    "index_path",
    "locate",
    "prune_orphans",
]

INDEX_SUFFIX = ".search.sqlite"
_SNAPSHOT = re.compile(r"^(warehouse-\d{6})\.duckdb$")


class NoIndexError(RuntimeError):
    """No search index has been built yet (run `sodsong search build`)."""


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
    """A read-only connection to an index file (immutable: no locking, safe for many readers)."""
    con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    con.execute("PRAGMA query_only = 1")
    con.execute("PRAGMA cache_size = -65536")
    con.execute("PRAGMA mmap_size = 1073741824")
    return con


def prune_orphans(link: Path | None = None) -> list[Path]:
    """Delete index files whose warehouse snapshot is gone (the warehouse keeps the last three)."""
    folder = warehouse.snapshot_dir(link or warehouse.default_path())
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for candidate in folder.iterdir():
        name = candidate.name
        base = name.removesuffix(".building").removesuffix(INDEX_SUFFIX)
        if not name.endswith((INDEX_SUFFIX, INDEX_SUFFIX + ".building")):
            continue
        if not (folder / f"{base}.duckdb").exists():
            with contextlib.suppress(FileNotFoundError):
                candidate.unlink()
            removed.append(candidate)
    return removed
