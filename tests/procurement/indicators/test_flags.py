"""Cardinal's results as flag-table rows (docs/flags.md), with the values that fired each flag."""

from __future__ import annotations

import json
from pathlib import Path

from sodsong.procurement.indicators.ocds import SPECS
from sodsong.procurement.indicators.ocds.engine import run_file
from sodsong.procurement.indicators.ocds.flags import fence_rows, flag_rows
from sodsong.procurement.indicators.ocds.settings import parse_settings

EXAMPLES = Path(__file__).resolve().parents[3] / "data" / "ocds" / "cardinal-doc-examples"


def test_rows_for_close_prices() -> None:
    run = run_file(EXAMPLES / "024.jsonl", parse_settings("[R024]\n", SPECS))
    rows = flag_rows(run.results, "run-1")
    assert [(r["subject_kind"], r["subject_id"], r["process_id"], r["value"]) for r in rows] == [
        ("process", "F", "F", 1.0),
        ("tenderer", "W", "F", 0.0),
        ("tenderer", "L", "F", 0.0),
    ]
    details = json.loads(rows[0]["details"])
    assert details["winner"] == "W" and details["second"] == "L" and details["difference_ratio"] == 1.0
    assert details["lower_fence"] == 17.333333333333286  # mul_add: one rounding
    assert {r["family"] for r in rows} == {"ocds"} and len({r["flag_id"] for r in rows}) == 3
    fences = fence_rows(run.results, "run-1", {"R024": None})
    assert fences == [
        {
            "run_id": "run-1",
            "indicator": "R024",
            "group_key": "*",
            "n": 5,
            "q1": 66.33333333333331,
            "q3": 99.0,
            "lower_fence": 17.333333333333286,
            "upper_fence": None,
            "threshold": None,
        }
    ]


def test_rows_for_disqualified_bids_per_group() -> None:
    run = run_file(EXAMPLES / "038.jsonl", parse_settings("[R038]\n", SPECS))
    rows = flag_rows(run.results, "r")
    assert [(r["subject_kind"], r["subject_id"], r["org_id"]) for r in rows] == [("buyer", "B", "B")]
    assert json.loads(rows[0]["details"]) == {"disqualified_bids": 1, "submitted_bids": 2}
    assert [f["group_key"] for f in fence_rows(run.results, "r", {})][:1] == ["Buyer"]


def test_an_organisation_flagged_in_several_processes_lists_them() -> None:
    lines = "\n".join(
        json.dumps(
            {
                "ocid": ocid,
                "bids": {
                    "details": [
                        {
                            "status": "valid",
                            "value": {"amount": 1, "currency": "USD"},
                            "tenderers": [{"id": "V"}],
                        },
                        {
                            "status": "valid",
                            "value": {"amount": 1, "currency": "USD"},
                            "tenderers": [{"id": "D"}],
                        },
                    ]
                },
            }
        )
        for ocid in ("P1", "P2")
    )
    path = Path(__file__).parent / "cases" / "R028.jsonl"
    assert path.exists()
    from sodsong.procurement.indicators.ocds.engine import run_lines

    run = run_lines(lines.encode().split(b"\n"), parse_settings("[R028]\n", SPECS))
    tenderer_rows = [r for r in flag_rows(run.results, "r") if r["subject_kind"] == "tenderer"]
    assert [json.loads(r["details"]) for r in tenderer_rows] == [{"processes": ["P1", "P2"]}] * 2
    assert all(r["process_id"] is None for r in tenderer_rows)
