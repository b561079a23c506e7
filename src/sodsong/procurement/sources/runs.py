"""Import runs: each import is one new warehouse snapshot, switched in only when it is complete.

A file that cannot be read at all (wrong encoding, unknown layout, invalid JSON) is reported and
rolled back on its own; the other files of the run still import. With `strict=True` any file
error or rejected record aborts the whole run and the warehouse stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from sodsong.procurement import warehouse
from sodsong.procurement.sources.common import (
    FileSummary,
    ImportSummary,
    Rejection,
    SourceError,
    file_identity,
)
from sodsong.procurement.sources.organisations import refresh_name_matches, refresh_same_address
from sodsong.procurement.warehouse.keys import define_key_macros

__all__ = [
    "ImportAborted",
    "apply_decisions",
    "import_blacklist",
    "import_companies",
    "import_egp",
    "import_ocds",
    "import_politicians",
    "load_decisions",
    "run_import",
]

FileStep = Callable[[duckdb.DuckDBPyConnection, Path], tuple[FileSummary, list[Rejection]]]
Finish = Callable[[duckdb.DuckDBPyConnection], None]
Progress = Callable[[str, int, int], None]


class ImportAborted(RuntimeError):
    """A strict import met an error or a rejected record: nothing was changed."""

    def __init__(self, summary: ImportSummary, reason: str) -> None:
        super().__init__(reason)
        self.summary = summary


def load_decisions() -> dict[str, str] | None:
    """Staff decisions on name matches (match_id -> confirmed/rejected) from the app database;
    None when it cannot be read (Django not set up, not migrated, no access): the import then
    keeps the decisions the current warehouse already holds."""
    try:
        from django.apps import apps

        if not apps.ready:
            return None
        from sodsong.procurement.models import NameMatchDecision

        return dict(NameMatchDecision.objects.values_list("match_id", "decision"))
    except Exception:  # any failure means "not available here": the warehouse keeps its decisions
        return None


@contextmanager
def _file_transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def run_import(
    paths: Iterable[Path],
    step: FileStep,
    *,
    prepare: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
    finish: Finish | None = None,
    strict: bool = False,
    warehouse_path: Path | None = None,
    progress: Progress | None = None,
    decisions: dict[str, str] | None = None,
) -> ImportSummary:
    """Run `step` on every file inside one new snapshot, then `finish` (derivations), then
    refresh name-match suggestions with staff decisions."""
    summary = ImportSummary()
    files = list(paths)
    with warehouse.write(warehouse_path) as con:
        con.execute("SET enable_progress_bar = false")
        define_key_macros(con)
        if prepare:
            prepare(con)
        for number, path in enumerate(files, start=1):
            if progress:
                progress(str(path), number, len(files))
            try:
                with _file_transaction(con):
                    file_summary, rejections = step(con, path)
            except SourceError as exc:
                summary.errors.append(str(exc))
                source_id = file_identity(path)[0] if path.is_file() else "-"
                summary.files.append(FileSummary(file=str(path), source_file_id=source_id, note=str(exc)))
                if strict:
                    raise ImportAborted(summary, str(exc)) from exc
                continue
            except OSError as exc:
                message = f"{path}: cannot read the file ({exc.strerror or exc})"
                summary.errors.append(message)
                summary.files.append(FileSummary(file=str(path), source_file_id="-", note=message))
                if strict:
                    raise ImportAborted(summary, message) from exc
                continue
            summary.files.append(file_summary)
            summary.rejections.extend(rejections)
            summary.rejections_total += file_summary.rejected
            if strict and file_summary.rejected:
                raise ImportAborted(
                    summary, f"{path}: {file_summary.rejected} records rejected (strict import)"
                )
        if progress:
            progress("deriving the canonical tables", len(files), len(files))
        if finish:
            finish(con)
        refresh_name_matches(con, load_decisions() if decisions is None else decisions)
        refresh_same_address(con)
    return summary


def import_egp(
    paths: Iterable[Path],
    *,
    strict: bool = False,
    warehouse_path: Path | None = None,
    progress: Progress | None = None,
    max_line_bytes: int | None = None,
) -> ImportSummary:
    """`sodsong import egp`: stage every file, then derive processes, awards and contracts."""
    from sodsong.procurement.sources import egp_csv
    from sodsong.procurement.sources.egp_derive import derive_egp
    from sodsong.procurement.sources.egp_sql import define_egp_macros

    def step(con: duckdb.DuckDBPyConnection, path: Path) -> tuple[FileSummary, list[Rejection]]:
        if max_line_bytes:
            return egp_csv.stage_file(con, path, max_line_bytes=max_line_bytes)
        return egp_csv.stage_file(con, path)

    return run_import(
        paths,
        step,
        prepare=define_egp_macros,
        finish=derive_egp,
        strict=strict,
        warehouse_path=warehouse_path,
        progress=progress,
    )


def import_ocds(
    paths: Iterable[Path],
    *,
    strict: bool = False,
    warehouse_path: Path | None = None,
    progress: Progress | None = None,
    max_line_bytes: int | None = None,
) -> ImportSummary:
    """`sodsong import ocds`: stage every release, then compile and map every OCDS process."""
    from sodsong.procurement.sources import ocds

    def step(con: duckdb.DuckDBPyConnection, path: Path) -> tuple[FileSummary, list[Rejection]]:
        return ocds.stage_file(con, path, max_line_bytes=max_line_bytes)

    return run_import(
        paths, step, finish=ocds.derive_ocds, strict=strict, warehouse_path=warehouse_path, progress=progress
    )


def _simple(module_name: str) -> Callable[..., ImportSummary]:
    def run(
        paths: Iterable[Path],
        *,
        strict: bool = False,
        warehouse_path: Path | None = None,
        progress: Progress | None = None,
    ) -> ImportSummary:
        from importlib import import_module

        module = import_module(f"sodsong.procurement.sources.{module_name}")
        return run_import(
            paths, module.stage_file, strict=strict, warehouse_path=warehouse_path, progress=progress
        )

    run.__doc__ = f"`sodsong import`: files read by sources.{module_name}."
    return run


import_companies = _simple("companies")
import_politicians = _simple("politicians")
import_blacklist = _simple("blacklist")


def apply_decisions(*, warehouse_path: Path | None = None, progress: Progress | None = None) -> ImportSummary:
    """Recompute name matches with the staff decisions now in the app database (a new snapshot)."""
    return run_import([], lambda con, path: (FileSummary(str(path), "-"), []), warehouse_path=warehouse_path)
