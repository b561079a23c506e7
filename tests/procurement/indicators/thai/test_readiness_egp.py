"""On the real e-GP open data (no bid lists, no company links) the bid-based flags are reported
as not computable, naming the missing fields, while the award-based ones are computed."""

from __future__ import annotations

from pathlib import Path

from sodsong.procurement import warehouse
from sodsong.procurement.indicators.thai import SPECS
from sodsong.procurement.indicators.thai.run import run_flags
from sodsong.procurement.indicators.thai.settings import load_settings
from sodsong.procurement.sources.runs import import_egp

REPO = Path(__file__).resolve().parents[4]


def test_egp_open_data_readiness(tmp_path: Path) -> None:
    path = tmp_path / "warehouse.duckdb"
    import_egp([REPO / "data" / "egp" / "egp_drone_projects.csv"], warehouse_path=path)
    result = run_flags(load_settings(None, SPECS), path=path)
    with warehouse.open(path) as con:
        ready = {
            r[0]: r[1:]
            for r in con.execute(
                "SELECT indicator, computable, subjects_checked, missing_fields FROM flag_readiness"
            ).fetchall()
        }
        bid_flags = con.execute(
            "SELECT count(*) FROM flag WHERE indicator IN ('TH-CLUSTER', 'TH-EQUAL')"
        ).fetchone()
    for code in ("TH-ABOVE-REF", "TH-CLUSTER", "TH-EQUAL", "TH-FEW-BIDDERS", "TH-ABNORMAL-LOW-PEERS"):
        computable, checked, missing = ready[code]
        assert not computable and checked == 0 and "bid." in missing, code
        assert code in result.not_computable
    assert bid_flags == (0,)
    # (TH-YEAR-END-SPECIFIC is computable but checks nothing here: this file dates no specific purchase.)
    for code in ("TH-NEAR-REF", "TH-ABNORMAL-LOW-REF", "TH-REF-VS-BUDGET"):
        computable, checked, _missing = ready[code]
        assert computable and checked > 0, code
