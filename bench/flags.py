"""All Thai flags on generated warehouses: seconds, CPU, peak RSS, and the 10 M / 1 M ratio.

    python bench/flags.py prepare 1000000 10000000     # generate + import once (bench/data/flags-N/)
    python bench/flags.py run 1000000 10000000 [--engine duckdb] [--repeat 3]

`prepare` uses `sodsong generate` and `sodsong import parquet` (seed 1, default anomaly rate).
`run` starts `sodsong flags` as its own process per size, measured with wait4 (wall seconds,
CPU seconds, peak RSS), and also reports the run's own compute time (`flag_run` timestamps:
the engines' work, during which the snapshot is copied; without the checkpoint). Results print
as Markdown rows for docs/benchmarks.md and are appended to bench/data/flags.jsonl. With
`--repeat N` the sizes are run in turn N times (small, large, small, large, ...) and the ratio is
that of the median times: a 1 M run alone moves by ±15 % on a shared 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import time
from pathlib import Path

from measure import run_sodsong

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "bench" / "data"


def _env(projects: int) -> dict[str, str]:
    home = DATA / f"flags-{projects}"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "SODSONG_WAREHOUSE": str(home / "warehouse.duckdb")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


_run = run_sodsong


def prepare(projects: int) -> None:
    home = DATA / f"flags-{projects}"
    out = home / "generated"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    env = _env(projects)
    print(
        projects,
        "generate",
        _run(["generate", "--projects", str(projects), "--seed", "1", "--out", str(out)], env),
    )
    print(projects, "import", _run(["import", "parquet", str(out)], env))
    shutil.rmtree(out, ignore_errors=True)


def _compute_seconds(projects: int) -> float:
    import duckdb

    link = DATA / f"flags-{projects}" / "warehouse.duckdb"
    con = duckdb.connect(str(link.resolve()), read_only=True)
    try:
        row = con.execute(
            "SELECT epoch(finished_at) - epoch(started_at) FROM flag_run WHERE family = 'thai'"
        ).fetchone()
        assert row is not None
        return round(float(row[0]), 1)
    finally:
        con.close()


def run(projects: int, engine: str) -> dict[str, object]:
    measured = _run(["flags", "--engine", engine], _env(projects))
    result: dict[str, object] = {
        "projects": projects,
        "engine": engine,
        "compute_seconds": _compute_seconds(projects),
        **measured,
        "load_before": os.getloadavg()[0],
        "at": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
    }
    DATA.mkdir(parents=True, exist_ok=True)
    with (DATA / "flags.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(result) + "\n")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("step", choices=("prepare", "run"))
    parser.add_argument("projects", nargs="+", type=int)
    parser.add_argument("--engine", default="duckdb", choices=("duckdb", "spark"))
    parser.add_argument("--repeat", type=int, default=1, help="run the sizes in turn this many times")
    args = parser.parse_args()
    if args.step == "prepare":
        for projects in args.projects:
            prepare(projects)
        return
    results: dict[int, list[dict[str, object]]] = {p: [] for p in args.projects}
    for _ in range(args.repeat):
        for projects in args.projects:
            results[projects].append(run(projects, args.engine))
            print(json.dumps(results[projects][-1]), flush=True)
    if len(results) >= 2:
        small, large = args.projects[0], args.projects[-1]

        def median(projects: int, key: str) -> float:
            return statistics.median(float(str(r[key])) for r in results[projects])

        print(
            f"ratio {large}/{small} (medians of {args.repeat}): compute "
            f"{median(large, 'compute_seconds') / median(small, 'compute_seconds'):.2f}, "
            f"total {median(large, 'seconds') / median(small, 'seconds'):.2f}"
        )


if __name__ == "__main__":
    main()
