"""Benchmark `sodsong import egp` on a large e-GP-shaped CSV built from the real sample rows.

    python bench/import_egp.py --rows 1000000

Writes bench/data/egp-<rows>.csv (the data.go.th 31-field layout, project numbers varied, one
project in five with a second contract row) unless it exists, then in fresh processes:
1. the floor: DuckDB reading every field of the file (`read_csv`, all text, count only);
2. the import: `sodsong import egp` into an empty warehouse;
and prints rows/s, CPU seconds, peak RSS, warehouse size and the import/floor ratio (timings on
the shared 2-core machine are noisy; the ratio, measured in the same run, is what to compare).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from tests.procurement.sources.egp_files import HEADER_31, drone_rows, ics_rows  # noqa: E402

DRONE_TO_31 = {h: h for h in HEADER_31}


def _template_rows() -> list[list[str]]:
    """Every real sample row in the 31-field layout (the extract's missing columns left empty)."""
    rows = [[row.get(h, "") for h in HEADER_31] for row in ics_rows()]
    for row in drone_rows():
        mapped = {h: row.get(h, "") for h in HEADER_31}
        mapped["ปีงบประมาณ"] = row["_ปีงบ"]
        mapped["วิธีจัดซื้อฯ"] = row["กลุ่มวิธีจัดซื้อฯ"]
        mapped["กลุ่มวิธีจัดซื้อฯ"] = ""
        rows.append([mapped[h] for h in HEADER_31])
    return rows


def generate(path: Path, rows: int) -> None:
    templates = _template_rows()
    project = HEADER_31.index("รหัสโครงการ")
    contract = HEADER_31.index("เลขที่สัญญา")
    amount = HEADER_31.index("งบสัญญา(บาท)")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER_31)
        written = number = 0
        while written < rows:
            template = templates[number % len(templates)]
            row = list(template)
            row[0] = str(written + 1)
            row[project] = f"{60000000000 + number:011d}"
            writer.writerow(row)
            written += 1
            if number % 5 == 0 and written < rows:  # a second contract of the same project
                row = list(row)
                row[0] = str(written + 1)
                row[contract] = f"C-{number}-2"
                row[amount] = "12345.67"
                writer.writerow(row)
                written += 1
            number += 1
    partial.replace(path)


def _measure(code: str, env: dict[str, str]) -> dict[str, Any]:
    """Run code (which sets `out`) in a fresh interpreter; wall and CPU seconds and peak RSS (MiB)."""
    wrapper = "\n".join(
        [
            "import json, resource, time",
            "start, cpu = time.perf_counter(), time.process_time()",
            code,
            'print("RESULT " + json.dumps({"wall": time.perf_counter() - start, "cpu": time.process_time() - cpu,'
            ' "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "out": out}))',
        ]
    )
    result = subprocess.run(
        [sys.executable, "-c", wrapper], env=env, capture_output=True, text=True, check=True
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--data", type=Path, default=REPO / "bench" / "data")
    args = parser.parse_args()
    path = args.data / f"egp-{args.rows}.csv"
    if not path.exists():
        started = time.perf_counter()
        generate(path, args.rows)
        print(
            f"generated {path} ({path.stat().st_size / 2**20:,.0f} MiB) in {time.perf_counter() - started:.1f} s"
        )
    # Its own name: bench/generate_import.py keeps its warehouses as warehouse-N beside this one.
    workdir = args.data / f"egp-warehouse-{args.rows}"
    if workdir.exists():
        subprocess.run(["rm", "-rf", str(workdir)], check=True)
    workdir.mkdir(parents=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "SODSONG_WAREHOUSE": str(workdir / "warehouse.duckdb"),
    }
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(HEADER_31))) + "}"
    options = f"columns = {columns}, header = false, skip = 1, all_varchar = true, auto_detect = false"
    floor_sql = "SELECT count(*) FROM read_csv(" + repr(str(path)) + ", " + options + ")"  # noqa: S608 - our own path
    floor = _measure(
        f"import duckdb\ncon = duckdb.connect()\ncon.execute('SET enable_progress_bar = false')\nout = con.execute({floor_sql!r}).fetchone()[0]",
        env,
    )
    run = _measure(
        "from pathlib import Path\n"
        "from sodsong.procurement.sources.runs import import_egp\n"
        f"s = import_egp([Path({str(path)!r})])\n"
        "out = [s.read, s.imported, s.rejected]",
        env,
    )
    size = sum(p.stat().st_size for p in (workdir / "warehouse.snapshots").glob("*.duckdb"))
    load = os.getloadavg()
    rows = run["out"][0]
    print(f"rows read / imported / rejected: {run['out']}")
    print(
        f"floor (read_csv, all fields): {floor['wall']:.1f} s wall, {floor['cpu']:.1f} s CPU, {floor['out'] / floor['wall']:,.0f} rows/s"
    )
    print(
        f"import: {run['wall']:.1f} s wall, {run['cpu']:.1f} s CPU, {rows / run['wall']:,.0f} rows/s, "
        f"{rows / run['cpu']:,.0f} rows per CPU-second, peak RSS {run['rss']:,.0f} MiB"
    )
    print(f"import / floor (wall): {run['wall'] / floor['wall']:.1f}x; warehouse {size / 2**20:,.0f} MiB")
    print(f"load average during the run: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} (2 cores)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
