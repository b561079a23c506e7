"""Serve the site with gunicorn (threads in a few worker processes), not Django's runserver."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication

__all__ = ["serve", "worker_count"]

# Called in every worker process once it has booted (e.g. to start the watch inbox processor).
WORKER_START_HOOKS: list[Callable[[], None]] = []


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


def serve(host: str, port: int, *, workers: int | None = None, threads: int = 8) -> None:
    """Run until interrupted. Access logs omit query strings (they may hold case codes)."""
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
