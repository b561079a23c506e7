"""Hand-made e-GP CSV files built from the real rows in data/egp (for traps the samples lack)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.conftest import SAMPLE_DATA

ICS = SAMPLE_DATA / "egp" / "ics_egp_contracts.csv"
DRONE = SAMPLE_DATA / "egp" / "egp_drone_projects.csv"

# The data.go.th layouts: 31 fields (FY2565-2567, English copies) and 28 fields (FY2568).
HEADER_31 = [
    "ลำดับ", "รหัสโครงการ", "ชื่อโครงการ", "ชื่อประเภทโครงการ", "ชื่อหน่วยงาน", "ชื่อหน่วยงานย่อย",
    "วิธีจัดซื้อฯ", "กลุ่มวิธีจัดซื้อฯ", "วันที่ประกาศ", "งบประมาณ(บาท)", "ราคากลาง(บาท)",
    "ราคาตกลงซื้อ/จ้าง", "ปีงบประมาณ", "วันที่เกิดรายการ", "จังหวัด", "จังหวัด (Eng)", "เขต/อำเภอ",
    "เขต/อำเภอ (Eng)", "แขวง/ตำบล", "แขวง/ตำบล (Eng)", "สถานะโครงการ", "พิกัดของโครงการ",
    "ละติจูดโครงการ", "ลองจิจูดโครงการ", "เลขนิติบุคคล", "ชื่อผู้ชนะ", "เลขที่สัญญา", "วันที่ลงนามสัญญา",
    "วันที่สิ้นสุดสัญญา", "งบสัญญา(บาท)", "สถานะสัญญา",
]  # fmt: skip
ENGLISH = {"จังหวัด (Eng)", "เขต/อำเภอ (Eng)", "แขวง/ตำบล (Eng)"}
HEADER_28 = [h for h in HEADER_31 if h not in ENGLISH]
# FY2568 part 1: 26 header cells over 28-field rows (two cells missing before จังหวัด).
HEADER_26 = [h for h in HEADER_28 if h not in ("ลำดับ", "วันที่เกิดรายการ")]


def ics_rows() -> list[dict[str, str]]:
    """The five real rows of ics_egp_contracts.csv as dicts keyed by header."""
    with ICS.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def drone_rows() -> list[dict[str, str]]:
    with DRONE.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def render(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def rows_31(rows: list[dict[str, str]]) -> list[list[str]]:
    return [[row[h] for h in HEADER_31] for row in rows]


def rows_28(rows: list[dict[str, str]]) -> list[list[str]]:
    return [[row[h] for h in HEADER_28] for row in rows]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path
