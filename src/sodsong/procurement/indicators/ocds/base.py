"""The contract between the OCDS engine and each indicator module.

An indicator sees each release once (`fold`, in a worker process, over a contiguous range of
lines), keeps what it needs in its slot of the `Accumulator`, merges slots of consecutive
ranges (`merge`, in file order), then computes fences and flags once over the whole dataset
(`finalize`, in the main process). Fold-time flags are `events` with their line number, so
the results come out in file order whatever the number of workers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Final

from sodsong.procurement.indicators.ocds.common import Facts
from sodsong.procurement.indicators.ocds.settings import OcdsSettings, split_pipe
from sodsong.procurement.indicators.registry import IndicatorSpec

__all__ = ["RANKS", "Accumulator", "Event", "MapEvent", "OcdsIndicator", "Results"]

# Every indicator's rank is below RANKS; an event's place is line * RANKS + rank, one int, so
# the engine sorts on one int key (a fifth of the time of (line, rank) tuples at 1 M releases).
RANKS: Final = 32
# (place, group, subject, code, value, the values that fired it or None)
Event = tuple[int, str, str, str, float, dict[str, Any] | None]
# (place, map name, ocid, organization id)
MapEvent = tuple[int, str, str, str]


@dataclass
class Accumulator:
    """What the workers hand back for one range of lines (picklable)."""

    events: list[Event] = field(default_factory=list)
    map_events: list[MapEvent] = field(default_factory=list)
    # The first currency an indicator compared against the main currency: (line, currency).
    currency: tuple[int, str] | None = None
    state: dict[str, Any] = field(default_factory=dict)

    def observe_currency(self, line: int, currency: str) -> None:
        if self.currency is None:
            self.currency = (line, currency)


@dataclass
class Results:
    """Cardinal's output being built: groups, meta and maps, in Cardinal's insertion order."""

    groups: dict[str, dict[str, dict[str, float]]] = field(
        default_factory=lambda: {"OCID": {}, "Tenderer": {}}
    )
    meta: dict[str, dict[str, float]] = field(default_factory=dict)
    maps: dict[str, dict[str, Any]] | None = None
    currency: str | None = None
    # (group, subject, code) -> the values that fired the flag, for the flag tables (not printed)
    why: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    # (code, group key) -> number of values a fence was computed over
    fence_sizes: dict[tuple[str, str], int] = field(default_factory=dict)
    # False when nobody reads `why` (the CLI): explaining every flag is serial work in the main process
    keep_why: bool = True
    # (group, subject, code) -> the processes already listed in `why`, for O(1) membership
    _listed: dict[tuple[str, str, str], set[str]] = field(default_factory=dict, init=False, repr=False)

    def set(self, group: str, subject: str, code: str, value: float) -> None:
        subjects = self.groups.get(group)
        if subjects is None:
            subjects = self.groups[group] = {}
        codes = subjects.get(subject)
        if codes is None:
            codes = subjects[subject] = {}
        codes[code] = value

    def set_events(self, events: list[Event]) -> None:
        """`set` (and `explain`) each fold-time flag of `events`, in their order.

        Here, not in the engine, so that mypyc compiles the loop: it is the longest serial
        step of the end (about 770,000 events at 1 M releases)."""
        keep_why = self.keep_why
        for _place, group, subject, code, value, fired in events:
            self.set(group, subject, code, value)
            if fired and keep_why:
                self.explain(group, subject, code, fired)

    def explain(self, group: str, subject: str, code: str, why: dict[str, Any]) -> None:
        """Keep what fired a flag; an organisation flagged in several processes lists them all."""
        if not self.keep_why:
            return
        key = (group, subject, code)
        known = self.why.setdefault(key, {})
        process = why.get("process_id")
        if group != "OCID" and process is not None:
            processes = known.setdefault("processes", [])
            listed = self._listed.setdefault(key, set())
            if process not in listed:
                listed.add(process)
                processes.append(process)
            why = {key: value for key, value in why.items() if key != "process_id"}
        known.update(why)

    def set_meta(self, code: str, key: str, value: float) -> None:
        self.meta.setdefault(code, {})[key] = value

    def add_map(self, name: str, ocid: str, organization: str) -> None:
        if self.maps is None:
            return
        if name.startswith("ocid_tenderer"):
            self.maps[name].setdefault(ocid, {})[organization] = None  # an ordered set
        else:
            self.maps[name][ocid] = organization


class OcdsIndicator:
    """One Cardinal indicator (or a shared calculation that indicators depend on)."""

    code: ClassVar[str]
    spec: ClassVar[IndicatorSpec | None] = None
    rank: ClassVar[int]  # position in Cardinal's fold order
    # True when `merge` and `finalize` read only `acc.state[code]` and write only through
    # `Results.set`, `explain`, `set_meta` and `fence_sizes`: the engine may then merge and
    # finalize it in a forked process beside the rest of the serial end (see `engine`).
    apart: ClassVar[bool] = False

    def __init__(self, settings: OcdsSettings) -> None:
        self.settings = settings
        self.given: dict[str, object] = settings.indicators.get(self.code, {})
        self.price_include = split_pipe(settings.price_comparison_procurement_methods)
        self.price_exclude = split_pipe(settings.no_price_comparison_procurement_methods)
        # Whether anyone reads the values that fired a flag (`Results.why`) and the `--map`
        # tables: when not (the CLI without --map), folds build neither, which saves their
        # allocation in the workers and their pickling to the main process.
        self.why = True
        self.maps = True

    def setting(self, name: str, default: Any) -> Any:
        value = self.given.get(name)
        return default if value is None else value

    def fold(self, facts: Facts, line: int, acc: Accumulator) -> None:
        """Look at one release (already past the global exclusions)."""

    def done(self, acc: Accumulator) -> None:
        """After a range's last line, where it was folded (before it is pickled or merged)."""

    def merge(self, acc: Accumulator, other: Accumulator) -> None:
        """Add the state of the next range of lines (`other`) to `acc`."""

    def shift(self, acc: Accumulator, offset: int) -> None:
        """Make line numbers kept in this indicator's state absolute (the range starts at `offset`)."""

    def resolve(self, acc: Accumulator, results: Results) -> None:
        """After all lines, before events are replayed: work that needed the main currency."""

    def finalize(self, acc: Accumulator, results: Results) -> None:
        """Dataset-level work (quartiles, fences) and the flags that depend on it."""

    def flag(
        self,
        acc: Accumulator,
        line: int,
        group: str,
        subject: str,
        value: float,
        why: dict[str, Any] | None = None,
    ) -> None:
        acc.events.append((line * RANKS + self.rank, group, subject, self.code, value, why))

    def map_event(self, acc: Accumulator, line: int, name: str, ocid: str, organization: str) -> None:
        """An entry of the `--map` table `name`, set in line order at the end."""
        acc.map_events.append((line * RANKS + self.rank, name, ocid, organization))
