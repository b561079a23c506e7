"""Spreadsheets the way Thai offices save them, written for the import tests."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any


def write_csv(
    path: Path, rows: Iterable[Sequence[Any]], *, encoding: str = "utf-8-sig", delimiter: str = ","
) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow(row)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(
    path: Path,
    rows: Iterable[Sequence[Any]],
    *,
    merges: Sequence[str] = (),
    title: str | None = None,
) -> Path:
    """An .xlsx; `title` adds a merged title row above the header, `merges` merges ranges (A3:A5)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(list(row))
    if title:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
    for cell_range in merges:
        sheet.merge_cells(cell_range)
    workbook.save(path)
    return path


def big_participants_csv(path: Path, rows: int, *, people: int) -> Path:
    """`rows` sign-ups of `people` distinct people across activities named in an activity column."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ลำดับ", "คำนำหน้า", "ชื่อ", "นามสกุล", "หน่วยงาน", "อีเมล", "บทบาท", "กิจกรรม"])
        for n in range(rows):
            person = n % people
            writer.writerow(
                [
                    n + 1,
                    "นาย",
                    f"ผู้เข้าร่วม{person:06d}",
                    "ทดสอบ",
                    "องค์กรทดสอบ",
                    f"p{person}@example.org",
                    "ผู้เข้าร่วม",
                    f"{n // people + 1}",
                ]
            )
    return path


def big_participants_xlsx(path: Path, rows: int, *, people: int) -> Path:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("ผู้เข้าร่วม")
    sheet.append(["ลำดับ", "ชื่อ-นามสกุล", "หน่วยงาน", "อีเมล", "กิจกรรม"])
    for n in range(rows):
        person = n % people
        sheet.append(
            [
                n + 1,
                f"นางสาวผู้เข้าร่วม{person:06d} ทดสอบ",
                "องค์กรทดสอบ",
                f"p{person}@example.org",
                n // people + 1,
            ]
        )
    workbook.save(path)
    return path


D = datetime.date
