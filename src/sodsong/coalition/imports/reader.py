"""Stream rows out of a CSV or XLSX file, the way Thai offices actually save them.

CSV: UTF-8 (with or without BOM), or Windows Thai (cp874/TIS-620); comma, semicolon or tab.
XLSX: read-only streaming (constant memory for 50k rows); merged cells are filled from their
top-left cell, so a merged "activity" cell spanning twenty participant rows applies to all twenty.
Old binary .xls is refused with a clear message.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["FileProblem", "Sheet", "open_sheet"]

Value = str | int | float | datetime.date | datetime.datetime | None

_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+)(\d+):([A-Z]+)(\d+)\"")


class FileProblem(ValueError):
    """The file as a whole cannot be read (not a row problem)."""


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters:
        index = index * 26 + (char - 64)
    return index - 1


@dataclass
class Merge:
    first_row: int
    last_row: int
    first_col: int
    last_col: int


def _scan_merges(source: Any) -> list[Merge]:
    """Merged ranges from the worksheet XML, read in chunks (they sit after the cell data)."""
    merges: list[Merge] = []
    tail = b""
    while True:
        chunk = source.read(1 << 20)
        if not chunk:
            break
        data = tail + chunk
        for match in _MERGE.finditer(data):
            c1, r1, c2, r2 = match.groups()
            merges.append(Merge(int(r1), int(r2), _column_index(c1), _column_index(c2)))
        # Keep a tail so a tag cut between chunks is seen whole next time (without counting it twice).
        cut = data.rfind(b"<")
        tail = data[cut:] if cut >= 0 and b">" not in data[cut:] else b""
    return merges


class Sheet:
    """Rows of one sheet as lists of values, numbered as the spreadsheet numbers them (1-based)."""

    def __init__(
        self, path: Path, name: str, rows: Iterator[tuple[int, list[Value]]], sheet_names: list[str]
    ):
        self.path = path
        self.name = name
        self._rows = rows
        self.sheet_names = sheet_names

    def rows(self) -> Iterator[tuple[int, list[Value]]]:
        return self._rows


def _decode(raw: bytes, label: str) -> str:
    for encoding in ("utf-8-sig", "cp874"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileProblem(f"{label}: the text is neither UTF-8 nor Windows Thai (cp874/TIS-620)")


def _csv_rows(path: Path, label: str) -> Iterator[tuple[int, list[Value]]]:
    with path.open("rb") as handle:
        head = handle.read(64 * 1024)
    try:
        # Incremental: a multi-byte character cut at the end of the sample is still UTF-8.
        codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
        encoding = "utf-8-sig"
    except UnicodeDecodeError:
        _decode(head, label)
        encoding = "cp874"
    sample = head.decode(encoding, errors="ignore")
    try:
        dialect: Any = csv.Sniffer().sniff(sample[:16384], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    with path.open("r", encoding=encoding, newline="") as text:
        reader = csv.reader(text, dialect)
        try:
            for number, row in enumerate(reader, start=1):
                yield number, list(row)
        except UnicodeDecodeError:
            raise FileProblem(
                f"{label}: the text is neither UTF-8 nor Windows Thai (cp874/TIS-620)"
            ) from None
        except csv.Error as exc:
            raise FileProblem(f"{label}, row {reader.line_num}: {exc}") from None


def _xlsx_rows(
    path: Path, sheet_name: str | None, label: str
) -> tuple[str, list[str], Iterator[tuple[int, list[Value]]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileProblem(f"{label}: not a readable .xlsx file ({exc})") from None
    names = list(workbook.sheetnames)
    if sheet_name and sheet_name not in names:
        workbook.close()
        raise FileProblem(f"{label}: no sheet called {sheet_name!r} (sheets: {', '.join(names)})")
    sheet = workbook[sheet_name] if sheet_name else workbook.worksheets[0]
    merges: list[Merge] = []
    if hasattr(sheet, "_get_source"):
        with sheet._get_source() as source:
            merges = _scan_merges(source)
    sheet.reset_dimensions()  # some writers store a wrong dimension; read what is there

    def rows() -> Iterator[tuple[int, list[Value]]]:
        # Values of merged ranges, filled in as their rows come by (top-left first).
        pending: dict[int, list[Merge]] = {}
        for merge in merges:
            pending.setdefault(merge.first_row, []).append(merge)
        active: list[tuple[Merge, Value]] = []
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                row: list[Value] = list(values)
                for merge in pending.pop(number, []):
                    value = row[merge.first_col] if merge.first_col < len(row) else None
                    active.append((merge, value))
                if active:
                    for merge, value in active:
                        if merge.first_row <= number <= merge.last_row:
                            if len(row) <= merge.last_col:
                                row.extend([None] * (merge.last_col + 1 - len(row)))
                            for col in range(merge.first_col, merge.last_col + 1):
                                row[col] = value
                    active = [(m, v) for m, v in active if m.last_row > number]
                yield number, row
        finally:
            workbook.close()

    return sheet.title, names, rows()


def open_sheet(path: Path, *, sheet_name: str | None = None, label: str = "") -> Sheet:
    """Open `path` by its extension; FileProblem (naming `label`, the user's file name) if unreadable."""
    label = label or path.name
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return Sheet(path, label, _csv_rows(path, label), [])
    if suffix == ".xlsx":
        name, names, rows = _xlsx_rows(path, sheet_name, label)
        return Sheet(path, name, rows, names)
    if suffix == ".xls":
        raise FileProblem(f"{label}: old Excel .xls files cannot be read; save it as .xlsx or .csv")
    raise FileProblem(f"{label}: expected a .csv or .xlsx file")


def as_text(value: Value) -> str:
    """A cell as text (numbers without a spurious `.0`)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()
