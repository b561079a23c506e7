"""The `apart` indicators' merge and finalize in the worker, beside the rest of the end.

Why: after the folds, the main process alone merged every range, replayed the events,
finalized and rendered (about a fifth of the wall time at 1 M releases) while the other core
sat idle. R025, R038 and R048 (`OcdsIndicator.apart`) each read only their own table of
organizations, the largest part of a worker's result. With one worker process, the worker
keeps its range's tables instead of pickling them; the main process sends it the first
range's tables (`apart_tables`, a smaller pickle than the worker's), and the worker merges and
finalizes them (`finalize_apart`) while the main process does everything else. What each
finalize left on fresh results (the flagged organizations, a few thousand, and the fences)
comes back and is set at the indicator's turn (`replay`), so the output is the same text in
the same order. (A child forked from the main process instead cost more than it saved: every
page the main process wrote afterwards was copied, about 200,000 page faults at 1 M.)
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from typing import Any

from sodsong.procurement.indicators.ocds.base import Accumulator, OcdsIndicator, Results

__all__ = ["Part", "apart_tables", "finalize_apart", "replay"]

# What one indicator's finalize left on fresh results: (groups, meta, why, fence_sizes).
Part = tuple[
    dict[str, dict[str, dict[str, float]]],
    dict[str, dict[str, float]],
    dict[tuple[str, str, str], dict[str, Any]],
    dict[tuple[str, str], int],
]


def apart_tables(acc: Accumulator, indicators: Sequence[OcdsIndicator]) -> dict[str, Any]:
    """The apart indicators' tables in `acc` (left there)."""
    return {
        indicator.code: acc.state[indicator.code]
        for indicator in indicators
        if indicator.apart and indicator.code in acc.state
    }


def finalize_apart(
    first: dict[str, Any], later: dict[str, Any], indicators: Sequence[OcdsIndicator], keep_why: bool
) -> bytes:
    """Merge the `later` range's tables into the `first` range's, finalize each apart
    indicator on fresh results, and pickle {code: Part}."""
    total = Accumulator(state=first)
    other = Accumulator(state=later)
    parts: dict[str, Part] = {}
    for indicator in indicators:
        if indicator.apart:
            indicator.merge(total, other)
            results = Results(keep_why=keep_why)  # one each: its own order, not mixed with another's
            indicator.finalize(total, results)
            parts[indicator.code] = (results.groups, results.meta, results.why, results.fence_sizes)
    return pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL)


def replay(part: Part, results: Results) -> None:
    """Leave on `results` what an indicator's finalize left on its fresh results.

    Setting each (group, subject, code) once, in the order of those results, gives the same
    results as the finalize's own calls: a subject or group takes its place at its first
    `set`, and a later `set` of the same key only changes the value."""
    groups, meta, why, fence_sizes = part
    for group, subjects in groups.items():
        for subject, codes in subjects.items():
            for code, value in codes.items():
                results.set(group, subject, code, value)
    for code, values in meta.items():
        for key, value in values.items():
            results.set_meta(code, key, value)
    for (group, subject, code), values in why.items():
        results.explain(group, subject, code, values)
    results.fence_sizes.update(fence_sizes)
