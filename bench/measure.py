"""Run a `sodsong` subcommand in a child process and measure it: wall and CPU seconds, peak RSS.

Shared by the benchmark scripts (run as `python bench/<script>.py`, so this folder is on the path).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

__all__ = ["run_sodsong"]


def run_sodsong(args: list[str], env: dict[str, str]) -> dict[str, float]:
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "sodsong", *args], env=env, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"sodsong {' '.join(args)} failed with status {status}")
    return {
        "seconds": round(wall, 1),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
    }
