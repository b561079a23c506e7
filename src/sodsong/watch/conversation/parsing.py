"""Reading what citizens type: Thai dates and phrases, amounts, e-GP numbers, places.

Pure functions (no database) so every rule is easy to test on its own. Each returns None when
it cannot read the answer; the engine then asks again with an example.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from sodsong.thai.dates import THAI_MONTHS_LONG, THAI_MONTHS_SHORT, ThaiDateError, parse_thai_date
from sodsong.thai.digits import to_arabic_digits
from sodsong.thai.provinces import PROVINCES, province_code
from sodsong.thai.text import ZERO_WIDTH

__all__ = [
    "CONTROL_RE",
    "MAX_TEXT",
    "Place",
    "clean_text",
    "parse_amount",
    "parse_egp_number",
    "parse_place",
    "parse_when",
    "parse_yes_no",
]

#: Longest message the engine keeps; longer ones are refused politely (asked to shorten).
MAX_TEXT = 10_000

_ZERO_WIDTH_RE = re.compile(f"[{ZERO_WIDTH}\u00ad]")
#: Control characters other than tab, line feed and carriage return: never kept (PostgreSQL
#: cannot store a NUL in text or JSON at all).
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """NFC, zero-width characters, soft hyphens and control characters removed, ends stripped;
    lines are kept."""
    text = unicodedata.normalize("NFC", text or "")
    text = CONTROL_RE.sub("", _ZERO_WIDTH_RE.sub("", text)).replace("\r\n", "\n")
    return text.strip()


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", to_arabic_digits(clean_text(text))).strip().casefold()


# ---------------------------------------------------------------------------- dates

_ENGLISH_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _month_number(word: str) -> int | None:
    word = word.strip().casefold()
    bare = word.replace(".", "").replace(" ", "")
    for number, (long, short) in enumerate(zip(THAI_MONTHS_LONG, THAI_MONTHS_SHORT, strict=True), start=1):
        if bare in (long, short.replace(".", "")):
            return number
    for number, english in enumerate(_ENGLISH_MONTHS, start=1):
        if len(bare) >= 3 and english.startswith(bare):
            return number
    return None


def _minus_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


_UNITS = {
    "วัน": "day",
    "day": "day",
    "days": "day",
    "สัปดาห์": "week",
    "อาทิตย์": "week",
    "week": "week",
    "weeks": "week",
    "เดือน": "month",
    "month": "month",
    "months": "month",
    "ปี": "year",
    "year": "year",
    "years": "year",
}
_PHRASES = {
    "วันนี้": ("day", 0),
    "today": ("day", 0),
    "เมื่อวาน": ("day", 1),
    "เมื่อวานนี้": ("day", 1),
    "yesterday": ("day", 1),
    "เมื่อวานซืน": ("day", 2),
    "สัปดาห์ที่แล้ว": ("week", 1),
    "สัปดาห์ก่อน": ("week", 1),
    "อาทิตย์ที่แล้ว": ("week", 1),
    "อาทิตย์ก่อน": ("week", 1),
    "last week": ("week", 1),
    "เดือนที่แล้ว": ("month", 1),
    "เดือนก่อน": ("month", 1),
    "last month": ("month", 1),
    "ปีที่แล้ว": ("year", 1),
    "ปีก่อน": ("year", 1),
    "ปีกลาย": ("year", 1),
    "last year": ("year", 1),
}
_AGO = re.compile(
    r"^(?:เมื่อ|ประมาณ|about\s+)?\s*(\d{1,3})\s*(วัน|สัปดาห์|อาทิตย์|เดือน|ปี|days?|weeks?|months?|years?)"
    r"\s*(?:ก่อน|ที่แล้ว|ที่ผ่านมา|มาแล้ว|ago)$"
)
_MONTH_ONLY = re.compile(r"^(?:เดือน|ช่วง|ตอน|in\s+)?\s*([^\d\s]+?\.?)\s*(\d{4}|\d{2})?$")
_DAY_MONTH = re.compile(r"^(?:วันที่\s*)?(\d{1,2})\s*([^\d\s]+?\.?)$")


def _ago(unit: str, count: int, today: datetime.date) -> datetime.date:
    if unit == "day":
        return today - datetime.timedelta(days=count)
    if unit == "week":
        return today - datetime.timedelta(weeks=count)
    if unit == "month":
        return _minus_months(today, count)
    return _minus_months(today, 12 * count)


def parse_when(text: str, today: datetime.date) -> datetime.date | None:
    """The date `text` means, seen from `today`; None when it is not a date we can read.

    Understands BE/CE dates (`10 มี.ค. 2567`, `10/03/2567`, `2024-03-10`), Thai and English
    phrases (`เมื่อวาน`, `เดือนที่แล้ว`, `เมื่อ 3 วันก่อน`, `last week`) and a month with or without
    a year (`มีนาคม` means the latest March not in the future). Future dates give None.
    """
    key = _key(text).removeprefix("เมื่อ ").strip() if _key(text) not in _PHRASES else _key(text)
    key = re.sub(r"^(ประมาณ|ราว ?ๆ?|ราว|around|about)\s*", "", key)
    found: datetime.date | None = None
    if key in _PHRASES:
        unit, count = _PHRASES[key]
        found = _ago(unit, count, today)
    elif (match := _AGO.match(key)) is not None:
        found = _ago(_UNITS[match.group(2)], int(match.group(1)), today)
    else:
        try:
            found = parse_thai_date(key)
        except ThaiDateError:
            found = None
        if found is None:
            found = _month_or_day(key, today)
    if found is None or found > today or found.year < 1950:
        return None
    return found


def _month_or_day(key: str, today: datetime.date) -> datetime.date | None:
    match = _DAY_MONTH.match(key)
    if match:
        month = _month_number(match.group(2))
        if month is None:
            return None
        for year in (today.year, today.year - 1):
            try:
                candidate = datetime.date(year, month, int(match.group(1)))
            except ValueError:
                return None
            if candidate <= today:
                return candidate
        return None
    match = _MONTH_ONLY.match(key)
    if not match:
        return None
    month = _month_number(match.group(1))
    if month is None:
        return None
    if match.group(2):
        year = int(match.group(2))
        if len(match.group(2)) == 2:
            year += 2500
        if year > 2400:
            year -= 543
        try:
            return datetime.date(year, month, 1)
        except ValueError:
            return None
    year = today.year if month <= today.month else today.year - 1
    return datetime.date(year, month, 1)


# ---------------------------------------------------------------------------- amounts

_MULTIPLIERS = {
    "ล้าน": Decimal(1_000_000),
    "แสน": Decimal(100_000),
    "หมื่น": Decimal(10_000),
    "พัน": Decimal(1_000),
    "million": Decimal(1_000_000),
    "m": Decimal(1_000_000),
    "k": Decimal(1_000),
    "thousand": Decimal(1_000),
}
_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(ล้าน|แสน|หมื่น|พัน|million|thousand|k|m)?")
_AMOUNT_NOISE = re.compile(r"(ประมาณ|ราว ?ๆ?|ราว|กว่า|เกือบ|about|around|approx\.?|บาท|baht|thb|฿|\s)")
_MAX_AMOUNT = Decimal("1e15")


def parse_amount(text: str) -> Decimal | None:
    """Baht from `50,000`, `๕๐,๐๐๐ บาท`, `2 ล้าน`, `1.5 ล้านบาท`, `5 หมื่น`, `2 ล้าน 5 แสน`, `50k`."""
    key = _AMOUNT_NOISE.sub("", _key(text))
    if not key:
        return None
    total = Decimal(0)
    position = 0
    for match in _AMOUNT.finditer(key):
        if match.start() != position:
            return None
        number = match.group(1)
        if "," in number and not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", number):
            return None
        try:
            value = Decimal(number.replace(",", ""))
        except InvalidOperation:
            return None
        total += value * _MULTIPLIERS.get(match.group(2) or "", Decimal(1))
        position = match.end()
    if position != len(key) or total <= 0 or total >= _MAX_AMOUNT:
        return None
    return total.quantize(Decimal("0.01"))


# ---------------------------------------------------------------------------- e-GP


def parse_egp_number(text: str) -> str | None:
    """An e-GP project number: 11 digits (Thai digits, spaces and dashes allowed)."""
    digits = re.sub(r"[\s\-./]", "", to_arabic_digits(clean_text(text)))
    return digits if re.fullmatch(r"\d{11}", digits) else None


# ---------------------------------------------------------------------------- yes / no

_YES = {
    "ใช่",
    "ได้",
    "ได้ครับ",
    "ได้ค่ะ",
    "ยินยอม",
    "ตกลง",
    "โอเค",
    "ok",
    "okay",
    "yes",
    "y",
    "agree",
    "consent:yes",
}
_NO = {"ไม่", "ไม่ได้", "ไม่ใช่", "ไม่ยินยอม", "ไม่ต้อง", "no", "n", "consent:no"}


def parse_yes_no(text: str) -> bool | None:
    key = _key(text).rstrip("!. ")
    if key in _YES:
        return True
    if key in _NO:
        return False
    return None


# ---------------------------------------------------------------------------- places

_DISTRICT = re.compile(r"(?:อำเภอ|อ\.|เขต)\s*([^\s,]+)")
_DISTRICT_EN = re.compile(r"([A-Za-z][A-Za-z\-]*(?: [A-Za-z\-]+)?) district\b", re.IGNORECASE)
_PROVINCE_PREFIX = re.compile(r"(?:จังหวัด|จ\.)\s*([^\s,]+)")


class Place(tuple[str, str]):
    """(province code or "", district or "")."""

    @property
    def province(self) -> str:
        return self[0]

    @property
    def district(self) -> str:
        return self[1]


def _find_province(text: str) -> str:
    match = _PROVINCE_PREFIX.search(text)
    if match and (code := province_code(match.group(1))):
        return code
    if code := province_code(text):
        return code
    for token in re.split(r"[\s,]+", text):
        if token and (code := province_code(token)):
            return code
    lowered = text.casefold()
    best = ""
    best_length = 0
    for code, thai, english in PROVINCES:
        for name in (thai, english.casefold()):
            if name in lowered and len(name) > best_length:
                best, best_length = code, len(name)
    return best


def parse_place(text: str) -> Place | None:
    """Province and district (อำเภอ/เขต) named in `text` or in a map address; None if neither.

    Only the district is kept, never a street address or coordinates: a location pin is
    coarsened so a report cannot point at the reporter's home.
    """
    cleaned = re.sub(r"\s+", " ", to_arabic_digits(clean_text(text)))
    if not cleaned:
        return None
    province = _find_province(cleaned)
    match = _DISTRICT.search(cleaned) or _DISTRICT_EN.search(cleaned)
    district = re.split(r"จังหวัด|จ\.|แขวง|ตำบล|ต\.", match.group(1))[0].strip()[:100] if match else ""
    if not province and not district:
        return None
    return Place((province, district))
