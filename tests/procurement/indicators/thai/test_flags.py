"""Every Thai flag fires on its positive case and not on its negative one, with its details."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sodsong.procurement import warehouse
from sodsong.procurement.indicators.thai import SPECS
from sodsong.procurement.indicators.thai.run import run_flags
from sodsong.procurement.indicators.thai.settings import load_settings
from tests.procurement.indicators.thai.builder import Builder
from tests.procurement.indicators.thai.cases import CASES, build_all


@pytest.fixture(scope="module")
def flagged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("flags") / "warehouse.duckdb"
    with warehouse.write(path, fresh=True) as con:
        build_all(Builder(con))
    before = warehouse.current_snapshot(path)
    result = run_flags(load_settings(None, SPECS), path=path)
    with warehouse.open(path) as con:
        rows = con.execute(
            "SELECT indicator, subject_kind, subject_id, process_id, org_id, value, details FROM flag"
        ).fetchall()
        readiness = con.execute("SELECT * FROM flag_readiness").fetchall()
        fences = con.execute("SELECT * FROM flag_fence").fetchall()
        runs = con.execute("SELECT * FROM flag_run").fetchall()
    return {
        "path": path,
        "before": before,
        "result": result,
        "rows": rows,
        "readiness": readiness,
        "fences": fences,
        "runs": runs,
    }


def _subjects(flagged: dict[str, Any], indicator: str) -> set[str]:
    return {r[2] for r in flagged["rows"] if r[0] == indicator}


def test_every_thai_flag_has_a_case() -> None:
    assert [c.indicator for c in CASES] == [s.code for s in SPECS]


@pytest.mark.parametrize("case", CASES, ids=[c.indicator for c in CASES])
def test_positive_case_fires(flagged: dict[str, Any], case: Any) -> None:
    assert case.positive in _subjects(flagged, case.indicator)


@pytest.mark.parametrize("case", CASES, ids=[c.indicator for c in CASES])
def test_negative_case_does_not_fire(flagged: dict[str, Any], case: Any) -> None:
    assert case.negative not in _subjects(flagged, case.indicator)


def _details(flagged: dict[str, Any], indicator: str, subject: str) -> dict[str, Any]:
    row = next(r for r in flagged["rows"] if r[0] == indicator and r[2] == subject)
    return dict(json.loads(row[6]))


def test_details_name_the_values_that_fired(flagged: dict[str, Any]) -> None:
    near = _details(flagged, "TH-NEAR-REF", "near-pos")
    assert near == {"winning_bid": 995000.0, "reference_price": 1000000.0, "difference_pct": 0.5}
    pair = _details(flagged, "TH-SHARED-DIRECTOR-ADDRESS", "sd-a|sd-b")
    assert pair["bidders"] == ["sd-a", "sd-b"] and pair["shared_director"] == "sd-person"
    split = _details(flagged, "TH-SPLITTING", "split-pos-0")
    assert [p["process_id"] for p in split["purchases"]] == ["split-pos-0", "split-pos-1", "split-pos-2"]
    assert [p["date"] for p in split["purchases"]] == ["2024-05-02", "2024-05-09", "2024-05-20"]
    assert split["total"] == 1_380_000


def test_splitting_flags_every_purchase_of_the_run(flagged: dict[str, Any]) -> None:
    assert {"split-pos-0", "split-pos-1", "split-pos-2"} <= _subjects(flagged, "TH-SPLITTING")


def test_fence_indicators_write_their_fences(flagged: dict[str, Any]) -> None:
    fences = {(f[1], f[2]): f for f in flagged["fences"]}
    assert ("TH-ABNORMAL-LOW-PEERS", "*") in fences
    high = fences[("TH-HIGH", "goods|selective|0.5-5M")]
    assert high[3] == 14 and high[7] is not None and high[7] < 1.5


def test_readiness_is_honest(flagged: dict[str, Any]) -> None:
    ready = {r[1]: r for r in flagged["readiness"]}
    assert set(ready) == {s.code for s in SPECS}
    assert all(r[2] for r in ready.values())
    assert ready["TH-NEAR-REF"][4] == len(_subjects(flagged, "TH-NEAR-REF"))
    assert ready["TH-YEAR-END-SPECIFIC"][3] >= 2


def test_a_new_snapshot_is_written(flagged: dict[str, Any]) -> None:
    assert warehouse.current_snapshot(flagged["path"]) != flagged["before"]
    assert [(r[1], r[2]) for r in flagged["runs"]] == [("duckdb", "thai")]


def test_flag_ids_are_unique(flagged: dict[str, Any], tmp_path: Path) -> None:
    with warehouse.open(flagged["path"]) as con:
        row = con.execute("SELECT count(*), count(DISTINCT flag_id) FROM flag").fetchone()
    assert row is not None and row[0] == row[1]


def test_a_new_run_replaces_the_thai_rows_and_keeps_the_others(tmp_path: Path) -> None:
    """Run twice: the second run's rows replace the first's (only the Thai ones: a row of
    another family stays), whether the table is emptied by DELETE or dropped and made again."""
    path = tmp_path / "warehouse.duckdb"
    with warehouse.write(path, fresh=True) as con:
        build_all(Builder(con))
    settings = load_settings(None, SPECS)
    columns = "flag_id, indicator, subject_kind, subject_id, process_id, org_id, value, details"

    def flags() -> list[tuple[Any, ...]]:
        with warehouse.open(path) as con:
            return sorted(con.execute(f"SELECT {columns} FROM flag WHERE family = 'thai'").fetchall())

    run_flags(settings, path=path)
    first = flags()
    run_flags(settings, path=path)  # every row is Thai: the table is dropped and made again
    assert flags() == first
    with warehouse.write(path) as con:
        con.execute("INSERT INTO flag (flag_id, run_id, indicator, family) VALUES ('x', 'r', 'R003', 'ocds')")
    run_flags(settings, path=path)  # an OCDS row: the Thai rows are deleted, the OCDS row stays
    assert flags() == first
    with warehouse.open(path) as con:
        assert con.execute("SELECT flag_id FROM flag WHERE family = 'ocds'").fetchall() == [("x",)]
        runs = con.execute("SELECT count(*) FROM flag_run WHERE family = 'thai'").fetchone()
    assert runs == (1,)
