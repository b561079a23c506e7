"""When the DuckDB engine drops the shared relations: the memory they hold is what spills at 10 M."""

from __future__ import annotations

import re

from sodsong.procurement.indicators.thai import INDICATORS
from sodsong.procurement.indicators.thai.common import COMMON
from sodsong.procurement.indicators.thai.engine import EARLY, _built_from, _last_use, _run_order


def _reads(indicator: object, name: str) -> bool:
    texts = [getattr(indicator, part) or "" for part in ("flags", "checked", "fences", "candidates")]
    return any(re.search(rf"\b{name}\b", text) for text in texts)


def test_th_tally_is_dropped_once_the_last_relation_built_from_it_exists() -> None:
    # No flag reads th_tally (th_process, th_winner, th_bid_multi and th_bid_stats carry what
    # they need of it), so it goes as soon as th_bid_multi is built.
    unread = _last_use(_run_order(INDICATORS))[-1]
    assert "th_tally" in unread
    drops = _built_from(unread)
    assert "th_tally" in drops["th_bid_multi"]
    names = [name for name, _sql in COMMON]
    assert max(names.index(n) for n in ("th_bid_stats", "th_process", "th_winner")) < names.index(
        "th_bid_multi"
    )


def test_unread_relations_are_dropped_after_their_last_reader() -> None:
    drops = _built_from(["th_alias", "th_tally"])
    assert drops == {"th_director": ["th_alias"], "th_bid_multi": ["th_tally"]}


def test_readers_of_the_early_relations_run_first_and_every_indicator_runs_once() -> None:
    order = _run_order(INDICATORS)
    assert sorted(i.code for i in order) == sorted(i.code for i in INDICATORS)
    early = [any(_reads(i, name) for name in EARLY) for i in order]
    assert any(early) and not all(early)
    assert early == sorted(early, reverse=True)  # all readers before all others
    # th_bid and th_supplier are dropped once those have run, before the rest.
    drops = _last_use(order)
    last_early = early.index(False) - 1
    assert set(EARLY) <= {
        name for position, names in drops.items() if position <= last_early for name in names
    }
