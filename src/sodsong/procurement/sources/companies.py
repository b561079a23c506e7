"""Import the company register: DBD profile JSON (as copied from DBD DataWarehouse+) and a CSV
layout for bulk registry extracts (docs/warehouse.md). Companies are keyed by their juristic id;
directors become persons linked by `director_of`; each becomes a FollowTheMoney entity too."""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import orjson

from sodsong.procurement.sources.common import (
    FileSummary,
    Rejection,
    SourceError,
    excerpt,
    file_identity,
    forget_file,
    redact_ids,
    register_file,
)
from sodsong.procurement.sources.entity_files import store_entity_file
from sodsong.procurement.sources.ftm import entity, entity_row
from sodsong.procurement.sources.people import person_name_key, split_title
from sodsong.procurement.sources.textfiles import open_bytes, utf8_file
from sodsong.procurement.warehouse.keys import company_id, hashed, person_id
from sodsong.thai import (
    BahtError,
    ThaiDateError,
    compact_id,
    company_match_key,
    fold_spaces,
    is_valid_juristic_id,
    parse_baht,
    parse_thai_date,
)
from sodsong.thai.provinces import province_code

__all__ = ["CSV_COLUMNS", "address_key", "stage_file"]

ATTRIBUTION = "ข้อมูลนิติบุคคล กรมพัฒนาธุรกิจการค้า (DBD)"
# The bulk CSV layout: column -> Thai header also accepted.
CSV_COLUMNS = {
    "juristic_id": "เลขทะเบียนนิติบุคคล",
    "name": "ชื่อนิติบุคคล",
    "name_en": "ชื่อภาษาอังกฤษ",
    "legal_form": "ประเภทนิติบุคคล",
    "status": "สถานะ",
    "registration_date": "วันที่จดทะเบียนจัดตั้ง",
    "capital": "ทุนจดทะเบียน",
    "business_group": "กลุ่มธุรกิจ",
    "tsic_code": "TSIC",
    "address": "ที่ตั้งสำนักงานแห่งใหญ่",
    "province": "จังหวัด",
    "postal_code": "รหัสไปรษณีย์",
    "directors": "รายชื่อกรรมการ",
}
_PROVINCE = re.compile(r"(?:จ\.|จังหวัด)\s*([^\s,]+)")
_POSTAL = re.compile(r"\b(\d{5})\s*$")
_NOT_KEY = re.compile(r"[\s,.\-/()]+")
_JURISTIC = "a checksum-valid 13-digit juristic id (เลขทะเบียนนิติบุคคล)"


def address_key(address: str | None) -> str | None:
    """An address folded for comparison: spaces and punctuation out, Latin lower-cased."""
    if not address or not address.strip() or address.strip() == "-":
        return None
    return _NOT_KEY.sub("", address).lower() or None


class _Bad(ValueError):
    def __init__(self, field: str, expected: str, value: object) -> None:
        super().__init__(field)
        self.field, self.expected, self.value = field, expected, value


