"""`sodsong flags` as a user runs it: a new snapshot with flags, settings errors, --evaluate."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sodsong.procurement import warehouse
from tests.procurement.indicators.thai.builder import Builder
from tests.procurement.indicators.thai.cases import CASES, build_all

REPO = Path(__file__).resolve().parents[4]


def sodsong(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PYTHONPATH": str(REPO / "src"),
        "PATH": "/usr/bin:/bin",
        "SODSONG_WAREHOUSE": str(path),
        "SODSONG_DATA_DIR": str(path.parent),
    }
    return subprocess.run(
        [sys.executable, "-m", "sodsong", "flags", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def _warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "warehouse.duckdb"
    with warehouse.write(path, fresh=True) as con:
        build_all(Builder(con))
    return path


def test_flags_then_evaluate(tmp_path: Path) -> None:
    path = _warehouse(tmp_path)
    truth = tmp_path / "truth.csv"
    lines = ["indicator,subject_kind,subject_id,process_id,details"]
    lines += [f"{c.indicator},x,{c.positive},," for c in CASES]
    lines.append("TH-EQUAL,process,,equal-neg,{}")  # planted but not flagged: recall 50 %
    truth.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = sodsong(path, "--evaluate", str(truth))
    assert result.returncode == 0, result.stderr
    assert "TH-NEAR-REF: 1 flagged" in result.stdout
    report = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line.startswith("TH-")}
    assert report["TH-EQUAL"][1:4] == ["2", "1", "50.0"]
    assert report["TH-NEAR-REF"][1:4] == ["1", "1", "100.0"]


def test_unknown_setting_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    path = _warehouse(tmp_path)
    before = warehouse.current_snapshot(path)
    ini = tmp_path / "s.ini"
    ini.write_text("[TH-CLUSTER]\nmax_spread = 2\n", encoding="utf-8")
    result = sodsong(path, "--settings", str(ini))
    assert result.returncode == 2
    assert "unknown setting 'max_spread' of [TH-CLUSTER]" in result.stderr
    assert warehouse.current_snapshot(path) == before


def test_bad_ground_truth_is_named(tmp_path: Path) -> None:
    truth = tmp_path / "truth.csv"
    truth.write_text("indicator,subject\nTH-EQUAL,x\n", encoding="utf-8")
    result = sodsong(tmp_path / "warehouse.duckdb", "--evaluate", str(truth), "--no-compute")
    assert result.returncode == 2
    assert "line 1: header lacks subject_kind" in result.stderr


HEADER = "indicator,subject_kind,subject_id,process_id,details\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            (HEADER + "TH-EQUAL,process,p1,p1,{}\n").encode() + b"TH-HIGH,process,\xff\xfe,p2,{}\n",
            "line 3: not UTF-8 text",
        ),
        (
            (HEADER + 'TH-EQUAL,process,"p1,p1,{}\n').encode(),
            "line 2: not a CSV row (unexpected end of data)",
        ),
        (bytes(range(256)) * 8, "line 2: not UTF-8 text"),  # a newline (byte 10) before byte 128
    ],
)
def test_a_ground_truth_that_is_not_csv_text_is_named(tmp_path: Path, content: bytes, message: str) -> None:
    """Binary or broken text gave a traceback; now one message naming the file and line."""
    truth = tmp_path / "truth.csv"
    truth.write_bytes(content)
    result = sodsong(tmp_path / "warehouse.duckdb", "--evaluate", str(truth), "--no-compute")
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stderr.startswith(f"sodsong: error: {truth}, {message}"), result.stderr[-2000:]


def test_a_directory_as_ground_truth_is_named(tmp_path: Path) -> None:
    result = sodsong(tmp_path / "warehouse.duckdb", "--evaluate", str(tmp_path), "--no-compute")
    assert result.returncode == 2 and result.stderr.startswith(
        f"sodsong: error: {tmp_path}: cannot read ("
    ), result.stderr


def test_evaluating_a_warehouse_without_flags_says_so(tmp_path: Path) -> None:
    path = _warehouse(tmp_path)
    truth = tmp_path / "truth.csv"
    truth.write_text(
        "indicator,subject_kind,subject_id,process_id,details\nTH-EQUAL,process,p,,\n", encoding="utf-8"
    )
    result = sodsong(path, "--evaluate", str(truth), "--no-compute")
    assert result.returncode == 2
    assert "no flags yet" in result.stderr


def test_profile_names_every_step_with_its_seconds(tmp_path: Path) -> None:
    """`--profile` shows where a run's time goes: the wait for the snapshot copy, each shared relation, each
    indicator's flags and count, and the checkpoint, with CPU and wall seconds."""
    result = sodsong(_warehouse(tmp_path), "--profile")
    assert result.returncode == 0, result.stderr
    steps = {}
    for line in result.stdout.splitlines():
        parts = line.split(maxsplit=3)
        if len(parts) == 4 and parts[0].replace(".", "").isdigit():
            steps[parts[3]] = (float(parts[0]), float(parts[1]))
    for step in ("wait for the snapshot copy", "materialize th_process", "flags TH-NEAR-REF", "count TH-NEAR-REF",
                 "fences TH-HIGH", "candidates TH-HIGH", "checkpoint and switch", "all steps"):  # fmt: skip
        assert step in steps, (step, result.stdout)
    assert all(cpu >= 0 and wall >= 0 for cpu, wall in steps.values())
