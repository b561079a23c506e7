"""The `pages` step of bench/explorer.py: page latency under concurrent clients on loopback.

`sodsong serve` is started on loopback and driven for `--seconds` by `--clients` concurrent
keep-alive connections of `wrk` (C, a few % of a core), split 2 : 1 : 1 between project, agency
and company pages (10 / 5 / 5 at 20 clients), each requesting random ids of its kind from the
same `--ids` sample per kind. Each connection is its own wrk, started `--stagger` ms after the
previous one as independent visitors arrive: wrk opens all its connections at once, the first
gunicorn worker to wake accepted a whole burst, and keep-alive kept them there (one page kind
starved for seconds). `bench/pages.lua` prints each wrk's histogram; the step merges them per kind.

The earlier client, 20 Python threads with urllib and keep-alive off (`--client urllib`), burnt
a large share of the 2 cores itself and opened a TCP connection per request, so it measured the
client as much as the server; it stays for comparison. Whatever the client, the step reports the
server's CPU seconds per request (every process of `sodsong serve`, from /proc): the number that
compares runs on a shared, loaded machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

__all__ = ["pages", "sample_ids", "tree_cpu_seconds"]

KINDS = ("project", "agency", "company")
LUA = Path(__file__).resolve().parent / "pages.lua"


def sample_ids(n: int) -> dict[str, list[str]]:
    """`n` random project, agency and company ids of the current index (the same on every run)."""
    import sqlite3

    from sodsong.procurement.search.store import locate

    con = sqlite3.connect(locate().path)
    total = con.execute("SELECT max(rowid) FROM project").fetchone()[0]
    rng = random.Random(5)
    projects = [
        con.execute("SELECT process_id FROM project WHERE rowid = ?", [rng.randint(1, total)]).fetchone()[0]
        for _ in range(n)
    ]
    # drawn by the seeded generator (SQLite's random() differs on every run)
    agencies = [r[0] for r in con.execute("SELECT org_id FROM org WHERE is_agency ORDER BY rowid")]
    companies = [r[0] for r in con.execute("SELECT org_id FROM org WHERE wins > 0 ORDER BY rowid")]
    agencies = rng.sample(agencies, min(n, len(agencies)))
    companies = rng.sample(companies, min(n, len(companies)))
    con.close()
    return {"project": projects, "agency": agencies, "company": companies}


def tree_cpu_seconds(root: int) -> float:
    """User + system CPU seconds of a process and all its live descendants (Linux /proc)."""
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) "
        parents[int(entry)] = int(fields[1])
        ticks[int(entry)] = int(fields[11]) + int(fields[12])  # utime, stime
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += ticks.get(pid, 0)
        todo += [child for child, parent in parents.items() if parent == pid]
    return total / os.sysconf("SC_CLK_TCK")


def _split(clients: int) -> dict[str, int]:
    """Connections per kind, 2 : 1 : 1 as the urllib clients drew them (at least one each)."""
    side = max(1, clients // 4)
    return {"project": max(1, clients - 2 * side), "agency": side, "company": side}


def _order(clients: int) -> list[str]:
    """The page kind of each connection, interleaved (project, agency, project, company, ...)."""
    spread = [((j + 0.5) / n, kind) for kind, n in _split(clients).items() for j in range(n)]
    return [kind for _position, kind in sorted(spread)]


def _percentile(histogram: list[tuple[int, int]], p: float) -> int:
    """wrk's percentile: the smallest value with at least p % of the counts at or below it."""
    total = sum(count for _value, count in histogram)
    seen = 0
    for value, count in sorted(histogram):
        seen += count
        if seen >= total * p / 100:
            return value
    return 0


