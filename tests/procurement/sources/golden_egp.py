"""Golden e-GP imports: scenarios whose table checksums were recorded before the importer was
rewritten for speed (commit 6783a3b); a faster importer must leave exactly the same rows.

    python -m tests.procurement.sources.golden_egp --write   # re-record (only with the old importer)

The checksums are `warehouse.table_checksums` (DuckDB's `hash`), so a DuckDB upgrade that
changes its hash function means re-recording them with the importer of 6783a3b first.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sodsong.procurement import warehouse
from sodsong.procurement.sources.common import ImportSummary
from sodsong.procurement.sources.runs import import_egp
from tests.procurement.sources.egp_files import DRONE, ICS, drone_rows
from tests.procurement.sources.egp_messy import write_messy

EXPECTED = Path(__file__).with_name("golden_egp.json")
BENCH_ROWS = 200_000


def _summary(summary: ImportSummary) -> dict[str, Any]:
    rejections = "\n".join(
        f"{Path(r.file).name}|{r.line}|{r.field}|{r.expected}|{r.value}" for r in summary.rejections
    )
    return {
        "files": [
            [Path(f.file).name, f.encoding, f.layout, f.layout_note, f.read, f.imported, f.rejected]
            for f in summary.files
        ],
        "rejections_total": summary.rejections_total,
        "rejections": hashlib.sha256(rejections.encode()).hexdigest()[:16],
        "errors": len(summary.errors),
    }


def _step(path: Path, files: list[Path]) -> dict[str, Any]:
    summary = import_egp(files, warehouse_path=path)
    with warehouse.open(path) as con:
        sums = warehouse.table_checksums(con)
    return {"summary": _summary(summary), "tables": {k: list(v) for k, v in sums.items()}}


def messy_files(folder: Path) -> dict[str, Path]:
    """The messy inputs: two overlapping ranges of project numbers and real drone projects."""
    real = [int(r["รหัสโครงการ"]) for r in drone_rows()[:80]]
    return {
        "a": write_messy(
            folder / "messy-a.csv", 1, 3000, list(range(65000000000, 65000000800)), encoding="utf-8-sig"
        ),
        "b": write_messy(
            folder / "messy-b.csv",
            2,
            2000,
            list(range(65000000500, 65000001200)),
            header="26",
            encoding="cp874",
        ),
        "c": write_messy(
            folder / "messy-c.csv", 3, 1500, [*range(65000000700, 65000000900), *real], header="28"
        ),
    }


def run_small(folder: Path) -> dict[str, Any]:
    """The real samples in one run; then a sequence of runs with messy files in one warehouse."""
    results: dict[str, Any] = {}
    results["samples"] = _step(folder / "samples" / "warehouse.duckdb", [DRONE, ICS])
    messy = messy_files(folder)
    path = folder / "sequence" / "warehouse.duckdb"
    sequence: list[tuple[str, list[Path]]] = [
        ("1-ics", [ICS]),
        ("2-messy-a", [messy["a"]]),
        ("3-messy-b", [messy["b"]]),
        ("4-drone-messy-c", [DRONE, messy["c"]]),
        ("5-messy-a-again", [messy["a"]]),
    ]
    for name, files in sequence:
        results[f"sequence/{name}"] = _step(path, files)
    return results


def run_bench(folder: Path, bench_file: Path | None = None) -> dict[str, Any]:
    """A 200,000-row file from the benchmark generator in a fresh warehouse, then more on top."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
    import import_egp as bench

    if bench_file is None:
        bench_file = folder / f"egp-{BENCH_ROWS}.csv"
        bench.generate(bench_file, BENCH_ROWS)
    path = folder / "bench" / "warehouse.duckdb"
    messy = messy_files(folder)
    return {
        "bench/1-fresh": _step(path, [bench_file]),
        "bench/2-ics-messy-b": _step(path, [ICS, messy["b"]]),
    }


def differences(expected: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """Readable differences, step by step and table by table."""
    found = []
    for step, want in expected.items():
        have = got.get(step)
        if have is None:
            found.append(f"{step}: not run")
            continue
        if have["summary"] != want["summary"]:
            found.append(f"{step}: summary {have['summary']} != {want['summary']}")
        for name, sums in want["tables"].items():
            if have["tables"].get(name) != sums:
                found.append(f"{step}: table {name} {have['tables'].get(name)} != {sums}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="record the expected checksums")
    parser.add_argument("--bench-file", type=Path, help="an existing bench/data/egp-200000.csv")
    args = parser.parse_args()
    runs: list[Callable[[Path], dict[str, Any]]] = [run_small, lambda f: run_bench(f, args.bench_file)]
    results: dict[str, Any] = {}
    for run in runs:
        with tempfile.TemporaryDirectory() as folder:
            results.update(run(Path(folder)))
    if args.write:
        EXPECTED.write_text(json.dumps(results, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
        return 0
    found = differences(json.loads(EXPECTED.read_text()), results)
    print("\n".join(found) or "identical")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
