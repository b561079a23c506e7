"""`th_tally`, `th_bid_stats` and the run order: what the bid-list flags count and flag.

A cancelled process is never flagged, but its bids count in the readiness of the bid-list flags
(as when `th_bid_count` held them), and a process with awards but no bid or bids but no award
gets only its half of `th_tally`.
"""

from __future__ import annotations

from pathlib import Path

from sodsong.procurement import warehouse
from sodsong.procurement.indicators.thai import SPECS
from sodsong.procurement.indicators.thai.run import run_flags
from sodsong.procurement.indicators.thai.settings import load_settings
from tests.procurement.indicators.thai.builder import Builder


def _warehouse(path: Path) -> None:
    with warehouse.write(path, fresh=True) as con:
        b = Builder(con)
        # Three bids within 1 % (TH-CLUSTER, TH-EQUAL would fire), but the process is cancelled.
        b.process("p-cancelled")
        for tenderer in ("t1", "t2", "t3"):
            b.bid("p-cancelled", tenderer, 900_000)
        con.execute("UPDATE process SET tender_status = 'cancelled' WHERE process_id = 'p-cancelled'")
        # The same, not cancelled: fires.
        b.process("p-open")
        for tenderer in ("t1", "t2", "t3"):
            b.bid("p-open", tenderer, 900_000)
        # Bids only (one priced above 0, one not priced), no award.
        b.process("p-bids")
        b.bid("p-bids", "t1", 500_000)
        b.bid("p-bids", "t2", None)
        # An award, no bid.
        b.process("p-award")
        b.award("p-award", "s1", 990_000)


def test_cancelled_bids_count_in_readiness_but_never_flag(tmp_path: Path) -> None:
    path = tmp_path / "warehouse.duckdb"
    _warehouse(path)
    run_flags(load_settings(None, SPECS), path=path)
    with warehouse.open(path) as con:
        flagged = set(con.execute("SELECT indicator, process_id FROM flag").fetchall())
        checked = dict(con.execute("SELECT indicator, subjects_checked FROM flag_readiness").fetchall())
    assert ("TH-CLUSTER", "p-open") in flagged and ("TH-EQUAL", "p-open") in flagged
    assert not any(process == "p-cancelled" for _code, process in flagged)
    # Processes with a bid above 0: cancelled, open, bids-only.
    assert checked["TH-CLUSTER"] == 3
    # Two priced bids or more / two bidders or more: cancelled and open (p-bids has one priced).
    assert checked["TH-EQUAL"] == 2
    assert checked["TH-FREQUENT-COBIDDERS"] == 3
    # The award without a bid: a win (TH-NEAR-REF reads it: 1 % below the reference price).
    assert ("TH-NEAR-REF", "p-award") in flagged