def _company(record: dict[str, Any], line: int) -> dict[str, Any]:
    """One company from a record with our field names; _Bad when a field does not parse."""
    raw_id = str(record.get("juristic_id") or "").strip()
    if not is_valid_juristic_id(raw_id):
        raise _Bad("juristic_id", _JURISTIC, raw_id)
    name = fold_spaces(str(record.get("name") or ""))
    if not name:
        raise _Bad("name", "the registered name", None)
    try:
        registered = parse_thai_date(str(record.get("registration_date") or "").strip() or None)
    except ThaiDateError:
        raise _Bad(
            "registration_date", "a Thai or ISO date, e.g. 9 มี.ค. 2560", record.get("registration_date")
        ) from None
    capital_raw = record.get("capital")
    try:
        capital = (
            Decimal(str(capital_raw)).quantize(Decimal("0.01"))
            if isinstance(capital_raw, (int, float))
            else parse_baht(str(capital_raw) if capital_raw is not None else None)
        )
    except BahtError:
        raise _Bad("capital", "an amount in baht, e.g. 5000000", capital_raw) from None
    address = fold_spaces(str(record.get("address") or "")) or None
    province = record.get("province") or (
        m.group(1) if address and (m := _PROVINCE.search(address)) else None
    )
    postal = record.get("postal_code") or (m.group(1) if address and (m := _POSTAL.search(address)) else None)
    tsic = str(record.get("tsic_code") or "").strip()
    directors = record.get("directors") or []
    if isinstance(directors, str):
        directors = [d for d in re.split(r"[|;\n]", directors)]
    return {
        "juristic_id": compact_id(raw_id),
        "name": name,
        "name_en": fold_spaces(str(record.get("name_en") or "")) or None,
        "legal_form": fold_spaces(str(record.get("legal_form") or "")) or None,
        "status": fold_spaces(str(record.get("status") or "")) or None,
        "registration_date": registered,
        "capital": capital,
        "business_group": fold_spaces(str(record.get("business_group") or "")) or None,
        "tsic_code": m.group(0) if (m := re.match(r"\d{4,5}", tsic)) else None,
        "address": address,
        "province": fold_spaces(str(province)) if province else None,
        "postal_code": str(postal) if postal else None,
        "directors": [fold_spaces(str(d)) for d in directors if str(d).strip() and str(d).strip() != "-"],
        "line": line,
    }


def _dbd_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with open_bytes(path) as handle:  # plain or gzip/bzip2/xz
            value = orjson.loads(handle.read().removeprefix(codecs.BOM_UTF8))
    except orjson.JSONDecodeError as exc:
        raise SourceError(
            path, f"expected a DBD profile as JSON (valid JSON: {exc.msg} at line {exc.lineno})"
        ) from None
    documents = value if isinstance(value, list) else [value]
    for number, document in enumerate(documents, start=1):
        profile = document.get("profile") if isinstance(document, dict) else None
        if not isinstance(profile, dict):
            raise SourceError(path, "expected a DBD profile object with a `profile` key", line=number)
        yield (
            number,
            {
                "juristic_id": profile.get("เลขทะเบียนนิติบุคคล"),
                "name": profile.get("ชื่อนิติบุคคล"),
                "legal_form": profile.get("ประเภทนิติบุคคล"),
                "status": profile.get("สถานะ"),
                "registration_date": profile.get("วันที่จดทะเบียนจัดตั้ง"),
                "capital": profile.get("ทุนจดทะเบียนปัจจุบัน"),
                "business_group": profile.get("กลุ่มธุรกิจ"),
                "tsic_code": profile.get("TSIC_งบปีล่าสุด") or profile.get("TSIC_ตอนจดทะเบียน"),
                "address": profile.get("ที่ตั้งสำนักงานแห่งใหญ่"),
                "directors": profile.get("รายชื่อกรรมการ") or [],
            },
        )


def _csv_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    thai = {v: k for k, v in CSV_COLUMNS.items()}
    with utf8_file(path) as text, text.path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if not header:
            raise SourceError(path, "the file is empty (expected a header line and rows)", line=1)
        names = [thai.get(h.strip(), h.strip()) for h in header]
        if "juristic_id" not in names or "name" not in names:
            raise SourceError(
                path,
                "expected the company CSV layout (juristic_id, name, ...: see docs/warehouse.md)",
                line=1,
            )
        for row in reader:
            line = reader.line_num
            if len(row) != len(names):
                yield line, {"__width__": len(row)}
                continue
            yield line, dict(zip(names, row, strict=True))


