"""Planted anomalies: every code is in the ground truth, its subject is in the data, and the Thai
flags with their default thresholds find every one of them (100 % recall)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from sodsong.procurement import warehouse
from sodsong.procurement.generator import CODES, GROUND_TRUTH, Generated
from sodsong.procurement.generator.plan import PROCESS_CODES

SUBJECT_KINDS = {"process", "company", "agency", "pair", "tenderer"}


def _truth(generated: Generated) -> list[dict[str, str]]:
    with (generated.folder / GROUND_TRUTH).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_code_is_planted_at_the_rate(generated: Generated) -> None:
    rows = _truth(generated)
    assert set(rows[0]) == {"indicator", "subject_kind", "subject_id", "process_id", "details"}
    assert {r["indicator"] for r in rows} == set(CODES)
    assert {r["subject_kind"] for r in rows} <= SUBJECT_KINDS
    # one process-level plant per 20 processes at rate 0.05 (less the processes of planted blocks)
    per_process = [r for r in rows if r["indicator"] in PROCESS_CODES]
    assert len(per_process) == pytest.approx(generated.sizes.projects * 0.05, rel=0.08)
    counts = Counter(r["indicator"] for r in per_process)
    assert max(counts.values()) - min(counts.values()) <= 1  # the codes take turns


def test_every_subject_is_in_the_warehouse(generated: Generated, loaded: Path) -> None:
    with warehouse.open(loaded) as con:
        processes = {r[0] for r in con.execute("SELECT process_id FROM process").fetchall()}
        orgs = dict(con.execute("SELECT org_id, kind FROM organisation").fetchall())
    for row in _truth(generated):
        if row["process_id"]:
            assert row["process_id"] in processes, row
        kind = row["subject_kind"]
        if kind == "process":
            assert row["subject_id"] in processes, row
        elif kind == "pair":
            members = row["subject_id"].split("|")
            assert len(members) == 2 and members == sorted(members), row
            assert all(orgs.get(m) == "company" for m in members), row
        else:
            assert orgs.get(row["subject_id"]) == ("agency" if kind == "agency" else "company"), row


def test_the_thai_flags_find_every_planted_anomaly(
    generated: Generated, loaded: Path, tmp_path: Path
) -> None:
    import shutil

    from sodsong.procurement.indicators.thai import SPECS
    from sodsong.procurement.indicators.thai.evaluate import evaluate, read_truth
    from sodsong.procurement.indicators.thai.run import run_flags
    from sodsong.procurement.indicators.thai.settings import load_settings

    path = tmp_path / "w.duckdb"
    folder = path.with_name("w.snapshots")
    shutil.copytree(warehouse.snapshot_dir(loaded), folder)
    current = warehouse.current_snapshot(loaded)
    assert current is not None
    path.symlink_to(folder / current.name)
    run_flags(load_settings(None, SPECS), path=path)
    with warehouse.open(path) as con:
        scores = evaluate(con, read_truth(generated.folder / GROUND_TRUTH))
    missed = {s.indicator: (s.found, s.planted) for s in scores if s.planted and s.found < s.planted}
    assert missed == {}
    assert {s.indicator for s in scores if s.planted} == set(CODES)
