"""The demo loads the real sample data (and the fictitious blacklist example), idempotently."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from sodsong.procurement import demo, warehouse


def test_the_demo_loads_every_sample_and_again_changes_nothing(warehouse_path: Path) -> None:
    console = Console(record=True, width=200)
    demo.load(console)
    with warehouse.open() as con:
        first = warehouse.table_checksums(con)
        attribution = con.execute(
            "SELECT DISTINCT attribution FROM source_file WHERE source_kind = 'egp_csv'"
        ).fetchall()
    assert first["process"][0] == 2404
    assert first["sanction"][0] == 2 and first["relation"][0] > 1000
    assert attribution == [(demo_attribution(),)]
    text = console.export_text()
    assert "egp: 2,406 records read, 2,406 imported, 0 rejected" in text
    demo.load(console)
    with warehouse.open() as con:
        assert warehouse.table_checksums(con) == first


def demo_attribution() -> str:
    from sodsong.procurement.sources.egp_csv import ATTRIBUTION

    return ATTRIBUTION
