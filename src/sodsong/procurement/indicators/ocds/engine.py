"""Run the OCDS indicators over a JSONL file: read in parallel, then compute once.

(a) Reading: the file is cut into byte ranges at line boundaries; each worker process decodes
its lines (`release.decode_line`) and lets every enabled indicator `fold` each release into
an `Accumulator`. (b) Computing: the main process merges the accumulators in file order,
fixes the main currency, replays fold-time flags in line order and lets each indicator
`finalize` (quartiles, fences); with one worker process, that worker merges and finalizes
the indicators that only read their own tables meanwhile (`apart`). The result is Cardinal's
output, built in the order Cardinal builds it on one thread, so equal inputs print equal text
whatever the number of workers.
"""

from __future__ import annotations

import gc
import io
import itertools
import os
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from operator import itemgetter
from pathlib import Path

from sodsong.procurement.indicators.ocds import INDICATOR_CLASSES
from sodsong.procurement.indicators.ocds.apart import Part, apart_tables, finalize_apart, replay
from sodsong.procurement.indicators.ocds.base import RANKS, Accumulator, OcdsIndicator, Results
from sodsong.procurement.indicators.ocds.fold import Problem, fold_blocks, fold_loop
from sodsong.procurement.indicators.ocds.price import SecondLowestBid
from sodsong.procurement.indicators.ocds.settings import OcdsSettings, split_pipe
from sodsong.procurement.indicators.ocds.tenderers import Tenderers

__all__ = ["LineProblem", "Run", "build_indicators", "run_file", "run_lines"]

MAP_NAMES = (
    "ocid_buyer_r038",
    "ocid_procuringentity_r038",
    "ocid_tenderer",
    "ocid_tenderer_r024",
    "ocid_tenderer_r028",
    "ocid_tenderer_r030",
    "ocid_tenderer_r035",
    "ocid_tenderer_r058",
)
BLOCK = 8 << 20  # bytes read at a time by a worker
PARALLEL_FROM = 16 << 20  # smaller files are read in-process
# Ranges per worker. One: every range hands back near-complete tenderer tables (most
# tenderers appear in every large range), which the worker pickles and the main process
# unpickles and merges, so each extra range cost about 1.5 CPU-s at 1 M releases; the
# dynamic balance that more ranges bought was worth less than that on two cores.
RANGES_PER_WORKER = 1
# The first range's size relative to each other range. After its fold, the main process
# pickles its apart tables (about 0.26 s at 1 M releases) while the worker pickles the rest of
# its result (about as long), and the worker can merge the apart tables only once both have
# folded: equal ranges (1.03 before the worker took the apart indicators; the worker then
# waited about 1.6 s for the first range's tables).
FIRST_RANGE_WEIGHT = 1.0
_KEPT: list[object] = []  # a worker process's results, see `_work_pickled`
_APART: list[dict[str, object]] = []  # a worker's apart tables, kept for `_finalize_apart_here`


@dataclass(frozen=True)
class LineProblem:
    """A line Cardinal would warn about and skip."""

    line: int  # 1-based
    reason: str
    io_error: bool = False

    def __str__(self) -> str:
        what = "caused an I/O error" if self.io_error else "is invalid JSON"
        return f"Line {self.line} {what}, skipping. [{self.reason}]"


@dataclass
class Run:
    """What one run produced: Cardinal's results plus the skipped lines."""

    results: Results
    problems: list[LineProblem] = field(default_factory=list)
    lines: int = 0
    # The merged accumulator, freed with the run rather than at the end of the computation:
    # freeing its millions of objects one by one is serial work (about 0.8 s at 1 M releases)
    # that the CLI, which ends with `os._exit`, never needs.
    accumulator: Accumulator | None = field(default=None, repr=False, compare=False)


