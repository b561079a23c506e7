"""Seeded e-GP CSV files with every kind of mess at once, built from the real sample rows.

The golden test imports them (and the real samples, and a bench-sized file) and compares every
table's checksum with the values the importer produced before it was rewritten for speed, so a
faster importer is held to exactly the same output on traps, rejections and merges together.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

from sodsong.thai import to_thai_digits
from tests.procurement.sources.egp_files import HEADER_26, HEADER_28, HEADER_31, drone_rows, ics_rows

__all__ = ["messy_rows", "write_messy"]

_AMOUNTS = (
    "1,234.50",
    "  98000 ",
    "฿1,000",
    "1000 บาท",
    "-",
    "",
    "0",
    "250000.555",
    "12,34",
    "abc",
    "1.05E+06",
)
_DATES = (
    "10-มี.ค.-64",
    "17 ม.ค. 68",
    "2021-03-10",
    "10/03/2564",
    "1 ตุลาคม 2566",
    "-",
    "",
    "5-ก.พ-65",
    "31-ก.พ.-64",
    "เมื่อวาน",
    "29 Feb 2024",
)
_IDS = (
    "0305560001659",
    "0105559000000",
    "1.05559E+11",
    "105559000000",
    "3101701270001",
    "310170127xxxx",
    "-",
    "",
    "0105-5590-00000",
    "12345",
    "0305560001658",
)
_NAMES = (
    "บริษัท ไอครีเอทีฟซิสเตมส์ จำกัด",
    "บจก. ไอครีเอทีฟซิสเตมส์",
    "ห้างหุ้นส่วนจำกัด ทดสอบ การค้า",
    "หจก.ทดสอบการค้า",
    "นายสมชาย ใจดี",
    "นางสาว สมศรี มีสุข",
    "บริษัท  เอ บี ซี   จำกัด (มหาชน)",
    "-",
    "",
)
_METHODS = (
    "เฉพาะเจาะจง",
    "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
    "ตลาดอิเล็กทรอนิกส์ (e-market)",
    "วิธีการจัดหา ประกาศเชิญชวนทั่วไป คัดเลือก เฉพาะเจาะจง",
    "ตกลงราคา",
    "สอบราคา",
    "พิเศษ",
    "กรณีพิเศษ",
    "อื่น ๆ",
    "คัดเลือก",
    "",
    "-",
)
_PROVINCES = ("กรุงเทพมหานคร", "นครราชสีมา", "Bangkok", "จ.เชียงใหม่", "ไม่ทราบ", "-", " ขอนแก่น ")
_CONTRACT_STATUS = ("ระหว่างดำเนินการ", "สิ้นสุดสัญญา", "ยกเลิกสัญญา", "ส่งงานครบถ้วน", "-")
_PROJECT_STATUS = ("ระหว่างดำเนินการ", "แล้วเสร็จตามสัญญา", "ยกเลิกโครงการ", "จัดทำสัญญา/PO แล้ว", "")


def _templates() -> list[dict[str, str]]:
    rows = [dict(row) for row in ics_rows()]
    for row in drone_rows()[:300]:
        mapped = {h: row.get(h, "") for h in HEADER_31}
        mapped["ปีงบประมาณ"] = row["_ปีงบ"]
        rows.append(mapped)
    return rows


def _maybe_thai_digits(rng: random.Random, value: str) -> str:
    return to_thai_digits(value) if rng.random() < 0.1 else value


def messy_rows(seed: int, count: int, projects: range) -> list[dict[str, str]]:
    """`count` rows keyed by the 31-field header; project numbers drawn from `projects`."""
    rng = random.Random(seed)
    templates = _templates()
    rows: list[dict[str, str]] = []
    for number in range(count):
        row = dict(rng.choice(templates))
        row["ลำดับ"] = str(number + 1)
        project = rng.choice(projects)
        row["รหัสโครงการ"] = _maybe_thai_digits(rng, f"{project:011d}")
        if rng.random() < 0.01:
            row["รหัสโครงการ"] = rng.choice(("6505736072X", "", "-", "65-0573"))
        for field in ("งบประมาณ(บาท)", "ราคากลาง(บาท)", "ราคาตกลงซื้อ/จ้าง", "งบสัญญา(บาท)"):
            if rng.random() < 0.1:
                row[field] = _maybe_thai_digits(rng, rng.choice(_AMOUNTS))
        for field in ("วันที่ประกาศ", "วันที่เกิดรายการ", "วันที่ลงนามสัญญา", "วันที่สิ้นสุดสัญญา"):
            if rng.random() < 0.1:
                row[field] = _maybe_thai_digits(rng, rng.choice(_DATES))
        if rng.random() < 0.4:
            row["เลขนิติบุคคล"] = rng.choice(_IDS)
        if rng.random() < 0.4:
            row["ชื่อผู้ชนะ"] = rng.choice(_NAMES)
        if rng.random() < 0.4:
            row["วิธีจัดซื้อฯ"], row["กลุ่มวิธีจัดซื้อฯ"] = rng.choice(_METHODS), rng.choice(_METHODS)
        if rng.random() < 0.1:
            row["จังหวัด"] = rng.choice(_PROVINCES)
        if rng.random() < 0.05:
            row["ปีงบประมาณ"] = rng.choice(("", "-", "2566", "๒๕๖๗", "25x6", "1999"))
        if rng.random() < 0.05:
            row["ละติจูดโครงการ"] = rng.choice(("13.75", "95.1", "abc", "", "๑๓.๗"))
            row["ลองจิจูดโครงการ"] = rng.choice(("100.5", "-181", "x", ""))
        if rng.random() < 0.2:
            row["เลขที่สัญญา"] = rng.choice(("", "-", f"C{rng.randint(1, 50)}", " C7 "))
        if rng.random() < 0.15:
            row["สถานะสัญญา"] = rng.choice(_CONTRACT_STATUS)
            row["สถานะโครงการ"] = rng.choice(_PROJECT_STATUS)
        if rng.random() < 0.1:
            row["ชื่อหน่วยงานย่อย"] = rng.choice(("", "-", " กองคลัง ", "สำนักงานอธิการบดี"))
        if rng.random() < 0.05:
            row["ชื่อโครงการ"] = row["ชื่อโครงการ"] + rng.choice(
                (" โดยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", " ด้วยวิธี ตลาดอิเล็กทรอนิกส์", "\nบรรทัดสอง")
            )
        rows.append(row)
        if rng.random() < 0.08:  # the same award again, in a later line, maybe without its contract number
            twin = dict(row)
            if rng.random() < 0.5:
                twin["เลขที่สัญญา"] = ""
            rows.append(twin)
    return rows


def _line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    return out.getvalue()


def write_messy(
    path: Path, seed: int, count: int, projects: range, *, header: str = "31", encoding: str = "utf-8"
) -> Path:
    """Write a messy file: `header` 31 (31-field rows), 28 or 26 (28-field rows); broken lines
    (too few or many fields, an unclosed quote at the end) mixed in by the same seed."""
    rng = random.Random(seed * 7919)
    fields = HEADER_31 if header == "31" else HEADER_28
    head = {"31": HEADER_31, "28": HEADER_28, "26": HEADER_26}[header]
    parts = [_line(head)]
    for row in messy_rows(seed, count, projects):
        cells = [row[h] for h in fields]
        roll = rng.random()
        if roll < 0.01:
            cells = cells[:-2]
        elif roll < 0.02:
            cells = [*cells, "extra"]
        parts.append(_line(cells))
    parts.append('9999,66010000001,"never closed')
    path.write_bytes("".join(parts).encode(encoding, errors="replace"))
    return path
