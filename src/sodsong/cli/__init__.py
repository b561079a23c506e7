"""The `sodsong` command: one entry point for every job, each a subcommand.

The core subcommands live in `sodsong.cli.core`; each part (procurement, watch, coalition) adds
its own as modules of the package `sodsong.<part>.commands`, each defining
`register(subparsers)`. A subcommand's handler takes the parsed arguments and returns an exit code.
"""

from __future__ import annotations

import argparse
import gc
import os
import pkgutil
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import NoReturn

import sodsong

__all__ = ["CommandError", "build_parser", "main"]

PARTS = ("procurement", "watch", "coalition")


class CommandError(Exception):
    """A failure the user can fix; printed without a traceback, exit code 2 by default."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sodsong.settings")
    import django

    django.setup()


def _command_modules() -> list[object]:
    """`sodsong.cli.core` and `.staff`, then every module of each part's `commands` package, by name."""
    modules: list[object] = [import_module("sodsong.cli.core"), import_module("sodsong.cli.staff")]
    for part in PARTS:
        package_name = f"sodsong.{part}.commands"
        try:
            package = import_module(package_name)
        except ModuleNotFoundError as exc:
            if exc.name != package_name:
                raise
            continue
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            if not info.name.startswith("_"):
                modules.append(import_module(f"{package_name}.{info.name}"))
    return modules


# Subcommands that need neither Django nor the other commands, by the module that registers each:
# started without them. `sodsong indicators` is timed against Cardinal's Rust code, and setting
# Django up and importing every command took about 0.7 s before its first release was read.
STANDALONE = {"indicators": "sodsong.procurement.commands.indicators"}


def build_parser(modules: Sequence[object] | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand that core and the parts register (or those of `modules`)."""
    parser = argparse.ArgumentParser(
        prog="sodsong",
        description="Sodsong (สอดส่อง): citizen oversight of public money. "
        "Settings come from the environment and .env (SODSONG_DATA_DIR, DATABASE_URL, ...).",
    )
    parser.add_argument("--version", action="version", version=f"sodsong {sodsong.__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in _command_modules() if modules is None else modules:
        module.register(subparsers)  # type: ignore[attr-defined]
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; returns its exit code."""
    words = list(sys.argv[1:] if argv is None else argv)
    standalone = STANDALONE.get(words[0]) if words else None
    if standalone is not None:
        parser = build_parser([import_module(standalone)])
    else:
        _setup_django()
        parser = build_parser()
    args = parser.parse_args(words)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 0
    ends_without_cleanup = argv is None and getattr(args, "end_without_cleanup", False)
    if ends_without_cleanup:
        # One batch that ends with `os._exit`: the cyclic collector would only walk the millions
        # of objects such a command builds, again and again (at 1 M releases `indicators` paid
        # four passes, about 1.5 CPU-s, each where a phase turned it back on); reference
        # counting still frees whatever is dropped.
        gc.disable()
    try:
        code = int(handler(args) or 0)
    except CommandError as exc:
        print(f"sodsong: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("sodsong: interrupted", file=sys.stderr)
        return 130
    if ends_without_cleanup:
        _end_process(code)
    return code


def _end_process(code: int) -> NoReturn:
    """End the program at once, output flushed, without freeing what the command built.

    Only for commands that ask for it (`end_without_cleanup`) and only when `sodsong` runs as the
    program, never when `main` is called in-process: `sodsong indicators` holds millions of small
    result objects that the interpreter would otherwise free one by one (about a second after the
    output is written), and leaves them on `args`, held here until the end. No file or database
    is left open by such a command."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        code = code or 1
    os._exit(code)
