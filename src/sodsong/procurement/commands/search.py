"""`sodsong search build|query`: the search index of the current warehouse snapshot."""

from __future__ import annotations

import argparse
import time

from sodsong.cli import CommandError
from sodsong.cli.progress import console

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("search", help="build or query the procurement search index")
    commands = parser.add_subparsers(title="search commands", metavar="SUBCOMMAND")
    build = commands.add_parser("build", help="index the current warehouse snapshot (then switch to it)")
    build.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: all cores)")
    build.set_defaults(handler=_build)
    query = commands.add_parser("query", help="run one search and print the first results")
    query.add_argument("text", help="what to search for (Thai or English, a project number, a juristic id)")
    query.add_argument("--flagged", action="store_true", help="only flagged projects")
    query.add_argument("--fy", help="fiscal year (BE)")
    query.set_defaults(handler=_query)
    parser.set_defaults(handler=lambda args: (parser.print_help(), 0)[1])


def _build(args: argparse.Namespace) -> int:
    from sodsong.procurement import warehouse
    from sodsong.procurement.search.build import build_index

    started = time.perf_counter()
    try:
        result = build_index(progress=lambda message: console.print(f"  {message}"), threads=args.threads)
    except warehouse.WarehouseError as exc:
        raise CommandError(str(exc)) from None
    console.print(
        f"Indexed {result.projects:,} projects and {result.organisations:,} organisations of "
        f"{result.snapshot.name} in {time.perf_counter() - started:.1f} s → {result.path}"
    )
    return 0


def _query(args: argparse.Namespace) -> int:
    from sodsong.procurement.search.engine import open_index
    from sodsong.procurement.search.query import parse_request
    from sodsong.procurement.search.store import NoIndexError

    params = {"q": args.text}
    if args.flagged:
        params["flagged"] = "1"
    if args.fy:
        params["fy"] = args.fy
    request = parse_request(params)
    if request.errors:
        raise CommandError("; ".join(f"{field}: expected {expected}" for field, expected in request.errors))
    try:
        idx = open_index()
    except NoIndexError as exc:
        raise CommandError(str(exc)) from None
    with idx:
        results = idx.projects(request, summary=False)
        shown = f"{results.count.n:,}" if results.count.exact else f"more than {results.count.n:,}"
        console.print(f"{shown} projects ({results.elapsed_ms} ms)")
        for row in results.rows[:10]:
            console.print(f"  {row.project_no or row.process_id}  {row.title}")
    return 0
