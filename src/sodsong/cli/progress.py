"""Progress bars and summaries for long commands, one look for every part."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

__all__ = ["console", "error_console", "progress"]

console = Console()
error_console = Console(stderr=True)


@contextmanager
def progress(*, transient: bool = False) -> Iterator[Progress]:
    """A rich progress display on stderr (stdout stays clean for data such as `export ocds`)."""
    columns = (
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=error_console, transient=transient) as bar:
        yield bar
