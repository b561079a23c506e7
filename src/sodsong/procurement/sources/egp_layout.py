"""Which column of an e-GP CSV holds which field, decided from the data and not only the header.

data.go.th files disagree with their own headers: FY2568 part 1 has 26 header cells over rows of
28 fields, later parts 31 header cells (three `(Eng)` columns) over 28-field rows, FY2565-2567
rows have 31 fields. Trusting `zip(header, row)` shifts every field after จังหวัด. So candidate
layouts (by header names, by header names without the `(Eng)` columns, and the two known
positional layouts) are each scored against a sample of rows (project numbers, amounts, dates,
province names where they should be) and the best one that fits is used, with a note saying why.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass

from sodsong.procurement.sources.common import SourceError
from sodsong.thai import ThaiDateError, parse_thai_date, to_arabic_digits
from sodsong.thai.provinces import province_code

__all__ = ["FIELDS", "Layout", "detect_layout"]

# Our names for the fields of the data.go.th e-GP CSV, in the 28-field order.
FIELDS_28 = (
    "seq",
    "project_no",
    "title",
    "category",
    "agency",
    "sub_agency",
    "method",
    "method_group",
    "date_published",
    "budget",
    "reference_price",
    "agreed_price",
    "fiscal_year",
    "transaction_date",
    "province",
    "district",
    "subdistrict",
    "project_status",
    "location",
    "latitude",
    "longitude",
    "winner_id",
    "winner_name",
    "contract_no",
    "contract_signed",
    "contract_end",
    "contract_amount",
    "contract_status",
)
# FY2565-2567: English copies after province, district and sub-district.
FIELDS_31 = (
    *FIELDS_28[:15],
    "province",
    "province_en",
    "district",
    "district_en",
    "subdistrict",
    "subdistrict_en",
    *FIELDS_28[17:],
)
FIELDS = frozenset(FIELDS_31) | {"fiscal_year_extract"}

# Header cell (spaces removed) -> field. Columns not named here are kept out of the import.
_HEADER_NAMES = {
    "ลำดับ": "seq",
    "รหัสโครงการ": "project_no",
    "ชื่อโครงการ": "title",
    "ชื่อประเภทโครงการ": "category",
    "ประเภทโครงการ": "category",
    "ชื่อหน่วยงาน": "agency",
    "หน่วยงาน": "agency",
    "ชื่อหน่วยงานย่อย": "sub_agency",
    "หน่วยงานย่อย": "sub_agency",
    "วิธีจัดซื้อฯ": "method",
    "วิธีจัดซื้อจัดจ้าง": "method",
    "วิธีการจัดซื้อจัดจ้าง": "method",
    "กลุ่มวิธีจัดซื้อฯ": "method_group",
    "กลุ่มวิธีจัดซื้อจัดจ้าง": "method_group",
    "วันที่ประกาศ": "date_published",
    "วันที่ประกาศโครงการ": "date_published",
    "งบประมาณ(บาท)": "budget",
    "งบประมาณ": "budget",
    "ราคากลาง(บาท)": "reference_price",
    "ราคากลาง": "reference_price",
    "ราคาตกลงซื้อ/จ้าง": "agreed_price",
    "ราคาที่ตกลงซื้อหรือจ้าง": "agreed_price",
    "ปีงบประมาณ": "fiscal_year",
    "_ปีงบ": "fiscal_year_extract",
    "วันที่เกิดรายการ": "transaction_date",
    "จังหวัด": "province",
    "จังหวัด(Eng)": "province_en",
    "เขต/อำเภอ": "district",
    "อำเภอ": "district",
    "เขต/อำเภอ(Eng)": "district_en",
    "แขวง/ตำบล": "subdistrict",
    "ตำบล": "subdistrict",
    "แขวง/ตำบล(Eng)": "subdistrict_en",
    "สถานะโครงการ": "project_status",
    "พิกัดของโครงการ": "location",
    "ละติจูดโครงการ": "latitude",
    "ลองจิจูดโครงการ": "longitude",
    "เลขนิติบุคคล": "winner_id",
    "เลขประจำตัวผู้เสียภาษี": "winner_id",
    "ชื่อผู้ชนะ": "winner_name",
    "ชื่อผู้ชนะการเสนอราคา": "winner_name",
    "เลขที่สัญญา": "contract_no",
    "วันที่ลงนามสัญญา": "contract_signed",
    "วันที่สิ้นสุดสัญญา": "contract_end",
    "งบสัญญา(บาท)": "contract_amount",
    "งบสัญญา": "contract_amount",
    "สถานะสัญญา": "contract_status",
}
_ENG = re.compile(r"\(eng\)\s*$", re.IGNORECASE)
_PROJECT_NO = re.compile(r"^\d{6,20}$")
_AMOUNT = re.compile(r"^-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$")
_SAMPLE_ROWS = 500
_MIN_SCORE = 0.9


@dataclass(frozen=True)
class Layout:
    """Column index -> field for one file, and how many header lines to skip."""

    name: str
    columns: dict[int, str]
    width: int
    header_lines: int
    note: str
    rank: int  # 1: an original data.go.th layout, 2: a derived extract (extra `_` columns)

    def index(self, field: str) -> int | None:
        for index, name in self.columns.items():
            if name == field:
                return index
        return None


def _header_key(cell: str) -> str:
    return re.sub(r"\s+", "", cell.replace("\ufeff", ""))


def _by_header(header: list[str], drop_eng: bool = False) -> dict[int, str]:
    columns: dict[int, str] = {}
    position = 0
    for cell in header:
        if drop_eng and _ENG.search(cell.strip()):
            continue
        field = _HEADER_NAMES.get(_header_key(cell))
        if field is None and _ENG.search(cell.strip()):
            base = _HEADER_NAMES.get(_header_key(_ENG.sub("", cell.strip())))
            field = f"{base}_en" if base in ("province", "district", "subdistrict") else None
        if field is not None and field not in columns.values():
            columns[position] = field
        position += 1
    return columns


def _is_date(value: str) -> bool:
    try:
        parse_thai_date(value)
    except ThaiDateError:
        return False
    return True


def _is_amount(value: str) -> bool:
    return bool(_AMOUNT.match(to_arabic_digits(value).replace(" ", "")))


_CHECKS = {
    "project_no": lambda v: bool(_PROJECT_NO.match(to_arabic_digits(v))),
    "budget": _is_amount,
    "reference_price": _is_amount,
    "agreed_price": _is_amount,
    "contract_amount": _is_amount,
    "date_published": _is_date,
    "transaction_date": _is_date,
    "contract_signed": _is_date,
    "contract_end": _is_date,
    "province": lambda v: province_code(v) is not None,
    "province_en": lambda v: v.isascii(),
    "district_en": lambda v: v.isascii(),
    "fiscal_year": lambda v: to_arabic_digits(v).isdecimal() and 2400 < int(to_arabic_digits(v)) < 2700,
}


def _score(columns: dict[int, str], rows: list[list[str]]) -> tuple[float, int]:
    """(share of checked cells that look right, number of fields checked); blanks are not counted."""
    good = total = 0
    checked = 0
    for index, field in columns.items():
        check = _CHECKS.get(field)
        if check is None:
            continue
        values = [row[index].strip() for row in rows if index < len(row)]
        values = [v for v in values if v not in ("", "-")]
        if not values:
            continue
        checked += 1
        good += sum(1 for v in values if check(v))
        total += len(values)
    return (good / total if total else 0.0), checked


def _parse_sample(text: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text))
    rows = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > _SAMPLE_ROWS:
                break
    except csv.Error:
        pass
    return rows


def detect_layout(file: str, sample: str) -> Layout:
    """The layout of an e-GP CSV from its first lines (header and up to 500 rows)."""
    rows = _parse_sample(sample)
    if not rows:
        raise SourceError(file, "no lines to read (expected a header line and rows)", line=1)
    first = rows[0]
    header_lines = 1
    if _CHECKS["project_no"](first[1] if len(first) > 1 else "") and not any(
        _header_key(c) in _HEADER_NAMES for c in first
    ):
        header_lines = 0  # no header: the first line is already data
    data = rows[header_lines:]
    if not data:
        raise SourceError(file, "a header but no rows (expected at least one data row)", line=2)
    width = Counter(len(r) for r in data).most_common(1)[0][0]
    header = first if header_lines else []
    candidates: list[tuple[str, dict[int, str], str]] = []
    if header:
        named = _by_header(header)
        if len(header) == width:
            candidates.append(("header", named, f"columns named by the header ({width} cells)"))
        else:
            candidates.append(
                (
                    "header",
                    named,
                    f"header has {len(header)} cells but rows have {width} fields; columns by name",
                )
            )
        if any(_ENG.search(c.strip()) for c in header):
            without = _by_header(header, drop_eng=True)
            candidates.append(
                (
                    "header-without-eng",
                    without,
                    f"header has {len(header)} cells with (Eng) columns the rows lack; rows have {width} fields",
                )
            )
    for fields in (FIELDS_28, FIELDS_31):
        if width == len(fields):
            note = f"rows have {width} fields: the data.go.th {len(fields)}-field layout"
            if header and len(header) != width:
                note = f"header has {len(header)} cells but rows have {width} fields: the data.go.th {len(fields)}-field layout"
            candidates.append((f"egp-{len(fields)}", dict(enumerate(fields)), note))
    best: tuple[float, int, str, dict[int, str], str] | None = None
    for name, columns, note in candidates:
        if "project_no" not in columns.values() or max(columns, default=-1) >= width:
            continue
        score, checked = _score(columns, data)
        if score >= _MIN_SCORE and (best is None or (score, checked) > (best[0], best[1])):
            best = (score, checked, name, columns, note)
    if best is None:
        raise SourceError(
            file,
            f"cannot tell which column is which: header has {len(header)} cells, rows have {width} fields "
            "(expected the data.go.th e-GP layout: รหัสโครงการ, ชื่อโครงการ, ... สถานะสัญญา, 28 or 31 fields)",
            line=1,
        )
    score, _checked, name, columns, note = best
    keys = [_header_key(c) for c in header]
    api = "_id" in keys
    extract = name.startswith("header") and not api and any(k.startswith("_") for k in keys)
    if name.startswith("header"):
        name = "egp-api" if api else ("egp-extract" if extract else f"egp-{width}")
    note = f"{note}; {score:.0%} of sampled cells fit"
    return Layout(name, columns, width, header_lines, note, rank=2 if extract else 1)
