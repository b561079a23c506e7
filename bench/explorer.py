"""Explorer benchmarks: index build time, search latency, page latency under 20 concurrent clients.

    python bench/explorer.py generate --projects 10000000 --data /tmp/bench10m
    python bench/explorer.py build --data /tmp/bench10m
    python bench/explorer.py search --data /tmp/bench10m
    python bench/explorer.py pages --data /tmp/bench10m --clients 20 --seconds 60

`generate` writes a schema-conformant synthetic warehouse (bench/explorer_data.py) until
`sodsong generate` is on main. `search` runs 20 realistic Thai queries (10 with filters) against
the index in-process, warm (each query once to warm up, then `--repeat` times), and reports
p50/p95 per query and overall. `pages` starts `sodsong serve` on loopback and drives it with
`--clients` threads (urllib, keep-alive off) requesting project, agency and company pages of
randomly chosen ids, and reports p50/p95 per page kind. Results are printed as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src"), str(REPO)]

QUERIES: list[dict[str, str]] = [
    {"q": "ถนนคอนกรีต"},
    {"q": "ถนนคอนกรีตเสริมเหล็ก"},
    {"q": "วัสดุสำนักงาน"},
    {"q": "อาหารเสริม (นม)"},
    {"q": "รางระบายน้ำ"},
    {"q": "โดรน"},
    {"q": '"ฝายน้ำล้น ห้วย"'},
    {"q": "ประปาหมู่บ้าน"},
    {"q": "บ้านหนองบัว"},
    {"q": "ครุภัณฑ์คอมพิวเตอร์"},
    {"q": "ถนนคอนกรีต", "fy": "2567"},
    {"q": "ถนน", "flagged": "1"},
    {"q": "วัสดุสำนักงาน", "method": "limited", "fy": "2566"},
    {"q": "ขุดลอก", "province": "TH40"},
    {"q": "รถบรรทุกขยะ", "min": "1000000"},
    {"q": "อาคารเรียน", "category": "works", "sort": "amount_desc"},
    {"fy": "2567", "flagged": "1"},
    {"province": "TH50", "method": "open"},
    {"q": "ซ่อมแซมรถยนต์", "fy": "2565", "flagged": "1"},
    {"q": "ยาและเวชภัณฑ์", "status": "แล้วเสร็จตามสัญญา"},
]


def _env(data: Path) -> None:
    os.environ["SODSONG_DATA_DIR"] = str(data)
    os.environ["SODSONG_WAREHOUSE"] = str(data / "warehouse.duckdb")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sodsong.settings")


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))], 1)


def generate(args: argparse.Namespace) -> dict[str, Any]:
    _env(args.data)
    from bench.explorer_data import generate as make

    started = time.perf_counter()
    timings = make(args.data / "warehouse.duckdb", args.projects)
    return {"projects": args.projects, "seconds": round(time.perf_counter() - started, 1), "steps": timings}


def build(args: argparse.Namespace) -> dict[str, Any]:
    _env(args.data)
    from sodsong.procurement.search.build import build_index

    started = time.perf_counter()
    result = build_index(progress=lambda m: print("  " + m, file=sys.stderr, flush=True))
    seconds = time.perf_counter() - started
    return {
        "projects": result.projects,
        "organisations": result.organisations,
        "seconds": round(seconds, 1),
        "steps": result.seconds,
        "index_bytes": result.path.stat().st_size,
        "target_seconds": 900,
        "met": seconds <= 900,
    }


def search(args: argparse.Namespace) -> dict[str, Any]:
    _env(args.data)
    import django

    django.setup()
    from sodsong.procurement.search.engine import open_index
    from sodsong.procurement.search.query import parse_request

    rows = []
    everything: list[float] = []
    with open_index() as idx:
        for params in QUERIES:
            request = parse_request(params)
            idx.projects(request)  # warm-up
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                result = idx.projects(request)
                idx.orgs(request, "agency")
                idx.orgs(request, "company")
                times.append((time.perf_counter() - started) * 1000)
            everything += times
            rows.append(
                {
                    "query": params,
                    "count": result.count.n,
                    "exact": result.count.exact,
                    "p50_ms": _pct(times, 50),
                    "p95_ms": _pct(times, 95),
                }
            )
    p95 = _pct(everything, 95)
    return {"queries": rows, "p50_ms": _pct(everything, 50), "p95_ms": p95, "target_ms": 50, "met": p95 <= 50}


def _sample_ids(data: Path, n: int) -> dict[str, list[str]]:
    import sqlite3

    from sodsong.procurement.search.store import locate

    con = sqlite3.connect(locate().path)
    total = con.execute("SELECT max(rowid) FROM project").fetchone()[0]
    rng = random.Random(5)
    projects = [
        con.execute("SELECT process_id FROM project WHERE rowid = ?", [rng.randint(1, total)]).fetchone()[0]
        for _ in range(n)
    ]
    agencies = [
        r[0] for r in con.execute("SELECT org_id FROM org WHERE is_agency ORDER BY random() LIMIT ?", [n])
    ]
    companies = [
        r[0] for r in con.execute("SELECT org_id FROM org WHERE wins > 0 ORDER BY random() LIMIT ?", [n])
    ]
    con.close()
    return {"project": projects, "agency": agencies, "company": companies}


def pages(args: argparse.Namespace) -> dict[str, Any]:
    _env(args.data)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    ids = _sample_ids(args.data, 200)
    port = args.port
    server = subprocess.Popen(
        [sys.executable, "-m", "sodsong", "serve", "--port", str(port), "--workers", str(args.workers)],
        env={**os.environ, "PYTHONPATH": f"{REPO / 'src'}:{REPO}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/procurement"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.3)
        for kind, values in ids.items():  # warm every worker a little
            for value in values[:10]:
                urllib.request.urlopen(f"{base}/{kind}/{value}", timeout=30).read()
        results: dict[str, list[float]] = {"project": [], "agency": [], "company": []}
        errors: list[str] = []
        stop = time.perf_counter() + args.seconds
        lock = threading.Lock()

        def client(seed: int) -> None:
            rng = random.Random(seed)
            while time.perf_counter() < stop:
                kind = rng.choice(("project", "project", "agency", "company"))
                url = f"{base}/{kind}/{rng.choice(ids[kind])}"
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(url, timeout=30) as response:
                        response.read()
                except OSError as exc:
                    with lock:
                        errors.append(f"{url}: {exc}")
                    continue
                with lock:
                    results[kind].append((time.perf_counter() - started) * 1000)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    summary: dict[str, Any] = {"clients": args.clients, "seconds": args.seconds, "errors": len(errors)}
    for kind, times in results.items():
        summary[kind] = {"requests": len(times), "p50_ms": _pct(times, 50), "p95_ms": _pct(times, 95)}
    summary["met"] = all(summary[k]["p95_ms"] <= 150 for k in results)
    summary["throughput_per_s"] = round(sum(len(t) for t in results.values()) / args.seconds, 1)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("step", choices=["generate", "build", "search", "pages"])
    parser.add_argument("--data", type=Path, required=True, help="data directory of the benchmark warehouse")
    parser.add_argument("--projects", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    args.data.mkdir(parents=True, exist_ok=True)
    step = {"generate": generate, "build": build, "search": search, "pages": pages}[args.step]
    result = step(args)
    result["load_average"] = os.getloadavg()
    result["date"] = time.strftime("%Y-%m-%d %H:%M")
    print(json.dumps(result, ensure_ascii=False, indent=1, default=str))


if __name__ == "__main__":
    main()
