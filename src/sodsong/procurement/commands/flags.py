"""`sodsong flags`: ACT Ai's Thai flags and the company checks over the loaded warehouse.

    sodsong flags [--settings FILE.ini] [--engine duckdb|spark] [--profile] [--evaluate GROUND_TRUTH.csv]

Writes the flag tables (docs/flags.md) into a new warehouse snapshot; the site keeps serving
the previous snapshot until the run has succeeded. `--evaluate` then compares the flags with a
ground-truth CSV (the synthetic generator's) and prints recall and precision per indicator.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sodsong.cli import CommandError
from sodsong.cli.progress import console

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "flags",
        help="compute the Thai red flags over the warehouse (new snapshot)",
        description="Compute ACT Ai's Thai flags and the company-level checks over the loaded warehouse "
        "and write the flag tables in a new snapshot. Thresholds: the shipped defaults "
        "(sodsong/procurement/indicators/thai/defaults.ini), overridden by --settings.",
    )
    parser.add_argument("-s", "--settings", type=Path, help="INI file overriding the default thresholds")
    parser.add_argument(
        "--engine", choices=("duckdb", "spark"), default="duckdb", help="where to run (default duckdb)"
    )
    parser.add_argument(
        "--evaluate",
        type=Path,
        metavar="GROUND_TRUTH",
        help="ground-truth CSV (indicator,subject_kind,subject_id,process_id,details): print recall and precision",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="after the run, print each step's wall and CPU seconds, most CPU first",
    )
    parser.add_argument(
        "--no-compute", action="store_true", help="with --evaluate: judge the flags already in the warehouse"
    )
    parser.set_defaults(handler=_flags)


def _flags(args: argparse.Namespace) -> int:
    from sodsong.procurement import warehouse
    from sodsong.procurement.indicators.thai import SPECS
    from sodsong.procurement.indicators.thai.evaluate import (
        EvaluationError,
        evaluate,
        format_report,
        read_truth,
    )
    from sodsong.procurement.indicators.thai.run import format_profile, run_flags
    from sodsong.procurement.indicators.thai.settings import SettingsError, load_settings

    if args.no_compute and args.evaluate is None:
        raise CommandError("--no-compute only makes sense with --evaluate")
    try:
        settings = load_settings(args.settings, SPECS)
    except SettingsError as exc:
        raise CommandError(str(exc)) from None
    truth = None
    if args.evaluate is not None:
        try:
            truth = read_truth(args.evaluate)
        except EvaluationError as exc:
            raise CommandError(str(exc)) from None
    if args.engine == "spark":
        try:
            import pyspark  # noqa: F401
        except ImportError:
            raise CommandError(
                "--engine spark needs pyspark and a Java runtime: pip install 'sodsong[spark]'"
            ) from None
    if not args.no_compute:
        result = run_flags(settings, engine=args.engine)
        for code in (spec.code for spec in SPECS):
            if code in result.not_computable:
                console.print(f"{code}: not computable (missing {', '.join(result.not_computable[code])})")
            else:
                console.print(f"{code}: {result.flagged.get(code, 0):,} flagged")
        console.print(f"run {result.run_id}: {result.seconds:.1f} s on {result.engine}")
        if args.profile:
            console.print(format_profile(result.statements), highlight=False)
    if truth is not None:
        with warehouse.open() as con:
            has_flags = con.execute(
                "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'flag'"
            ).fetchone()
            if not has_flags or not has_flags[0]:
                raise CommandError(
                    "the warehouse has no flags yet: run `sodsong flags` (without --no-compute)"
                )
            console.print(format_report(evaluate(con, truth)), highlight=False)
    return 0
