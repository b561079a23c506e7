"""Spreadsheet cells read as values: dates (BE or Excel), integers with Thai digits, lists, and
the Thai/English words people type for roles, activity types and yes/no."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import Any

from sodsong.coalition.imports.reader import Value, as_text
from sodsong.coalition.models import ActivityType, ParticipantRole
from sodsong.thai import ThaiDateError, be_to_ce, normalize_text, parse_thai_date, to_arabic_digits

__all__ = [
    "NO",
    "ROLE_VALUES",
    "ROLE_WORDS",
    "TYPE_VALUES",
    "TYPE_WORDS",
    "YES",
    "match_word",
    "parse_date",
    "parse_int",
    "split_list",
]

ROLE_WORDS = {
    ParticipantRole.PARTICIPANT: ("ผู้เข้าร่วม", "ผู้เข้าร่วมกิจกรรม", "ผู้เข้าอบรม", "participant", "attendee"),
    ParticipantRole.SPEAKER: ("วิทยากร", "ผู้บรรยาย", "speaker", "panelist", "ผู้ร่วมเสวนา"),
    ParticipantRole.ORGANISER: ("ผู้จัด", "ทีมงาน", "คณะทำงาน", "organiser", "organizer", "staff"),
    ParticipantRole.FACILITATOR: ("ผู้ดำเนินรายการ", "กระบวนกร", "facilitator", "moderator"),
    ParticipantRole.MENTOR: ("พี่เลี้ยง", "กรรมการ", "ผู้ทรงคุณวุฒิ", "mentor", "judge"),
    ParticipantRole.INTERVIEWEE: ("ผู้ให้สัมภาษณ์", "interviewee"),
    ParticipantRole.GUEST: ("แขกรับเชิญ", "ผู้สังเกตการณ์", "guest", "observer"),
}
TYPE_WORDS = {
    ActivityType.MEETING: ("ประชุม", "หารือ", "meeting"),
    ActivityType.WORKSHOP: ("อบรม", "สัมมนา", "เชิงปฏิบัติการ", "workshop", "training", "seminar"),
    ActivityType.TALK: ("วิทยากร", "บรรยาย", "เสวนา", "talk", "speaker", "lecture", "panel"),
    ActivityType.HACKATHON: ("แฮกกาธอน", "แฮกกะธอน", "hackathon", "hack"),
    ActivityType.MEDIA: (
        "สัมภาษณ์",
        "วิทยุ",
        "โทรทัศน์",
        "ทีวี",
        "รายการ",
        "สื่อมวลชน",
        "media",
        "interview",
        "radio",
        "tv",
    ),
    ActivityType.PUBLICATION: (
        "อินโฟกราฟิก",
        "เผยแพร่",
        "บทความ",
        "สิ่งพิมพ์",
        "publication",
        "infographic",
        "article",
    ),
    ActivityType.YOUTH_CAMP: ("ค่าย", "เยาวชน", "camp", "youth"),
    ActivityType.FUNDRAISING: ("ระดมทุน", "บริจาค", "fundraising", "donation", "crowdfunding"),
    ActivityType.OTHER: ("อื่น", "อื่นๆ", "other"),
}
ROLE_VALUES = frozenset(ParticipantRole.values)
TYPE_VALUES = frozenset(ActivityType.values)
YES = {"ใช่", "เผยแพร่", "สาธารณะ", "yes", "y", "true", "1", "x", "✓", "✔", "/"}
NO = {"ไม่", "ไม่ใช่", "ไม่เผยแพร่", "no", "n", "false", "0", "-", ""}


def match_word(text: str, table: dict[Any, tuple[str, ...]], values: Iterable[str]) -> str | None:
    key = normalize_text(text).casefold()
    if key in values:
        return key
    for value, words in table.items():
        if key in words:
            return str(value)
    for value, words in table.items():
        if any(word in key for word in words if len(word) > 2):
            return str(value)
    return None


def parse_date(value: Value) -> datetime.date | None:
    """A date cell: Excel dates (a BE year typed into Excel is corrected), Thai text, ISO."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        if value.year > 2400:
            return value.replace(year=be_to_ce(value.year))
        return value
    if isinstance(value, int | float):
        raise ThaiDateError(as_text(value), "a number, not a date (format the column as a date)")
    return parse_thai_date(str(value))


_SPLIT = re.compile(r"\s*[;\n,、]\s*")


def split_list(text: str) -> list[str]:
    return [part.strip() for part in _SPLIT.split(text) if part.strip()]


def parse_int(value: Value) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        return int(value)
    if isinstance(value, int):
        return value
    text = to_arabic_digits(str(value)).replace(",", "").replace(" ", "").strip()
    if not text:
        return None
    return int(text)
