"""Core subcommands: serve, demo, migrate, check."""

from __future__ import annotations

import argparse
from importlib import import_module

from django.conf import settings
from django.core.management import call_command

from sodsong.cli import PARTS, CommandError
from sodsong.cli.progress import console

__all__ = ["load_demo", "register"]


def _add_server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default 2 per core)")
    parser.add_argument("--threads", type=int, default=None, help="threads per worker process (default 8)")


def register(subparsers: argparse._SubParsersAction) -> None:
    serve = subparsers.add_parser("serve", help="serve the site (gunicorn)")
    _add_server_options(serve)
    serve.set_defaults(handler=_serve)

    demo = subparsers.add_parser("demo", help="migrate, load the demo data of every part, then serve")
    _add_server_options(demo)
    demo.add_argument("--no-serve", action="store_true", help="load the demo data and stop")
    demo.set_defaults(handler=_demo)

    migrate = subparsers.add_parser("migrate", help="create or update the app database tables")
    migrate.set_defaults(handler=_migrate)

    check = subparsers.add_parser("check", help="run Django's deployment checks on these settings")
    check.add_argument(
        "--fail-level",
        default="ERROR",
        choices=["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"],
        help="lowest message level that makes the check fail (default ERROR)",
    )
    check.set_defaults(handler=_check)


def _migrate(args: argparse.Namespace) -> int:
    call_command("migrate", interactive=False, verbosity=1)
    return 0


def _check(args: argparse.Namespace) -> int:
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", deploy=True, fail_level=args.fail_level)
    except SystemCheckError as exc:
        raise CommandError(str(exc), exit_code=1) from None
    return 0


def _serve(args: argparse.Namespace) -> int:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise CommandError("the app database is not up to date: run `sodsong migrate` first")
    from sodsong.cli.server import THREADS, serve

    console.print(f"Sodsong on [bold]http://{args.host}:{args.port}/[/bold] (data in {settings.DATA_DIR})")
    serve(args.host, args.port, workers=args.workers, threads=args.threads or THREADS)
    return 0


def load_demo() -> list[str]:
    """Load every part's demo data (`sodsong.<part>.demo.load(console)`), in a fixed order."""
    loaded = []
    for part in PARTS:
        name = f"sodsong.{part}.demo"
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        console.rule(f"demo: {part}")
        module.load(console)
        loaded.append(part)
    return loaded


def _demo(args: argparse.Namespace) -> int:
    console.print(f"Data directory: {settings.DATA_DIR}")
    call_command("migrate", interactive=False, verbosity=0)
    loaded = load_demo()
    console.print(f"Demo data loaded for: {', '.join(loaded) or 'no part yet'}")
    if args.no_serve:
        return 0
    return _serve(args)
