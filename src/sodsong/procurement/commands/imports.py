"""`sodsong import egp|ocds|companies|politicians|blacklist FILE...`, `sodsong import parquet DIR`: load sources into the warehouse."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from sodsong.cli import CommandError
from sodsong.cli.progress import console, error_console, progress
from sodsong.procurement.sources.common import ImportSummary

__all__ = ["print_summary", "register"]

SHOWN_REJECTIONS = 20


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import", help="import procurement sources into the warehouse (a new snapshot)"
    )
    kinds = parser.add_subparsers(title="sources", metavar="SOURCE", required=True)

    egp = kinds.add_parser("egp", help="data.go.th e-GP CSV files (any fiscal year, UTF-8 or TIS-620)")
    egp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    egp.add_argument(
        "--max-line-bytes", type=int, default=None, help="refuse lines longer than this (default 8 MiB)"
    )
    _common(egp)
    egp.set_defaults(handler=_egp)

    ocds = kinds.add_parser(
        "ocds",
        help="OCDS JSON: release/record packages, releases, compiled releases, JSON Lines (auto-detected)",
    )
    ocds.add_argument("files", nargs="+", type=Path, metavar="FILE")
    ocds.add_argument(
        "--max-line-bytes",
        type=int,
        default=None,
        help="JSON Lines: refuse lines longer than this (default 8 MiB)",
    )
    _common(ocds)
    ocds.set_defaults(handler=_ocds)

    companies = kinds.add_parser(
        "companies", help="company register: DBD profile JSON, or the bulk CSV layout (docs/warehouse.md)"
    )
    companies.add_argument("files", nargs="+", type=Path, metavar="FILE")
    _common(companies)
    companies.set_defaults(handler=_simple("import_companies"))

    politicians = kinds.add_parser("politicians", help="politician directory YAML (people.yaml, party.yaml)")
    politicians.add_argument("files", nargs="+", type=Path, metavar="FILE")
    _common(politicians)
    politicians.set_defaults(handler=_simple("import_politicians"))

    blacklist = kinds.add_parser(
        "blacklist", help="abandoned-work blacklist CSV (juristic id, name, date, agency, reason)"
    )
    blacklist.add_argument("files", nargs="+", type=Path, metavar="FILE")
    _common(blacklist)
    blacklist.set_defaults(handler=_simple("import_blacklist"))

    parquet = kinds.add_parser(
        "parquet",
        help="a folder in the warehouse's Parquet layout (from `export parquet` or `generate`)",
    )
    parquet.add_argument("directory", type=Path, metavar="DIR")
    parquet.add_argument(
        "--replace",
        action="store_true",
        help="start from an empty warehouse instead of adding to (and replacing rows of) the current one",
    )
    parquet.set_defaults(handler=_parquet)

    decisions = kinds.add_parser(
        "decisions", help="apply the staff decisions on company name matches now (a new snapshot, no file)"
    )
    decisions.set_defaults(handler=_decisions)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strict",
        action="store_true",
        help="abort the whole import (warehouse unchanged) on any file error or rejected record",
    )


def _run(args: argparse.Namespace, importer: Callable[..., ImportSummary], **options: object) -> int:
    from sodsong.procurement.sources.runs import ImportAborted

    missing = [str(p) for p in args.files if not p.exists()]
    if missing:
        raise CommandError(f"no such file: {', '.join(missing)}")
    with progress(transient=True) as bar:
        task = bar.add_task("import", total=len(args.files) + 1)

        def report(what: str, number: int, total: int) -> None:
            bar.update(task, description=f"{Path(what).name}", completed=number - 1)

        try:
            summary = importer(args.files, strict=args.strict, progress=report, **options)
        except ImportAborted as exc:
            print_summary(exc.summary)
            raise CommandError(f"import aborted, the warehouse is unchanged: {exc}", exit_code=1) from None
        bar.update(task, completed=len(args.files) + 1)
    print_summary(summary)
    return 1 if summary.errors else 0


def print_summary(summary: ImportSummary) -> None:
    """Per file: layout, encoding, read / imported / rejected; then the reasons, then errors."""
    from rich.table import Table

    table = Table(title="import summary", show_lines=False)
    for column in ("file", "layout", "encoding", "read", "imported", "rejected"):
        table.add_column(column, justify="right" if column in ("read", "imported", "rejected") else "left")
    for f in summary.files:
        table.add_row(
            Path(f.file).name,
            f.layout or ("error" if f.note else "-"),
            f.encoding or "-",
            f"{f.read:,}",
            f"{f.imported:,}",
            f"{f.rejected:,}",
        )
    table.add_row("total", "", "", f"{summary.read:,}", f"{summary.imported:,}", f"{summary.rejected:,}")
    console.print(table)
    for f in summary.files:
        if f.layout_note:
            console.print(f"[dim]{Path(f.file).name}: {f.layout_note}[/dim]")
    if summary.rejections:
        console.print("[bold]rejected records[/bold] (file, line, field: what was expected):")
        for rejection in summary.rejections[:SHOWN_REJECTIONS]:
            console.print(f"  {rejection.message()}", markup=False)
        more = summary.rejections_total - min(len(summary.rejections), SHOWN_REJECTIONS)
        if more > 0:
            console.print(f"  … and {more:,} more rejected records (warehouse table `rejection`)")
        console.print("[bold]reasons[/bold]:")
        for reason, count in summary.reasons().most_common():
            console.print(f"  {count:,} × {reason}", markup=False)
    for error in summary.errors:
        error_console.print(f"[red]error:[/red] {error}", markup=True, highlight=False, soft_wrap=True)


def _egp(args: argparse.Namespace) -> int:
    from sodsong.procurement.sources.runs import import_egp

    return _run(args, import_egp, max_line_bytes=args.max_line_bytes)


def _ocds(args: argparse.Namespace) -> int:
    from sodsong.procurement.sources.runs import import_ocds

    return _run(args, import_ocds, max_line_bytes=args.max_line_bytes)


def _simple(name: str) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        from sodsong.procurement.sources import runs

        return _run(args, getattr(runs, name))

    return handler


def _decisions(args: argparse.Namespace) -> int:
    from sodsong.procurement import warehouse
    from sodsong.procurement.sources.runs import apply_decisions

    apply_decisions()
    with warehouse.open() as con:
        row = con.execute(
            "SELECT count(*) FILTER (WHERE status = 'confirmed'), count(*) FILTER (WHERE status = 'rejected'), "
            "count(*) FILTER (WHERE status = 'suggested') FROM name_match"
        ).fetchone()
    assert row is not None
    console.print(f"name matches: {row[0]:,} confirmed, {row[1]:,} rejected, {row[2]:,} waiting")
    return 0


def _parquet(args: argparse.Namespace) -> int:
    from sodsong.procurement.sources.common import SourceError
    from sodsong.procurement.sources.parquet import import_parquet

    with progress(transient=True) as bar:
        task = bar.add_task("import", total=None)

        def report(what: str, number: int, total: int) -> None:
            bar.update(task, description=what, completed=number - 1, total=total)

        try:
            summary = import_parquet(args.directory, replace=args.replace, progress=report)
        except SourceError as exc:
            raise CommandError(f"{exc}; the warehouse is unchanged", exit_code=1) from None
    for name, rows in summary.rows.items():
        console.print(f"  {name}: {rows:,} rows")
    console.print(f"{len(summary.rows)} tables, {summary.total:,} rows imported from {args.directory}")
    if summary.ignored:
        console.print(f"[dim]ignored (not tables of the schema): {', '.join(summary.ignored)}[/dim]")
    return 0
