"""`sodsong export ocds|parquet|ftm`: the warehouse as OCDS, Parquet or FollowTheMoney."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from sodsong.cli import CommandError
from sodsong.cli.progress import error_console

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export", help="export the warehouse (OCDS JSON Lines, Parquet, FollowTheMoney)"
    )
    kinds = parser.add_subparsers(title="formats", metavar="FORMAT", required=True)

    ocds = kinds.add_parser("ocds", help="every process as an OCDS compiled release, one per line")
    ocds.add_argument("--output", "-o", type=Path, default=None, help="file to write (default: stdout)")
    ocds.set_defaults(handler=_ocds)

    parquet = kinds.add_parser("parquet", help="every table as DIR/<table>.parquet, with manifest.json")
    parquet.add_argument("directory", type=Path, metavar="DIR")
    parquet.set_defaults(handler=_parquet)

    ftm = kinds.add_parser("ftm", help="FollowTheMoney entities, one per line")
    ftm.add_argument("--output", "-o", type=Path, default=None, help="file to write (default: stdout)")
    ftm.set_defaults(handler=_ftm)


@contextmanager
def _output(path: Path | None) -> Iterator[BinaryIO]:
    """stdout, or a file written aside and renamed into place only when complete."""
    if path is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("wb") as handle:
            yield handle
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise CommandError(f"{path}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _write_lines(lines: Iterator[bytes], path: Path | None, what: str) -> int:
    count = 0
    with _output(path) as out:
        for line in lines:
            out.write(line)
            out.write(b"\n")
            count += 1
    error_console.print(f"{count:,} {what} written to {path or 'stdout'}")
    return 0


def _ocds(args: argparse.Namespace) -> int:
    from sodsong.procurement import warehouse
    from sodsong.procurement.exports.ocds import releases

    with warehouse.open() as con:
        return _write_lines(releases(con), args.output, "compiled releases")


def _ftm(args: argparse.Namespace) -> int:
    from sodsong.procurement import warehouse
    from sodsong.procurement.exports.ftm import entities

    with warehouse.open() as con:
        return _write_lines(entities(con), args.output, "entities")


def _parquet(args: argparse.Namespace) -> int:
    from sodsong.procurement import warehouse
    from sodsong.procurement.exports.parquet import export_parquet

    if args.directory.exists() and not args.directory.is_dir():
        raise CommandError(f"{args.directory} is not a directory")
    with warehouse.open() as con:
        try:
            counts = export_parquet(con, args.directory)
        except OSError as exc:
            raise CommandError(f"{args.directory}: cannot write ({exc.strerror or exc})") from None
    error_console.print(f"{len(counts)} tables, {sum(counts.values()):,} rows written to {args.directory}")
    return 0
