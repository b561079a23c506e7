"""Import the abandoned-work blacklist (ผู้ทิ้งงาน): CSV with juristic id, name, date listed,
agency and reason (docs/warehouse.md). Companies are keyed by a valid juristic id, else by name;
an individual's citizen id is never stored."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import duckdb

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
from sodsong.procurement.sources.people import split_title
from sodsong.procurement.sources.textfiles import utf8_file
from sodsong.procurement.warehouse.keys import company_id, hashed, name_org_id
from sodsong.thai import (
    ThaiDateError,
    compact_id,
    company_match_key,
    fold_spaces,
    is_valid_citizen_id,
    is_valid_juristic_id,
    parse_thai_date,
)

__all__ = ["COLUMNS", "stage_file"]

ATTRIBUTION = "รายชื่อผู้ทิ้งงาน กรมบัญชีกลาง"
# Column -> the Thai headers also accepted.
COLUMNS = {
    "juristic_id": ("เลขนิติบุคคล", "เลขทะเบียนนิติบุคคล", "เลขประจำตัวผู้เสียภาษี"),
    "name": ("ชื่อ", "ชื่อผู้ทิ้งงาน"),
    "date_listed": ("วันที่ประกาศ", "วันที่แจ้งเวียน", "วันที่ลงโทษ"),
    "agency": ("หน่วยงาน", "หน่วยงานที่แจ้ง"),
    "reason": ("เหตุผล", "สาเหตุ"),
    "date_lifted": ("วันที่เพิกถอน",),
}


def _header(path: Path, header: list[str]) -> list[str | None]:
    aliases = {alias: name for name, values in COLUMNS.items() for alias in (name, *values)}
    names = [aliases.get(h.strip()) for h in header]
    if "name" not in names or "date_listed" not in names:
        raise SourceError(
            path, "expected the blacklist layout (juristic_id, name, date_listed, agency, reason)", line=1
        )
    return names


def stage_file(con: duckdb.DuckDBPyConnection, path: Path) -> tuple[FileSummary, list[Rejection]]:
    """Import one blacklist CSV, replacing an earlier import of the same bytes."""
    source_file_id, sha256, size = file_identity(path)
    summary = FileSummary(file=str(path), source_file_id=source_file_id, layout="blacklist-csv")
    forget_file(con, source_file_id, ("sanction", "ftm_entity"))
    sanctions: list[dict[str, Any]] = []
    organisations: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    rejections: list[Rejection] = []
    with utf8_file(path) as text, text.path.open(encoding="utf-8-sig", newline="") as handle:
        summary.encoding = text.encoding
        reader = csv.reader(handle)
        header = next(reader, None)
        if not header:
            raise SourceError(path, "the file is empty (expected a header line and rows)", line=1)
        names = _header(path, header)
        for row in reader:
            line = reader.line_num
            summary.read += 1
            if len(row) != len(names):
                rejections.append(
                    Rejection(str(path), line, "*", f"{len(names)} fields", f"{len(row)} fields")
                )
                continue
            record = {n: v.strip() for n, v in zip(names, row, strict=True) if n}
            problem = _problem(record)
            if problem:
                field, expected, value = problem
                rejections.append(Rejection(str(path), line, field, expected, excerpt(redact_ids(value))))
                continue
            _rows(record, (source_file_id, line), sanctions, organisations, entities)
            summary.imported += 1
    summary.rejected = len(rejections)
    store_entity_file(
        con,
        source_file_id=source_file_id,
        source_kind="blacklist_csv",
        organisations=organisations,
        own_table=("sanction", "sanction_id", sanctions),
        entities=entities,
        rejections=rejections,
        imported=((s["source_line"], "sanction", s["sanction_id"]) for s in sanctions),
    )
    register_file(
        con,
        summary,
        source_kind="blacklist_csv",
        path=path,
        sha256=sha256,
        size=size,
        attribution=ATTRIBUTION,
    )
    return summary, rejections


def _problem(record: dict[str, str]) -> tuple[str, str, str] | None:
    if not fold_spaces(record.get("name", "")):
        return "name", "the name as listed", record.get("name", "")
    for field in ("date_listed", "date_lifted"):
        try:
            parse_thai_date(record.get(field) or None)
        except ThaiDateError:
            return field, "a Thai or ISO date, e.g. 10 มี.ค. 2564", record.get(field, "")
    if not record.get("date_listed") or record["date_listed"] in ("-",):
        return "date_listed", "the date it was listed", record.get("date_listed", "")
    raw = compact_id(record.get("juristic_id") or "")
    if raw and raw != "-" and not is_valid_juristic_id(raw) and not is_valid_citizen_id(raw):
        return "juristic_id", "a checksum-valid 13-digit juristic id, or empty", raw
    return None


def _rows(
    record: dict[str, str],
    source: tuple[str, int],
    sanctions: list[dict[str, Any]],
    organisations: list[dict[str, Any]],
    entities: list[dict[str, Any]],
) -> None:
    name = fold_spaces(record["name"])
    raw = compact_id(record.get("juristic_id") or "")
    juristic = raw if is_valid_juristic_id(raw) else None  # a citizen id is dropped here, never stored
    person = not juristic and (is_valid_citizen_id(raw) or bool(split_title(name)[0]))
    org_id = company_id(juristic) if juristic else name_org_id(name)
    listed = parse_thai_date(record["date_listed"])
    lifted = parse_thai_date(record.get("date_lifted") or None)
    agency = fold_spaces(record.get("agency") or "") or None
    sanction_id = f"sanction-{hashed(org_id, listed, agency)}"
    provenance = {"source_file_id": source[0], "source_line": source[1]}
    sanctions.append(
        {
            "sanction_id": sanction_id,
            "org_id": org_id,
            "juristic_id": juristic,
            "name": name,
            "name_key": company_match_key(name),
            "date_listed": listed,
            "date_lifted": lifted,
            "agency": agency,
            "reason": fold_spaces(record.get("reason") or "") or None,
            **provenance,
        }
    )
    organisations.append(
        {
            "org_id": org_id,
            "kind": "person" if person else "company",
            "name": split_title(name)[1] if person else name,
            "name_key": company_match_key(name),
            "juristic_id": juristic,
            "resolved_id": org_id,
            "ftm_schema": "Person" if person else "Company",
            "source_kind": "blacklist_csv",
            **provenance,
        }
    )
    subject = entity(
        "Person" if person else "Company", org_id, name=name, registrationNumber=juristic, country="th"
    )
    entities.append(entity_row(subject, source, org_id))
    entities.append(
        entity_row(
            entity(
                "Sanction",
                sanction_id,
                entity=subject,
                authority=agency or "กรมบัญชีกลาง",
                reason=record.get("reason"),
                listingDate=listed,
                startDate=listed,
                endDate=lifted,
                program="ผู้ทิ้งงาน",
                country="th",
            ),
            source,
        )
    )
