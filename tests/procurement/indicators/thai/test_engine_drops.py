"""When the DuckDB engine drops the shared relations: the memory they hold is what spills at 10 M."""

from __future__ import annotations

from sodsong.procurement.indicators.thai import INDICATORS
from sodsong.procurement.indicators.thai.common import COMMON
from sodsong.procurement.indicators.thai.engine import _built_from, _last_use


def test_th_win_is_dropped_once_th_winner_is_built() -> None:
    # No flag reads th_win (they read th_winner), so it goes before th_bid_multi is built.
    unread = _last_use(INDICATORS)[-1]
    assert "th_win" in unread
    drops = _built_from(unread)
    assert "th_win" in drops["th_winner"]
    names = [name for name, _sql in COMMON]
    assert names.index("th_winner") < names.index("th_bid_multi")


def test_unread_relations_are_dropped_after_their_last_reader() -> None:
    drops = _built_from(["th_alias", "th_win"])
    assert drops == {"th_director": ["th_alias"], "th_winner": ["th_win"]}