def stage_file(con: duckdb.DuckDBPyConnection, path: Path) -> tuple[FileSummary, list[Rejection]]:
    """Import one company file (DBD JSON or the bulk CSV), replacing an earlier import of it."""
    source_file_id, sha256, size = file_identity(path)
    summary = FileSummary(file=str(path), source_file_id=source_file_id, encoding="utf-8")
    forget_file(con, source_file_id, ("relation", "ftm_entity"))
    with open_bytes(path) as handle:
        is_json = handle.read(64).lstrip(b"\xef\xbb\xbf \n\r\t")[:1] in (b"{", b"[")
    summary.layout = "dbd-json" if is_json else "company-csv"
    kind = "dbd_json" if is_json else "company_csv"
    records = _dbd_records(path) if is_json else _csv_records(path)
    rejections: list[Rejection] = []
    organisations: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    for line, record in records:
        summary.read += 1
        if "__width__" in record:
            rejections.append(
                Rejection(
                    str(path),
                    line,
                    "*",
                    f"{len(CSV_COLUMNS)} fields or the header's count",
                    f"{record['__width__']} fields",
                )
            )
            continue
        try:
            company = _company(record, line)
        except _Bad as bad:
            value = None if bad.value is None else excerpt(redact_ids(str(bad.value)))
            rejections.append(Rejection(str(path), line, bad.field, bad.expected, value))
            continue
        summary.imported += 1
        _rows(company, (source_file_id, line), kind, organisations, relations, entities)
    summary.rejected = len(rejections)
    store_entity_file(
        con,
        source_file_id=source_file_id,
        source_kind=kind,
        organisations=organisations,
        own_table=("relation", "relation_id", relations),
        entities=entities,
        rejections=rejections,
        imported=(
            (o["source_line"], "organisation", o["org_id"]) for o in organisations if o["kind"] == "company"
        ),
    )
    register_file(
        con, summary, source_kind=kind, path=path, sha256=sha256, size=size, attribution=ATTRIBUTION
    )
    return summary, rejections


def _rows(
    company: dict[str, Any],
    source: tuple[str, int],
    kind: str,
    organisations: list[dict[str, Any]],
    relations: list[dict[str, Any]],
    entities: list[dict[str, Any]],
) -> None:
    org_id = company_id(company["juristic_id"])
    provenance = {"source_file_id": source[0], "source_line": source[1]}
    code = province_code(company["province"]) if company["province"] else None
    organisations.append(
        {
            "org_id": org_id,
            "kind": "company",
            "name": company["name"],
            "name_en": company["name_en"],
            "name_key": company_match_key(company["name"]),
            "juristic_id": company["juristic_id"],
            "legal_form": company["legal_form"],
            "status": company["status"],
            "registration_date": company["registration_date"],
            "capital": company["capital"],
            "business_group": company["business_group"],
            "tsic_code": company["tsic_code"],
            "address": company["address"],
            "address_key": address_key(company["address"]),
            "postal_code": company["postal_code"],
            "province": company["province"],
            "province_code": code,
            "resolved_id": org_id,
            "ftm_schema": "Company",
            "source_kind": kind,
            **provenance,
        }
    )
    company_entity = entity(
        "Company",
        org_id,
        name=company["name"],
        alias=company["name_en"],
        registrationNumber=company["juristic_id"],
        jurisdiction="th",
        incorporationDate=company["registration_date"],
        legalForm=company["legal_form"],
        status=company["status"],
        address=company["address"],
        sector=company["business_group"],
        classification=company["tsic_code"],
    )
    entities.append(entity_row(company_entity, source, org_id))
    for director in company["directors"]:
        titles, bare = split_title(director)
        key = person_name_key(director)
        if not key:
            continue
        pid = person_id("name", key)
        organisations.append(
            {
                "org_id": pid,
                "kind": "person",
                "name": bare,
                "name_key": key,
                "resolved_id": pid,
                "ftm_schema": "Person",
                "source_kind": kind,
                **provenance,
            }
        )
        person = entity("Person", pid, name=bare, title=titles or None, nationality="th")
        entities.append(entity_row(person, source, pid))
        relation_id = f"rel-{hashed('director_of', pid, org_id, 'กรรมการ', '')}"
        relations.append(
            {
                "relation_id": relation_id,
                "kind": "director_of",
                "subject_id": pid,
                "object_id": org_id,
                "role": "กรรมการ",
                "source_kind": kind,
                **provenance,
            }
        )
        entities.append(
            entity_row(
                entity(
                    "Directorship", relation_id, director=person, organization=company_entity, role="กรรมการ"
                ),
                source,
            )
        )
