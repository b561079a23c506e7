"""The fields an import fills, the header spellings that name them, and finding the header row.

Headers are compared after normalisation (Thai digits, zero-width characters, spaces, Latin case,
and punctuation such as `-`, `.`, `:` and `*` removed), so `ชื่อ - นามสกุล*` and `ชื่อ-นามสกุล`
are one header.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sodsong.coalition.imports.reader import Value, as_text
from sodsong.thai import normalize_text

__all__ = ["FIELDS", "Field", "find_header_row", "header_key", "missing_required", "suggest_mapping"]


@dataclass(frozen=True)
class Field:
    name: str
    label: str | Promise
    headers: tuple[str, ...]
    required: bool = False


PARTICIPANT_FIELDS = (
    Field(
        "name",
        _("Full name"),
        (
            "ชื่อ-นามสกุล",
            "ชื่อ-สกุล",
            "ชื่อนามสกุล",
            "ชื่อ สกุล",
            "ชื่อผู้เข้าร่วม",
            "ผู้เข้าร่วม",
            "name",
            "full name",
            "participant",
            "participant name",
        ),
    ),
    Field("title", _("Title"), ("คำนำหน้า", "คำนำหน้าชื่อ", "คำนำหน้านาม", "title", "prefix")),
    Field("first_name", _("Given name"), ("ชื่อ", "ชื่อจริง", "first name", "given name", "firstname")),
    Field(
        "last_name", _("Family name"), ("นามสกุล", "สกุล", "last name", "surname", "family name", "lastname")
    ),
    Field(
        "name_en",
        _("Name in English"),
        (
            "ชื่อภาษาอังกฤษ",
            "ชื่อ-นามสกุล (ภาษาอังกฤษ)",
            "ชื่ออังกฤษ",
            "english name",
            "name (english)",
            "name in english",
        ),
    ),
    Field(
        "organisation",
        _("Organisation"),
        (
            "หน่วยงาน",
            "องค์กร",
            "สังกัด",
            "หน่วยงาน/องค์กร",
            "องค์กร/หน่วยงาน",
            "หน่วยงานต้นสังกัด",
            "organisation",
            "organization",
            "affiliation",
            "agency",
        ),
    ),
    Field("position", _("Position"), ("ตำแหน่ง", "position", "job title")),
    Field("email", _("Email"), ("อีเมล", "อีเมล์", "e-mail", "email", "email address")),
    Field(
        "phone",
        _("Phone"),
        (
            "โทรศัพท์",
            "เบอร์โทร",
            "เบอร์โทรศัพท์",
            "โทร",
            "มือถือ",
            "หมายเลขโทรศัพท์",
            "phone",
            "mobile",
            "tel",
            "telephone",
        ),
    ),
    Field("role", _("Role"), ("บทบาท", "ประเภทผู้เข้าร่วม", "role")),
    Field(
        "activity",
        _("Activity"),
        ("กิจกรรม", "ชื่อกิจกรรม", "โครงการ/กิจกรรม", "activity", "event", "activity id"),
    ),
)

ACTIVITY_FIELDS = (
    Field(
        "title",
        _("Title"),
        ("ชื่อกิจกรรม", "กิจกรรม", "หัวข้อ", "ชื่องาน", "title", "activity", "name"),
        required=True,
    ),
    Field(
        "activity_type",
        _("Type"),
        ("ประเภท", "ประเภทกิจกรรม", "รูปแบบกิจกรรม", "type", "activity type", "kind"),
        required=True,
    ),
    Field(
        "start_date",
        _("Date"),
        ("วันที่", "วันที่จัด", "วันที่เริ่ม", "วันเริ่ม", "date", "start date", "start", "from"),
        required=True,
    ),
    Field("end_date", _("Until"), ("ถึงวันที่", "วันที่สิ้นสุด", "วันสิ้นสุด", "ถึง", "end date", "end", "until", "to")),
    Field("place", _("Place"), ("สถานที่", "สถานที่จัด", "place", "venue", "location")),
    Field("strategy", _("Strategy"), ("กลยุทธ์", "กลยุทธ์ที่", "strategy")),
    Field("issue_areas", _("Issue areas"), ("ประเด็น", "ประเด็นงาน", "issue area", "issue areas", "issues")),
    Field(
        "organisations",
        _("Partner organisations"),
        (
            "องค์กรภาคี",
            "ภาคี",
            "ภาคีเครือข่าย",
            "องค์กร",
            "หน่วยงาน",
            "หน่วยงานร่วม",
            "องค์กรที่ร่วม",
            "partners",
            "organisations",
            "organizations",
            "partner organisations",
        ),
    ),
    Field("description", _("Description"), ("รายละเอียด", "คำอธิบาย", "description", "details")),
    Field("outputs", _("Outputs"), ("ผลผลิต", "ผลที่ได้", "ผลลัพธ์ที่ได้", "outputs", "output")),
    Field(
        "reach",
        _("Reported reach"),
        ("จำนวนผู้เข้าถึง", "ยอดเข้าถึง", "ยอดวิว", "ผู้ชม", "reach", "views", "audience"),
    ),
    Field("link", _("Link"), ("ลิงก์", "ลิงค์", "link", "url")),
    Field("is_public", _("Public"), ("เผยแพร่", "สาธารณะ", "public")),
)

FIELDS: dict[str, tuple[Field, ...]] = {"participants": PARTICIPANT_FIELDS, "activities": ACTIVITY_FIELDS}

_PUNCTUATION = re.compile(r"[\s\-_.:*()/#]+")


def header_key(text: str) -> str:
    """`ชื่อ - นามสกุล *` and `ชื่อ-นามสกุล` give the same key."""
    text = normalize_text(text).casefold()
    return _PUNCTUATION.sub("", text)


def _variants(kind: str) -> dict[str, str]:
    """Header key -> field name, for one import kind."""
    table: dict[str, str] = {}
    for field in FIELDS[kind]:
        for header in (*field.headers, str(field.label), field.name):
            table.setdefault(header_key(header), field.name)
    return table


def suggest_mapping(headers: Sequence[str], kind: str) -> dict[str, int]:
    """Field name -> column index for every header we recognise (first column wins)."""
    variants = _variants(kind)
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        field = variants.get(header_key(header))
        if field and field not in mapping:
            mapping[field] = index
    return mapping


def find_header_row(rows: Sequence[tuple[int, list[Value]]], kind: str) -> tuple[int, list[str]]:
    """The row (among the first ones) that names the most known fields; a title row above is skipped."""
    variants = _variants(kind)
    best: tuple[int, int, list[str]] | None = None
    for number, values in rows:
        headers = [as_text(v) for v in values]
        score = len({variants[k] for k in (header_key(h) for h in headers if h) if k in variants})
        if score and (best is None or score > best[0]):
            best = (score, number, headers)
    if best is None:
        first = next(((n, [as_text(v) for v in vals]) for n, vals in rows if any(vals)), (1, []))
        return first
    return best[1], _dedupe_headers(best[2])


def _dedupe_headers(headers: list[str]) -> list[str]:
    """A header merged across two columns appears twice: the second becomes `name (2)`."""
    seen: dict[str, int] = {}
    result = []
    for header in headers:
        if header in seen and header:
            seen[header] += 1
            result.append(f"{header} ({seen[header]})")
        else:
            seen[header] = 1
            result.append(header)
    return result


def missing_required(kind: str, mapping: dict[str, int]) -> list[Field]:
    """Required fields with no column. For participants a name needs `name` or given + family name."""
    missing = [f for f in FIELDS[kind] if f.required and f.name not in mapping]
    if kind == "participants" and "name" not in mapping and not {"first_name", "last_name"} <= set(mapping):
        if "first_name" not in mapping:
            missing.append(next(f for f in PARTICIPANT_FIELDS if f.name == "name"))
        else:
            missing.append(next(f for f in PARTICIPANT_FIELDS if f.name == "last_name"))
    return missing
