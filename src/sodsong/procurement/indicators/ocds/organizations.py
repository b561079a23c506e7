"""One table of tenderers and suppliers shared by R025, R038 and R048.

Why: each of the three kept its own table keyed by organization id (about 200,000 keys at
1 M releases), so one release's tenderer was looked up in three large tables, each lookup a
cache miss. Now a release's first lookup of an id brings its one entry into the cache for
the others.

An entry is an `Entry`: R025's wins and processes bid, R038's disqualified and submitted
bids, R048's processes supplied and classification prefixes (None until it sees the id). A
zero count means the indicator has not seen the id (each of them counts an id as soon as it
first sees it).
Each indicator flags in the order it first saw its ids (Cardinal iterates its own
insertion-ordered map), so each keeps that order in its own list of ids. At the end of a
range the table is split into each indicator's own table (`split`), so merging ranges and
finalizing are as they were with three tables.
"""

from __future__ import annotations

from typing import Any, Final

from sodsong.procurement.indicators.ocds.base import Accumulator

__all__ = [
    "ORDER_R025",
    "ORDER_R038",
    "ORDER_R048",
    "Entry",
    "order",
    "split",
    "table",
]

_TABLE: Final = "organizations"
ORDER_R025: Final = "R025.order"
ORDER_R038: Final = "R038.order"
ORDER_R048: Final = "R048.order"


class Entry:
    """One organization's counts for R025, R038 and R048.

    A class, not a list: compiled, its counts are fields of the object itself, where a list's
    items are a separate array pointing at int objects, so reading an entry of a table of
    200,000 touches one object instead of three (these lookups miss the cache)."""

    __slots__ = ("bids", "disqualified", "prefixes", "processes", "submitted", "wins")

    def __init__(self) -> None:
        self.wins = 0
        self.bids = 0
        self.disqualified = 0
        self.submitted = 0
        self.processes = 0
        self.prefixes: set[str] | None = None


def table(acc: Accumulator) -> dict[str, Entry]:
    """The accumulator's id -> entry table (created empty)."""
    found: dict[str, Entry] | None = acc.state.get(_TABLE)
    if found is None:
        found = acc.state[_TABLE] = {}
    return found


def order(acc: Accumulator, name: str) -> list[str]:
    """An indicator's ids in the order it first saw them (`name`: "R025.order"...)."""
    found: list[str] | None = acc.state.get(name)
    if found is None:
        found = acc.state[name] = []
    return found


def split(acc: Accumulator) -> None:
    """At the end of a range (in its worker): the shared table as each indicator's own table,
    in its own first-seen order, as R025, R038 and R048 merge and finalize them; the shared
    table and the orders are dropped. Once (each of the three calls it).

    Why here: the worker pickled the shared table and three lists of ids (four copies of
    each id), and the main process looked every id up again to merge and finalize, which
    made the serial end slower than it saved; split in the workers, the main process gets
    the same per-indicator tables as before."""
    entries: dict[str, Entry] | None = acc.state.pop(_TABLE, None)
    if entries is None:
        return
    first_r025: list[str] | None = acc.state.pop(ORDER_R025, None)
    if first_r025 is not None:
        wins_bids: dict[str, list[Any]] = {}
        for key in first_r025:
            entry = entries[key]
            wins_bids[key] = [entry.wins, entry.bids]
        acc.state["R025"] = wins_bids
    first_r038: list[str] | None = acc.state.pop(ORDER_R038, None)
    if first_r038 is not None:
        tenderers: dict[str, list[Any]] = acc.state["R038"]["tenderer"]
        for key in first_r038:
            entry = entries[key]
            tenderers[key] = [entry.disqualified, entry.submitted]
    first_r048: list[str] | None = acc.state.pop(ORDER_R048, None)
    if first_r048 is not None:
        processes_prefixes: dict[str, list[Any]] = {}
        for key in first_r048:
            entry = entries[key]
            processes_prefixes[key] = [entry.processes, entry.prefixes]
        acc.state["R048"] = processes_prefixes
