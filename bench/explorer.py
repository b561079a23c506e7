"""Explorer benchmarks: index build time, search latency, page latency under 20 concurrent clients.

One command does everything on a data directory (about 4 GB per million projects with the
index; keep it out of git, e.g. under /tmp):

    python bench/explorer.py generate --projects 1000000 --data /tmp/bench1m   # sodsong generate + import + flags
    python bench/explorer.py all --data /tmp/bench1m                           # build, search, pages

or one step at a time: `build`, `search`, `pages` (`--clients 20 --seconds 60 --workers 4`).

`generate` runs `sodsong generate --seed 1`, `sodsong import parquet` and `sodsong flags` into
the data directory. `build` times `sodsong search build`. `search` runs 20 realistic Thai
queries (10 with filters) in-process, warm: each query once to warm the page caches, then
`--repeat` times with the search cache cleared before each run (what a new search costs), then
`--repeat` times from the cache (a repeated search, a second page, another sort).
`pages` starts `sodsong serve` on loopback and drives it with `--clients` threads (urllib,
keep-alive off) requesting project, agency and company pages of ids drawn from `--ids` random
ones per kind. Each step prints JSON with p50/p95/p99, the load average before and after it and
the core count: on a shared machine read the load next to the times.
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
    {"q": "วัสดุสำนักงาน", "method": "direct", "fy": "2566"},
    {"q": "ขุดลอก", "province": "TH40"},
    {"q": "กำจัดขยะ", "min": "100000"},
    {"q": "อาคารเรียน", "category": "works", "sort": "amount_desc"},
    {"fy": "2567", "flagged": "1"},
    {"province": "TH50", "method": "open"},
    {"q": "ซ่อมแซมรถยนต์", "fy": "2565", "flagged": "1"},
    {"q": "ยาและเวชภัณฑ์", "status": "สิ้นสุดสัญญา"},
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
    env = {**os.environ, "PYTHONPATH": f"{REPO / 'src'}:{REPO}"}
    out = args.data / "synthetic"
    seconds: dict[str, float] = {}
    for name, command in (
        ("generate", ["generate", "--projects", str(args.projects), "--seed", "1", "--out", str(out)]),
        ("import", ["import", "parquet", str(out)]),
        ("flags", ["flags"]),
    ):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "sodsong", *command], env=env, check=True, stdout=subprocess.DEVNULL
        )
        seconds[name] = round(time.perf_counter() - started, 1)
    return {"projects": args.projects, "seconds": seconds}


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
        "cpu_seconds": result.cpu_seconds,
        "index_bytes": result.path.stat().st_size,
        "target_seconds": 900,
        "met": seconds <= 900,
    }


def search(args: argparse.Namespace) -> dict[str, Any]:
    _env(args.data)
    import django

    django.setup()
    from sodsong.procurement.search import cache
    from sodsong.procurement.search.engine import open_index
    from sodsong.procurement.search.query import parse_request

    rows = []
    everything: list[float] = []
    cached_all: list[float] = []
    with open_index() as idx:
        for params in QUERIES:
            request = parse_request(params)

            def once(request: Any = request) -> tuple[float, Any]:
                started = time.perf_counter()
                result = idx.projects(request)
                idx.orgs(request, "agency")
                idx.orgs(request, "company")
                return (time.perf_counter() - started) * 1000, result

            cache.results.clear()
            once()  # warm-up: SQLite and OS page caches
            times = []
            for _ in range(args.repeat):
                cache.results.clear()  # every run computes its count and summary again
                elapsed, result = once()
                times.append(elapsed)
            cached = [once()[0] for _ in range(args.repeat)]  # the same search again (LRU hit)
            everything += times
            cached_all += cached
            rows.append(
                {
                    "query": params,
                    "count": result.count.n,
                    "exact": result.count.exact,
                    "p50_ms": _pct(times, 50),
                    "p95_ms": _pct(times, 95),
                    "cached_p95_ms": _pct(cached, 95),
                }
            )
    p95 = _pct(everything, 95)
    return {
        "queries": rows,
        "p50_ms": _pct(everything, 50),
        "p95_ms": p95,
        "p99_ms": _pct(everything, 99),
        "cached_p50_ms": _pct(cached_all, 50),
        "cached_p95_ms": _pct(cached_all, 95),
        "count_cap": int(os.environ.get("SODSONG_SEARCH_COUNT_CAP", "2000")),
        "budget_ms": int(os.environ.get("SODSONG_SEARCH_BUDGET_MS", "100")),
        "target_ms": 50,
        "met": p95 <= 50,
    }


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
    ids = _sample_ids(args.data, args.ids)
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
    summary: dict[str, Any] = {
        "clients": args.clients,
        "workers": args.workers,
        "seconds": args.seconds,
        "errors": len(errors),
        "distinct_ids": {k: len(v) for k, v in ids.items()},
    }
    for kind, times in results.items():
        summary[kind] = {
            "requests": len(times),
            "p50_ms": _pct(times, 50),
            "p95_ms": _pct(times, 95),
            "p99_ms": _pct(times, 99),
        }
    summary["met"] = all(summary[k]["p95_ms"] <= 150 for k in results)
    summary["throughput_per_s"] = round(sum(len(t) for t in results.values()) / args.seconds, 1)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("step", choices=["generate", "build", "search", "pages", "all"])
    parser.add_argument("--data", type=Path, required=True, help="data directory of the benchmark warehouse")
    parser.add_argument("--projects", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--ids", type=int, default=2000, help="distinct ids per page kind the clients pick from"
    )
    args = parser.parse_args()
    args.data.mkdir(parents=True, exist_ok=True)
    steps = {"generate": generate, "build": build, "search": search, "pages": pages}
    chosen = ["build", "search", "pages"] if args.step == "all" else [args.step]
    for name in chosen:
        load_before = os.getloadavg()
        result = steps[name](args)
        result["step"] = name
        result["load_average"] = {"before": load_before, "after": os.getloadavg()}
        result["cores"] = os.cpu_count()
        result["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        print(json.dumps(result, ensure_ascii=False, indent=1, default=str), flush=True)


if __name__ == "__main__":
    main()