def build_indicators(settings: OcdsSettings, with_map: bool = False, why: bool = True) -> list[OcdsIndicator]:
    """The enabled indicators, in Cardinal's fold order (shared calculations first).

    `why=False`: they leave out the values that fired each flag (nobody reads them)."""
    enabled = settings.indicators
    chosen: list[OcdsIndicator] = []
    if with_map and any(code in enabled for code in ("R025", "R038", "R048")):
        chosen.append(Tenderers(settings))
    if "R024" in enabled or "R058" in enabled:
        chosen.append(SecondLowestBid(settings))
    chosen.extend(cls(settings) for cls in INDICATOR_CLASSES if cls.code in enabled)
    for indicator in chosen:
        if not 0 <= indicator.rank < RANKS:  # pragma: no cover - a guard for whoever adds one
            raise ValueError(f"{indicator.code}: rank {indicator.rank} is not below RANKS ({RANKS})")
        indicator.why = why
        indicator.maps = with_map
    return sorted(chosen, key=lambda indicator: indicator.rank)


def _fold_lines(
    lines: Iterator[bytes], settings: OcdsSettings, with_map: bool, why: bool = True
) -> tuple[Accumulator, list[LineProblem], int]:
    return _folded(settings, with_map, why, lambda *args: fold_loop(lines, *args))


@contextmanager
def _collector_off() -> Iterator[None]:
    """The garbage collector off meanwhile (as it was after): the engine builds millions of
    acyclic objects, and every collection pass would walk all of them again."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _folded(
    settings: OcdsSettings,
    with_map: bool,
    why: bool,
    loop: Callable[[list[OcdsIndicator], frozenset[str], Accumulator, list[Problem]], int],
) -> tuple[Accumulator, list[LineProblem], int]:
    """Run a fold loop over fresh indicators with the garbage collector off."""
    indicators = build_indicators(settings, with_map, why)
    exclusions = split_pipe(settings.exclusions)
    acc = Accumulator()
    found: list[Problem] = []
    number = -1
    with _collector_off():  # only acyclic data is created here; collection passes would be wasted work
        number = loop(indicators, exclusions, acc, found)
        for indicator in indicators:
            indicator.done(acc)
    problems = [LineProblem(line, reason, io_error) for line, reason, io_error in found]
    return acc, problems, number + 1


def _read_blocks(path: str, start: int, end: int) -> Iterator[tuple[bytes | bytearray, int]]:
    """The range's bytes as `(data, size)`: whole lines in `data[:size]` (see `fold_blocks`).

    One buffer is read into again and again: a fresh 8 MB object per block cost page faults
    and zeroed pages in the kernel (a seventh of a worker's CPU). A block's unfinished last
    line is read again at the start of the next block (a seek back, not a copy); at the end of
    the range whatever is left is the last line, as Rust's `lines()` reads the end of a file
    without a final newline.
    """
    buffer = bytearray(BLOCK)
    view = memoryview(buffer)
    with open(path, "rb") as handle:
        handle.seek(start)
        position = start
        while position < end:
            got = handle.readinto(view[: min(BLOCK, end - position)])
            if not got:
                break
            position += got
            if position >= end:
                yield buffer, got
                return
            size = buffer.rfind(b"\n", 0, got) + 1
            if size == 0:  # a line longer than a block (rare): complete it on its own
                data = bytes(view[:got]) + handle.readline()
                position += len(data) - got
                yield data, len(data)
                continue
            unfinished = got - size
            if unfinished:
                handle.seek(-unfinished, 1)
                position -= unfinished
            yield buffer, size


def _work(
    path: str, start: int, end: int, settings: OcdsSettings, with_map: bool, why: bool = True
) -> tuple[Accumulator, list[LineProblem], int]:
    return _folded(settings, with_map, why, lambda *args: fold_blocks(_read_blocks(path, start, end), *args))


def _work_pickled(
    path: str,
    start: int,
    end: int,
    settings: OcdsSettings,
    with_map: bool,
    why: bool = True,
    keep_apart: bool = False,
) -> bytes:
    """`_work` in a worker process, pickled (`_pickled`).

    `keep_apart`: the apart indicators' tables stay here for `_finalize_apart_here` (see
    `apart`) instead of being pickled."""
    result = _work(path, start, end, settings, with_map, why)
    if keep_apart:
        tables = apart_tables(result[0], build_indicators(settings, with_map, why))
        for code in tables:
            del result[0].state[code]  # not pickled
        _APART.append(tables)
    data = _pickled(result)
    # Kept, not freed: freeing millions of objects one by one is CPU (about 0.5 s a worker at
    # 1 M releases) and the worker process ends with `os._exit` when the pool shuts down.
    _KEPT.append(result)
    return data


def _pickled(value: object) -> bytes:
    """Pickled without the memo (`Pickler.fast`).

    Why: the memo records every object pickled (millions of tuples and strings), a third of
    the pickling time, to share objects seen twice; the accumulators hold no cycles and
    nothing relies on two of their parts being the same object, so plain copies are equal."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(value)
    return out.getvalue()


