"""`sodsong coverage`: what the loaded data has, per table column and OCDS path, and which
indicators can be computed on it (an indicator not computable here is said so, never zero)."""

from __future__ import annotations

import argparse
import json

from sodsong.cli.progress import console

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "coverage", help="data readiness: fields present per table and OCDS path, indicators computable"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--all-columns", action="store_true", help="also list columns no row has")
    parser.set_defaults(handler=_coverage)


def _coverage(args: argparse.Namespace) -> int:
    from rich.table import Table

    from sodsong.procurement import warehouse
    from sodsong.procurement.exports.ocds import releases
    from sodsong.procurement.warehouse.coverage import column_coverage, indicator_readiness, path_coverage

    with warehouse.open() as con:
        columns = column_coverage(con)
        total, paths = path_coverage(releases(con))
        readiness = indicator_readiness(con, paths, columns)
    if args.json:
        print(
            json.dumps(
                {
                    "tables": {t: {"rows": n, "columns": c} for t, (n, c) in columns.items()},
                    "ocds": {"releases": total, "paths": dict(sorted(paths.items()))},
                    "indicators": [
                        {
                            "code": r.code,
                            "family": r.family,
                            "computable": r.computable,
                            "missing": list(r.missing),
                        }
                        for r in readiness
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for name, (rows, counts) in columns.items():
        if not rows:
            continue
        table = Table(title=f"{name}: {rows:,} rows", title_justify="left")
        table.add_column("column")
        table.add_column("rows with it", justify="right")
        table.add_column("%", justify="right")
        for column, count in counts.items():
            if count or args.all_columns:
                table.add_row(column, f"{count:,}", f"{100 * count / rows:.1f}")
        console.print(table)
    paths_table = Table(title=f"OCDS paths in {total:,} compiled releases", title_justify="left")
    paths_table.add_column("path")
    paths_table.add_column("releases", justify="right")
    paths_table.add_column("%", justify="right")
    for path, count in sorted(paths.items()):
        paths_table.add_row(path, f"{count:,}", f"{100 * count / max(total, 1):.1f}")
    console.print(paths_table)
    indicators = Table(title="indicators on this data", title_justify="left")
    for column in ("indicator", "family", "computable", "missing fields"):
        indicators.add_column(column)
    for r in readiness:
        indicators.add_row(r.code, r.family, "yes" if r.computable else "no", ", ".join(r.missing))
    console.print(indicators)
    return 0
