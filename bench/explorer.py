"""Explorer benchmarks: index build time, search latency, page latency under 20 concurrent clients.

One command does everything on a data directory (about 6 GB per million projects with the
index; keep it out of git, e.g. under /tmp):

    python bench/explorer.py generate --projects 1000000 --data /tmp/bench1m   # sodsong generate + import + flags
    python bench/explorer.py all --data /tmp/bench1m                           # build, search, pages

or one step at a time: `build`, `search`, `pages` (`--clients 20 --seconds 60 --workers 2`).

`generate` runs `sodsong generate --seed 1`, `sodsong import parquet` and `sodsong flags` into
the data directory. `build` times `sodsong search build`. `search` runs 20 realistic Thai
queries (10 with filters) in-process, warm: each query once to warm the page caches, then
`--repeat` times with the search cache cleared before each run (what a new search costs), then
`--repeat` times from the cache (a repeated search, a second page, another sort).
`pages` starts `sodsong serve` on loopback and drives it with `--clients` concurrent keep-alive
connections of `wrk` (split 2 : 1 : 1 between project, agency and company pages, ids drawn from
`--ids` random ones per kind; `bench/explorer_pages.py`, `bench/pages.lua`); `--client urllib`
is the earlier Python client (threads, keep-alive off), kept for comparison. It also reports the
server's CPU milliseconds per request, the number to compare on a loaded machine. Each step
prints JSON with p50/p95/p99, the load average before and after it and the core count: on a
shared machine read the load next to the times.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
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
    from sodsong.procurement.search.store import detail_path, pages_path

    started = time.perf_counter()
    result = build_index(progress=lambda m: print("  " + m, file=sys.stderr, flush=True))
    seconds = time.perf_counter() - started
    files = {
        f.name: f.stat().st_size for f in (result.path, pages_path(result.path), detail_path(result.path))
    }
    return {
        "projects": result.projects,
        "organisations": result.organisations,
        "seconds": round(seconds, 1),
        "steps": result.seconds,
        "cpu_seconds": result.cpu_seconds,
        "index_bytes": sum(files.values()),  # the index, its page rows and page details
        "files": files,
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


def pages(args: argparse.Namespace) -> dict[str, Any]:
    _env(args.data)
    import django

    django.setup()
    from explorer_pages import pages as run_pages

    return run_pages(args, REPO)


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
    parser.add_argument(
        "--workers", type=int, default=2, help="server processes (2: keep-alive connections stay even)"
    )
    parser.add_argument("--threads", type=int, default=0, help="threads per worker (0: the server's default)")
    parser.add_argument(
        "--client", choices=["wrk", "urllib"], default="wrk", help="load generator of the pages step"
    )
    parser.add_argument("--stagger", type=int, default=50, help="ms between the wrk clients' starts")
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