def _finalize_apart_here(first: bytes, settings: OcdsSettings, with_map: bool, why: bool) -> bytes:
    """In the worker that kept its apart tables: merge the first range's (pickled) into them
    and finalize (`apart.finalize_apart`), with the garbage collector off as in `_finish`
    (here the collections would also walk the worker's own results: 2.1 s instead of 0.6-0.8 s
    to unpickle the first range's 15.6 MB at 1 M releases)."""
    with _collector_off():
        tables = pickle.loads(first)
        return finalize_apart(tables, _APART.pop(), build_indicators(settings, with_map, why), why)


def _ranges(path: Path, parts: int) -> list[tuple[int, int]]:
    """Byte ranges cut at line starts; the first (the main process's) FIRST_RANGE_WEIGHT times
    the size of each other."""
    size = path.stat().st_size
    weight = FIRST_RANGE_WEIGHT
    total = weight + parts - 1
    bounds = [0]
    with path.open("rb") as handle:
        for k in range(1, parts):
            target = max(int(size * (weight + k - 1) / total), bounds[-1])
            handle.seek(target)
            handle.readline()  # move to the start of the next line
            bounds.append(min(handle.tell(), size))
    bounds.append(size)
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def _finish(
    parts: Iterable[tuple[Accumulator, list[LineProblem], int]],
    settings: OcdsSettings,
    with_map: bool,
    why: bool = True,
    apart: Future[bytes] | None = None,
) -> Run:
    """Merge the ranges' accumulators in file order (each as it arrives), then compute.

    `apart`: the apart indicators' results, computed in the worker (`_finalize_apart_here`);
    then no range holds their tables any more.

    The garbage collector is off meanwhile: merging creates millions of acyclic tuples and
    dicts, and every collection pass would walk all of them again (a third of this phase).
    """
    with _collector_off():
        return _finish_parts(parts, settings, with_map, why, apart)


def _finish_parts(
    parts: Iterable[tuple[Accumulator, list[LineProblem], int]],
    settings: OcdsSettings,
    with_map: bool,
    why: bool,
    apart: Future[bytes] | None,
) -> Run:
    indicators = build_indicators(settings, with_map, why)
    merged = indicators if apart is None else [indicator for indicator in indicators if not indicator.apart]
    total: Accumulator | None = None
    problems: list[LineProblem] = []
    offset = 0
    for acc, part_problems, count in parts:
        if total is None:
            # The first range is the start of the total as it is: merging it into an empty
            # accumulator copied every table entry (about 0.3 s at 1 M releases, serial).
            total = acc
            problems.extend(part_problems)
            offset += count
            continue
        _merge(total, acc, offset, merged)
        problems.extend(
            LineProblem(problem.line + offset, problem.reason, problem.io_error) for problem in part_problems
        )
        offset += count
    if total is None:
        total = Accumulator()
    results = _compute(total, settings, with_map, why, indicators, apart)
    return Run(results=results, problems=problems, lines=offset, accumulator=total)


def _merge(total: Accumulator, acc: Accumulator, offset: int, indicators: list[OcdsIndicator]) -> None:
    """Merge the next range's accumulator (its first line is line `offset`) into `total`."""
    if offset:
        step = offset * RANKS  # an event's place is line * RANKS + rank
        # Unpacking into named fields builds one tuple per event (`*rest` built a list too).
        acc.events = [
            (place + step, group, subject, code, value, fired)
            for place, group, subject, code, value, fired in acc.events
        ]
        acc.map_events = [
            (place + step, name, ocid, organization) for place, name, ocid, organization in acc.map_events
        ]
        for indicator in indicators:
            indicator.shift(acc, offset)
        if acc.currency is not None:
            acc.currency = (acc.currency[0] + offset, acc.currency[1])
    total.events.extend(acc.events)
    total.map_events.extend(acc.map_events)
    if total.currency is None:
        total.currency = acc.currency
    for indicator in indicators:
        indicator.merge(total, acc)


