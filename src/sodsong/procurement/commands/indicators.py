"""`sodsong indicators`: Cardinal's `ocdscardinal indicators`, same settings file, same output.

    sodsong indicators --settings FILE.ini [--no-meta] [--map] INPUT.jsonl

Prints the results JSON on stdout; invalid lines are reported on stderr with their line
numbers and skipped. `sodsong indicators --docs` prints the generated indicator reference;
`sodsong indicators --compile` builds the mypyc version of the per-release code (faster, same
results; see `sodsong.procurement.indicators.ocds.compiled`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sodsong.cli import CommandError

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "indicators",
        help="red flags over OCDS compiled releases (JSONL), as OCP's Cardinal computes them",
        description="Calculate Cardinal's procurement indicators from OCDS compiled releases in a "
        "line-delimited JSON file. The result is a JSON object keyed by OCID, Buyer, ProcuringEntity "
        "and Tenderer, plus Meta (quartiles and fences) unless --no-meta, and Maps with --map.",
    )
    parser.add_argument(
        "file", nargs="?", type=Path, help="JSONL file, one compiled release per line ('-' = stdin)"
    )
    parser.add_argument(
        "-s", "--settings", type=Path, help="Cardinal settings file (INI); a section enables an indicator"
    )
    parser.add_argument("--no-meta", action="store_true", help='leave out the "Meta" key')
    parser.add_argument("--map", action="store_true", help='add the "Maps" key (processes to organizations)')
    parser.add_argument(
        "-c", "--count", action="store_true", help="print the number of results per group on stderr"
    )
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")
    parser.add_argument(
        "--docs", action="store_true", help="print the indicator reference (docs/indicators.md)"
    )
    parser.add_argument(
        "--compile",
        action="store_true",
        help="compile the per-release code with mypyc (needs mypy and a C compiler) and exit; "
        "later runs use it until a source changes, otherwise the same code runs as Python",
    )
    # The results are written before the end: freeing them would only delay the exit.
    parser.set_defaults(handler=_indicators, end_without_cleanup=True)


def _compile() -> int:
    import contextlib

    from sodsong.procurement.indicators.ocds import compiled

    try:
        with contextlib.redirect_stdout(sys.stderr):  # compiler chatter is not a result
            where = compiled.build()
    except Exception as exc:
        raise CommandError(f"indicators --compile failed (the Python code stays in use): {exc}") from None
    print(f"compiled into {where}", file=sys.stderr)
    return 0


def _indicators(args: argparse.Namespace) -> int:
    from sodsong.procurement.indicators.ocds import SPECS
    from sodsong.procurement.indicators.ocds.engine import run_file, run_lines
    from sodsong.procurement.indicators.ocds.output import render
    from sodsong.procurement.indicators.ocds.settings import OcdsSettings, SettingsError, read_settings

    if args.compile:
        return _compile()
    if args.docs:
        from sodsong.procurement.indicators.docs import render as render_docs

        sys.stdout.write(render_docs())
        return 0
    if args.file is None:
        raise CommandError("indicators: give the JSONL file to read (or --docs)")
    try:
        settings = read_settings(args.settings, SPECS) if args.settings is not None else OcdsSettings()
    except SettingsError as exc:
        raise CommandError(str(exc)) from None
    if args.workers is not None and args.workers < 1:
        raise CommandError("--workers must be at least 1")
    if str(args.file) == "-":
        run = run_lines(sys.stdin.buffer.read().split(b"\n"), settings, with_map=args.map, why=False)
    else:
        path: Path = args.file
        if path.is_dir():
            raise CommandError(f"{path}: is a directory, not a file")
        if not path.exists():
            raise CommandError(f"{path}: no such file")
        run = run_file(path, settings, with_map=args.map, workers=args.workers, why=False)
    # Left on `args`, which the CLI holds until the process ends (`end_without_cleanup`): a
    # local would be freed when this returns, millions of objects one by one (about 0.4 s at
    # 1 M releases) just before the process ends anyway.
    args.run = run
    for problem in run.problems:
        print(f"{args.file}: {problem}", file=sys.stderr)
    sys.stdout.write(render(run.results, meta=not args.no_meta) + "\n")
    if args.count:
        for group, subjects in run.results.groups.items():
            print(f"{group}: {len(subjects)}", file=sys.stderr)
    return 0
