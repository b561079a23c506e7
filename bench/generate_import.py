"""Generate N synthetic processes and import them: seconds, rows/s, CPU, peak RSS, sizes.

    python bench/generate_import.py 1000000 10000000 [--seed 1] [--keep]

Each step runs as its own `sodsong` process (as a user would run it), measured with wait4: wall
seconds, CPU seconds (user + system, all threads) and the peak resident set size. Data goes to
bench/data/ (ignored by git) and is deleted afterwards unless --keep. Results are printed as
Markdown rows for docs/benchmarks.md and appended to bench/data/generate_import.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from pathlib import Path

from measure import run_sodsong

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "bench" / "data"


_run = run_sodsong


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def bench(projects: int, seed: int, keep: bool) -> dict[str, object]:
    out = DATA / f"generated-{projects}"
    home = DATA / f"warehouse-{projects}"
    for folder in (out, home):
        shutil.rmtree(folder, ignore_errors=True)
    home.mkdir(parents=True)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "SODSONG_WAREHOUSE": str(home / "warehouse.duckdb")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    generated = _run(["generate", "--projects", str(projects), "--seed", str(seed), "--out", str(out)], env)
    manifest = json.loads((out / "manifest.json").read_text())
    rows = sum(manifest["tables"].values())
    imported = _run(["import", "parquet", str(out), "--replace"], env)
    result: dict[str, object] = {
        "projects": projects,
        "rows": rows,
        "generate": generated,
        "import": imported,
        "total_seconds": round(generated["seconds"] + imported["seconds"], 1),
        "total_cpu_seconds": round(generated["cpu_seconds"] + imported["cpu_seconds"], 1),
        "rows_per_second": round(rows / (generated["seconds"] + imported["seconds"])),
        "parquet_mb": round(_size(out) / 2**20),
        "warehouse_mb": round(_size(home / "warehouse.snapshots") / 2**20),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average": os.getloadavg()[0],
    }
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", type=int, nargs="*", default=[1_000_000, 10_000_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the generated folder and warehouse")
    args = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    print(
        "| processes | rows | generate s (CPU s, peak RSS) | import s (CPU s, peak RSS) | total s | rows/s | Parquet | warehouse |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for projects in args.projects:
        r = bench(projects, args.seed, args.keep)
        g, i = r["generate"], r["import"]
        assert isinstance(g, dict) and isinstance(i, dict)
        print(
            f"| {projects:,} | {r['rows']:,} | {g['seconds']} ({g['cpu_seconds']}, {g['peak_rss_mb']} MB) | "
            f"{i['seconds']} ({i['cpu_seconds']}, {i['peak_rss_mb']} MB) | {r['total_seconds']} | "
            f"{r['rows_per_second']:,} | {r['parquet_mb']} MB | {r['warehouse_mb']} MB |",
            flush=True,
        )
        with (DATA / "generate_import.jsonl").open("a") as handle:
            handle.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    main()
