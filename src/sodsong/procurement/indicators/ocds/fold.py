"""The loop over one range of lines: decode each release, apply the global exclusions, fold.

Its own module so that mypyc compiles it with the indicators (see `compiled`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sodsong.procurement.indicators.ocds.base import Accumulator
from sodsong.procurement.indicators.ocds.common import Facts, is_cancelled, matches_method_details
from sodsong.procurement.indicators.ocds.release import LineError, decode_line

__all__ = ["Fold", "Problem", "fold_loop"]

Problem = tuple[int, str, bool]  # (1-based line, reason, I/O error)
Fold = Callable[[Facts, int, Accumulator], None]


def fold_loop(
    lines: Iterator[bytes],
    folds: list[Fold],
    exclusions: frozenset[str],
    acc: Accumulator,
    problems: list[Problem],
) -> int:
    """Fold every release of `lines` into `acc`; returns the index of the last line (-1: none)."""
    none: frozenset[str] = frozenset()
    number = -1
    for line in lines:
        number += 1
        try:
            release = decode_line(line)
        except LineError as exc:
            problems.append((number + 1, str(exc), exc.io_error))
            continue
        if release is None or is_cancelled(release):
            continue
        if exclusions and not matches_method_details(release, none, exclusions):
            continue
        facts = Facts(release, release.ocid)
        for fold in folds:
            fold(facts, number, acc)
    return number