def _wrk(base: str, ids: dict[str, list[str]], args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    """One single-connection wrk per client, started `--stagger` ms apart (a burst of connections
    all lands on whichever gunicorn worker wakes first, and keep-alive keeps it there)."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk); or pass --client urllib")
    folder.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        path = folder / f"{kind}.txt"
        path.write_text("".join(urllib.parse.quote(i, safe="") + "\n" for i in ids[kind]))
    procs = []
    for i, kind in enumerate(_order(args.clients)):
        command = [wrk, "-t1", "-c1", f"-d{args.seconds}s", "--timeout", "30s", "-s", str(LUA), base]
        command += ["--", f"/procurement/{kind}/", str(folder / f"{kind}.txt")]
        out = (folder / f"wrk-{i}.out").open("w")
        procs.append((kind, out, subprocess.Popen(command, stdout=out, text=True)))
        time.sleep(args.stagger / 1000)
    results: dict[str, Any] = {k: {"requests": 0, "errors": {}, "histogram": []} for k in KINDS}
    client_cpu = 0.0
    for kind, out, proc in procs:
        _pid, _status, usage = os.wait4(proc.pid, 0)
        out.close()
        client_cpu += usage.ru_utime + usage.ru_stime
        lines = [json.loads(x) for x in Path(out.name).read_text().splitlines() if x.startswith("{")]
        if len(lines) < 2:
            raise SystemExit(f"wrk for {kind} pages printed no result: {out.name}")
        summary, histogram = lines[-2], lines[-1]["histogram"]
        merged = results[kind]
        merged["requests"] += summary["requests"]
        for name, n in summary["errors"].items():
            merged["errors"][name] = merged["errors"].get(name, 0) + n
        merged["histogram"] += [tuple(pair) for pair in histogram]
    for merged in results.values():
        for p in (50, 95, 99):
            merged[f"p{p}_us"] = _percentile(merged["histogram"], p)
        del merged["histogram"]
    return {"kinds": results, "client_cpu_seconds": client_cpu}


def _urllib(base: str, ids: dict[str, list[str]], args: argparse.Namespace) -> dict[str, Any]:
    """The earlier client: threads with urllib, a new connection per request."""
    results: dict[str, list[float]] = {kind: [] for kind in KINDS}
    errors: list[str] = []
    stop = time.perf_counter() + args.seconds
    lock = threading.Lock()
    started_cpu = time.process_time()

    def client(seed: int) -> None:
        rng = random.Random(seed)
        while time.perf_counter() < stop:
            kind = rng.choice(("project", "project", "agency", "company"))
            url = f"{base}/procurement/{kind}/{urllib.parse.quote(rng.choice(ids[kind]), safe='')}"
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
    kinds = {
        kind: {
            "requests": len(times),
            "p50_us": _pct(times, 50) * 1000,
            "p95_us": _pct(times, 95) * 1000,
            "p99_us": _pct(times, 99) * 1000,
            "errors": {},
        }
        for kind, times in results.items()
    }
    return {"kinds": kinds, "client_cpu_seconds": time.process_time() - started_cpu, "errors": len(errors)}


def _pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def pages(args: argparse.Namespace, repo: Path) -> dict[str, Any]:
    """Start the server, warm it, drive it with the chosen client, stop it; p50/p95/p99 per kind."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    ids = sample_ids(args.ids)
    port = args.port
    command = [sys.executable, "-m", "sodsong", "serve", "--port", str(port), "--workers", str(args.workers)]
    if args.threads:
        command += ["--threads", str(args.threads)]
    server = subprocess.Popen(
        command,
        env={**os.environ, "PYTHONPATH": f"{repo / 'src'}:{repo}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/procurement/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.3)
        for kind, values in ids.items():  # warm every worker a little
            for value in values[:10]:
                urllib.request.urlopen(f"{base}/procurement/{kind}/{value}", timeout=30).read()
        cpu_before = tree_cpu_seconds(server.pid)
        if args.client == "wrk":
            run = _wrk(base, ids, args, args.data / "pages-ids")
        else:
            run = _urllib(base, ids, args)
        server_cpu = tree_cpu_seconds(server.pid) - cpu_before
    finally:
        server.terminate()
        server.wait(timeout=30)
    requests = sum(k["requests"] for k in run["kinds"].values())
    errors = run.get("errors", 0) + sum(sum(k["errors"].values()) for k in run["kinds"].values())
    summary: dict[str, Any] = {
        "client": args.client,
        "clients": args.clients,
        "connections": _split(args.clients) if args.client == "wrk" else None,
        "stagger_ms": args.stagger if args.client == "wrk" else None,
        "workers": args.workers,
        "threads": args.threads or "default",
        "seconds": args.seconds,
        "errors": errors,
        "distinct_ids": {k: len(v) for k, v in ids.items()},
    }
    for kind in KINDS:
        k = run["kinds"][kind]
        summary[kind] = {
            "requests": k["requests"],
            "p50_ms": round(k["p50_us"] / 1000, 1),
            "p95_ms": round(k["p95_us"] / 1000, 1),
            "p99_ms": round(k["p99_us"] / 1000, 1),
        }
    summary["met"] = all(summary[k]["p95_ms"] <= 150 for k in KINDS)
    summary["throughput_per_s"] = round(requests / args.seconds, 1)
    summary["server_cpu_seconds"] = round(server_cpu, 1)
    summary["server_cpu_ms_per_request"] = round(1000 * server_cpu / requests, 2) if requests else None
    summary["client_cpu_seconds"] = round(run["client_cpu_seconds"], 1)
    return summary
