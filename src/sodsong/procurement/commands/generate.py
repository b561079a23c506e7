"""`sodsong generate --projects N --seed S --out DIR`: synthetic procurement data with planted anomalies."""

from __future__ import annotations

import argparse
from pathlib import Path

from sodsong.cli import CommandError
from sodsong.cli.progress import console, progress

__all__ = ["register"]


def _rate(text: str) -> float:
    try:
        value = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a rate such as 0.01 or 1%, got {text!r}") from None
    if not 0 <= value <= 0.2:
        raise argparse.ArgumentTypeError("the anomaly rate must be between 0 and 0.2 (20 %)")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "generate",
        help="synthetic e-GP-shaped data (Parquet layout of `export parquet`) with planted anomalies",
    )
    parser.add_argument("--projects", type=int, required=True, metavar="N", help="number of processes")
    parser.add_argument(
        "--seed", type=int, default=1, metavar="S", help="seed: the same seed gives the same files"
    )
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write")
    parser.add_argument(
        "--anomaly-rate",
        type=_rate,
        default=0.01,
        metavar="RATE",
        help="share of processes carrying a planted anomaly (default 0.01 = 1 %%)",
    )
    parser.add_argument("--memory-limit", default=None, help="DuckDB memory limit, e.g. 4GB")
    parser.set_defaults(handler=_generate)


def _generate(args: argparse.Namespace) -> int:
    from sodsong.procurement.generator import GROUND_TRUTH, generate

    if args.projects < 1:
        raise CommandError("--projects must be at least 1")
    if args.out.exists() and not args.out.is_dir():
        raise CommandError(f"{args.out} is not a directory")
    with progress(transient=True) as bar:
        task = bar.add_task("generate", total=None)

        def report(what: str, number: int, total: int) -> None:
            bar.update(task, description=what, completed=number - 1, total=total)

        result = generate(
            args.out,
            args.projects,
            seed=args.seed,
            anomaly_rate=args.anomaly_rate,
            progress=report,
            memory_limit=args.memory_limit,
        )
    rows = sum(result.rows.values())
    console.print(
        f"{args.projects:,} processes, {rows:,} rows in {len(result.rows)} tables written to {args.out} "
        f"in {result.seconds['total']:.1f} s"
    )
    console.print(f"{sum(result.planted.values()):,} planted anomalies listed in {args.out / GROUND_TRUTH}:")
    for code, count in sorted(result.planted.items()):
        console.print(f"  {code}: {count:,}")
    console.print(f"load it with: sodsong import parquet {args.out}")
    return 0
