"""Serve the site with gunicorn (threads in a few worker processes), not Django's runserver."""

from __future__ import annotations

import gc
import multiprocessing
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication

__all__ = ["THREADS", "serve", "worker_count"]

# Called in every worker process once it has booted (e.g. to start the watch inbox processor).
WORKER_START_HOOKS: list[Callable[[], None]] = []
# Each gives the `sodsong` arguments of a process to run beside the server (or None): started by
# `serve`, restarted if it dies, stopped with the server (e.g. the LINE inbox worker).
COMPANIONS: list[Callable[[], list[str] | None]] = []
THREADS = 8  # per worker process


def worker_count() -> int:
    """Two processes per core, at least two: enough for loopback load on a small machine."""
    return max(2, multiprocessing.cpu_count() * 2)


class _Application(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from sodsong.wsgi import application

        return application


def _post_worker_init(worker: Any) -> None:
    for hook in WORKER_START_HOOKS:
        hook()
    # Django, the app and everything imported so far live as long as the worker: moved out of the
    # collector's generations, a full collection no longer walks them again and again (a page
    # allocates enough to trigger collections every few requests).
    gc.freeze()


class _Companion:
    """One `sodsong …` child process, restarted after a crash until the server stops. It is told
    the server's pid and stops by itself when the server is gone (even after a kill -9)."""

    def __init__(self, arguments: list[str]) -> None:
        self.arguments = arguments
        self.process: subprocess.Popen[bytes] | None = None
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="companion", daemon=True)

    def _run(self) -> None:
        command = [sys.executable, "-m", "sodsong", *self.arguments, "--parent", str(os.getpid())]
        while not self.stopping.is_set():
            self.process = subprocess.Popen(command)
            self.process.wait()  # gunicorn may reap it first: then this returns at once
            if not self.stopping.wait(2):
                print(f"restarting `sodsong {' '.join(self.arguments)}`", file=sys.stderr, flush=True)

    def stop(self) -> None:
        self.stopping.set()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def serve(host: str, port: int, *, workers: int | None = None, threads: int = THREADS) -> None:
    """Run until interrupted. Access logs omit query strings (they may hold case codes)."""
    companions = [_Companion(arguments) for make in COMPANIONS if (arguments := make())]
    for companion in companions:
        companion.thread.start()
    try:
        _serve(host, port, workers=workers, threads=threads)
    finally:
        for companion in companions:
            companion.stop()


def _serve(host: str, port: int, *, workers: int | None, threads: int) -> None:
    options = {
        "bind": f"{host}:{port}",
        "workers": workers or worker_count(),
        "worker_class": "gthread",
        "threads": threads,
        "timeout": 60,
        "graceful_timeout": 10,
        "keepalive": 5,
        "accesslog": "-",
        "access_log_format": '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms',
        "errorlog": "-",
        "post_worker_init": _post_worker_init,
        "preload_app": False,
    }
    _Application(options).run()
