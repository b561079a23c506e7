"""The demo loads the real sample data (and the fictitious blacklist example), idempotently."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from sodsong.procurement import demo, warehouse


def test_the_demo_loads_every_sample_and_again_changes_nothing(
    warehouse_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "SYNTHETIC_PROJECTS", 3000)
    console = Console(record=True, width=200)
    demo.load(console)
    with warehouse.open() as con:
        first = warehouse.table_checksums(con)
        attribution = con.execute(
            "SELECT DISTINCT attribution FROM source_file WHERE source_kind = 'egp_csv'"
        ).fetchall()
        real_sanctions = con.execute(
            "SELECT count(*) FROM sanction WHERE sanction_id NOT LIKE 'syn-%'"
        ).fetchone()
        kinds = dict(con.execute("SELECT source_kind, count(*) FROM process GROUP BY 1").fetchall())
    assert kinds == {"egp_csv": 2404, "synthetic": 3000}
    assert first["process"][0] == 2404 + 3000
    assert real_sanctions == (2,) and first["relation"][0] > 1000
    assert attribution == [(demo_attribution(),)]
    text = console.export_text()
    assert "egp: 2,406 records read, 2,406 imported, 0 rejected" in text
    assert "synthetic: 3,000 generated processes" in text
    with warehouse.open() as con:
        ready = dict(con.execute("SELECT indicator, subjects_flagged FROM flag_readiness").fetchall())
    assert len(ready) == 22 and sum(ready.values()) > 0
    assert "flags: " in text
    demo.load(console)
    with warehouse.open() as con:
        assert warehouse.table_checksums(con) == first


def demo_attribution() -> str:
    from sodsong.procurement.sources.egp_csv import ATTRIBUTION

    return ATTRIBUTION