def _compute(
    total: Accumulator,
    settings: OcdsSettings,
    with_map: bool,
    why: bool,
    indicators: list[OcdsIndicator],
    apart: Future[bytes] | None,
) -> Results:
    """The main currency, the events in line order, then each indicator's finalize (or, for
    the apart indicators, what their finalize left in the worker)."""
    results = Results(maps={name: {} for name in MAP_NAMES} if with_map else None, keep_why=why)
    if settings.currency is not None:
        results.currency = settings.currency
    elif total.currency is not None:
        results.currency = total.currency[1]
    for indicator in indicators:
        indicator.resolve(total, results)
    total.events.sort(key=itemgetter(0))  # place: line and rank
    results.set_events(total.events)
    total.map_events.sort(key=itemgetter(0))
    for _place, name, ocid, organization in total.map_events:
        results.add_map(name, ocid, organization)
    parts: dict[str, Part] | None = None
    for indicator in indicators:
        if apart is not None and indicator.apart:
            if parts is None:
                parts = pickle.loads(apart.result())
            replay(parts[indicator.code], results)
        else:
            indicator.finalize(total, results)
    _drop_empty_groups(results)
    return results


def _drop_empty_groups(results: Results) -> None:
    """Cardinal removes an empty OCID, then an empty Tenderer group with IndexMap::swap_remove,
    which moves the last group into the removed one's place."""
    for name in ("OCID", "Tenderer"):
        keys = list(results.groups)
        if name in keys and not results.groups[name]:
            index = keys.index(name)
            last = keys[-1]
            values = results.groups
            if last != name:
                keys[index] = last
            keys.pop()
            results.groups = {key: values[key] for key in keys}


def run_lines(
    lines: Sequence[bytes], settings: OcdsSettings, with_map: bool = False, why: bool = True
) -> Run:
    """Compute over lines in memory (each without its trailing newline).

    `why=False` leaves `results.why` empty (the printed output does not use it)."""
    return _finish([_fold_lines(iter(lines), settings, with_map, why)], settings, with_map, why)


def run_file(
    path: Path,
    settings: OcdsSettings,
    with_map: bool = False,
    workers: int | None = None,
    why: bool = True,
) -> Run:
    """Compute over a JSONL file; in parallel (one process per core) when it is large.

    `why=False` leaves `results.why` empty (the printed output does not use it)."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    size = path.stat().st_size
    if workers <= 1 or size < PARALLEL_FROM:
        return _finish([_work(str(path), 0, size, settings, with_map, why)], settings, with_map, why)
    ranges = _ranges(path, workers * RANGES_PER_WORKER)
    # The main process folds the first range itself while `workers - 1` processes fold the
    # others: it would otherwise wait idle, and that range's result needs no pickling in a
    # worker and no unpickling here (about 0.7 s of the serial end at 1 M releases).
    (first_start, first_end), others = ranges[0], ranges[1:]
    # With one worker process, it keeps its range's apart tables and computes those
    # indicators beside the main process's end (see `apart`).
    together = len(others) == 1 and any(indicator.apart for indicator in build_indicators(settings))
    with ProcessPoolExecutor(max_workers=max(1, workers - 1), mp_context=get_context("fork")) as pool:
        futures = [
            pool.submit(_work_pickled, str(path), a, b, settings, with_map, why, together) for a, b in others
        ]
        first = _work(str(path), first_start, first_end, settings, with_map, why)
        apart: Future[bytes] | None = None
        if together:
            # Left in the first range's accumulator (unmerged, not finalized there), so they
            # are freed with the run, not here (see `Run.accumulator`).
            tables = apart_tables(first[0], build_indicators(settings, with_map, why))
            apart = pool.submit(_finalize_apart_here, _pickled(tables), settings, with_map, why)
            del tables

        def in_order() -> Iterator[tuple[Accumulator, list[LineProblem], int]]:
            yield first
            for index, future in enumerate(futures):
                part: tuple[Accumulator, list[LineProblem], int] = pickle.loads(future.result())
                yield part
                futures[index] = None  # type: ignore[call-overload]  # let the merged part go

        return _finish(in_order(), settings, with_map, why, apart)
