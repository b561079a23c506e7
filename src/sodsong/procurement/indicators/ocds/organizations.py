"""One table of tenderers and suppliers shared by R025, R038 and R048.

Why: each of the three kept its own table keyed by organization id (about 200,000 keys at
1 M releases), so one release's tenderer was looked up in three large tables, each lookup a
cache miss. Now a release's first lookup of an id brings its one entry into the cache for
the others.

An entry is a list `[R025 wins, R025 processes bid, R038 disqualified bids, R038 submitted
bids, R048 processes supplied, R048 classification prefixes or None]`. A zero count means
the indicator has not seen the id (each of them counts an id as soon as it first sees it).
Each indicator flags in the order it first saw its ids (Cardinal iterates its own
insertion-ordered map), so each keeps that order in its own list of ids. At the end of a
range the table is split into each indicator's own table (`split`), so merging ranges and
finalizing are as they were with three tables.
"""

from __future__ import annotations

from typing import Any, Final

from sodsong.procurement.indicators.ocds.base import Accumulator

__all__ = [
    "BIDS_R025",
    "DISQUALIFIED_R038",
    "ORDER_R025",
    "ORDER_R038",
    "ORDER_R048",
    "PREFIXES_R048",
    "PROCESSES_R048",
    "SUBMITTED_R038",
    "WINS_R025",
    "new_entry",
    "order",
    "split",
    "table",
]

WINS_R025: Final = 0
BIDS_R025: Final = 1
DISQUALIFIED_R038: Final = 2
SUBMITTED_R038: Final = 3
PROCESSES_R048: Final = 4
PREFIXES_R048: Final = 5
_TABLE: Final = "organizations"
ORDER_R025: Final = "R025.order"
ORDER_R038: Final = "R038.order"
ORDER_R048: Final = "R048.order"


def table(acc: Accumulator) -> dict[str, list[Any]]:
    """The accumulator's id -> entry table (created empty)."""
    found: dict[str, list[Any]] | None = acc.state.get(_TABLE)
    if found is None:
        found = acc.state[_TABLE] = {}
    return found


def order(acc: Accumulator, name: str) -> list[str]:
    """An indicator's ids in the order it first saw them (`name`: "R025.order"...)."""
    found: list[str] | None = acc.state.get(name)
    if found is None:
        found = acc.state[name] = []
    return found


def new_entry() -> list[Any]:
    return [0, 0, 0, 0, 0, None]


def split(acc: Accumulator) -> None:
    """At the end of a range (in its worker): the shared table as each indicator's own table,
    in its own first-seen order, as R025, R038 and R048 merge and finalize them; the shared
    table and the orders are dropped. Once (each of the three calls it).

    Why here: the worker pickled the shared table and three lists of ids (four copies of
    each id), and the main process looked every id up again to merge and finalize, which
    made the serial end slower than it saved; split in the workers, the main process gets
    the same per-indicator tables as before."""
    entries: dict[str, list[Any]] | None = acc.state.pop(_TABLE, None)
    if entries is None:
        return
    first_r025: list[str] | None = acc.state.pop(ORDER_R025, None)
    if first_r025 is not None:
        acc.state["R025"] = _pairs(entries, first_r025, WINS_R025, BIDS_R025)
    first_r038: list[str] | None = acc.state.pop(ORDER_R038, None)
    if first_r038 is not None:
        tenderers: dict[str, list[Any]] = acc.state["R038"]["tenderer"]
        tenderers.update(_pairs(entries, first_r038, DISQUALIFIED_R038, SUBMITTED_R038))
    first_r048: list[str] | None = acc.state.pop(ORDER_R048, None)
    if first_r048 is not None:
        acc.state["R048"] = _pairs(entries, first_r048, PROCESSES_R048, PREFIXES_R048)


def _pairs(entries: dict[str, list[Any]], order: list[str], first: int, second: int) -> dict[str, list[Any]]:
    """One indicator's table: for each id in its first-seen order, two fields of the shared entry."""
    pairs: dict[str, list[Any]] = {}
    for key in order:
        entry = entries[key]
        pairs[key] = [entry[first], entry[second]]
    return pairs
