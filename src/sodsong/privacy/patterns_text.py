"""E-mail addresses, LINE ids and Thai vehicle plates.

LINE ids are only taken where the text says it is a LINE id (`ไลน์`, `ไอดีไลน์`, `Line ID:`,
a `line.me` link, an `@handle` on a line that mentions LINE): a bare Latin word is not an id.
Plates are taken in their modern form `1กข 1234`, with a province after them, after the word
`ทะเบียน`, or as `กข 1234` when the two letters are not a Thai word (`งบ 2564`, `รถ 10` and
`พศ 2564` are not plates).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from sodsong.privacy.patterns_common import Candidate, Lines

__all__ = ["PRIORITY", "detect_emails", "detect_line_ids", "detect_plates"]

PRIORITY = {"email": 0, "line_url": 2, "plate": 6, "line_id": 7}

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"\.[A-Za-z]{2,24}(?![A-Za-z0-9-])"
)

# --- LINE ------------------------------------------------------------------------------------
_LINE_URL = re.compile(r"(?:https?://)?(?:www\.)?(?:line\.me/[A-Za-z0-9/_~.%@?=&+-]+|lin\.ee/[A-Za-z0-9]+)")
_ID = r"@?[A-Za-z0-9][A-Za-z0-9._-]{1,19}"
_AFTER_ID = r"(?![A-Za-z0-9._@-]*@)(?![A-Za-z0-9_-])"
# Between the word and the id: `ไลน์ผม`, `ไลน์ของผู้รับเหมาคือ`, `Line ID:`.
_FILLER = (
    r"\s{0,3}(?:ส่วนตัว|ของ[\u0e01-\u0e4e]{0,24}?|ผม|ฉัน|หนู|เขา|เค้า|เธอ|ท่าน)?"
    r"\s{0,3}(?:[:：=]|คือ|ชื่อ|ว่า|มาที่|ที่)?\s{0,3}(?:[:：=]\s{0,3})?"
)
_LINE_KEYWORD_ID_THAI = re.compile(
    r"(?:ไอดีไลน์|ไลน์ไอดี|ไอดี\s?ไลน์|ไลน์\s?(?:[iI][dD]|ไอดี)|ไลน์|ไลน)"
    f"{_FILLER}(?P<id>{_ID}){_AFTER_ID}"
)
_LINE_KEYWORD_ID_LATIN = re.compile(
    f"(?=[iIlL])(?:\\b(?:id\\s?line|line\\s?id){_FILLER}"
    f"(?P<id>{_ID}){_AFTER_ID}"
    r"|\bline\s{0,3}[:：=]\s{0,3}"
    f"(?P<id2>{_ID}){_AFTER_ID}"
    r"|\bline\s{1,3}"
    f"(?P<id3>@[A-Za-z0-9][A-Za-z0-9._-]{{1,19}}){_AFTER_ID})",
    re.IGNORECASE,
)
_LINE_CONTEXT = re.compile(r"ไลน์|ไลน|(?=[lL])\bline\b", re.IGNORECASE)
_HANDLE = re.compile(
    r"(?<![A-Za-z0-9._%+-])@[A-Za-z0-9][A-Za-z0-9._-]{1,19}"
    + _AFTER_ID
    + r"|(?:ไอดี|(?<![A-Za-z])[Ii][Dd](?![A-Za-z]))\s{0,3}[:：=]?\s{0,3}"
    + f"(?P<id>{_ID}){_AFTER_ID}"
)
# Words that follow "ไลน์" but are not an id.
_NOT_IDS = frozenset(
    {"id", "oa", "official", "account", "group", "app", "line", "chat", "call", "pay", "notify", "me", "to"}
)


def _plausible_id(token: str) -> bool:
    """An id has a Latin letter: digits alone are a phone number (found as one) or a count."""
    bare = token.lstrip("@").rstrip(".")
    if bare.lower() in _NOT_IDS or len(bare) < 3:
        return False
    return any(c.isascii() and c.isalpha() for c in bare)


def detect_emails(text: str) -> Iterator[Candidate]:
    for m in _EMAIL.finditer(text):
        yield Candidate("email", m.start(), m.end(), PRIORITY["email"])


def detect_line_ids(text: str, lines: Lines) -> Iterator[Candidate]:
    for m in _LINE_URL.finditer(text):
        yield Candidate("line_id", m.start(), m.end(), PRIORITY["line_url"])
    for m in (*_LINE_KEYWORD_ID_THAI.finditer(text), *_LINE_KEYWORD_ID_LATIN.finditer(text)):
        group = next(g for g in ("id", "id2", "id3") if g in m.re.groupindex and m.group(g) is not None)
        token = m.group(group)
        if _plausible_id(token):
            start = m.start(group)
            yield Candidate("line_id", start, start + len(token.rstrip(".")), PRIORITY["line_id"])
    context_lines = {lines.index(m.start()) for m in _LINE_CONTEXT.finditer(text)}
    if context_lines:
        for m in _HANDLE.finditer(text):
            handle: str | int = "id" if m.group("id") else 0
            token = m.group(handle)
            if lines.index(m.start()) in context_lines and _plausible_id(token):
                start = m.start(handle)
                yield Candidate("line_id", start, start + len(token.rstrip(".")), PRIORITY["line_id"])


# --- plates ----------------------------------------------------------------------------------
_CONSONANTS = "ก-ฮ"
_NOT_MARK = r"(?![\u0e30-\u0e3a\u0e45\u0e47-\u0e4e])"
_NUMBER = r"\d{1,4}(?![\d,/:])(?!\.\d)"
_GAP = r"[ \u00a0]?-?[ \u00a0]?"
_PLATE_CONTEXT = (
    r"(?:ป้าย)?(?:เลข)?ทะเบียน(?:รถ(?:ยนต์|จักรยานยนต์|มอเตอร์ไซค์|กระบะ|เก๋ง|ตู้|บรรทุก)?)?"
    r"(?:\s{0,2}(?:หมายเลข|เลขที่|เลข))?\s{0,2}[:：]?\s{0,2}"
)
# Two-consonant abbreviations written without dots that a number often follows.
_NOT_PLATE_LETTERS = frozenset(
    {
        "มค", "กพ", "พค", "กค", "สค", "กย", "ตค", "พย", "ธค", "พศ", "คศ", "จศ", "รศ", "ผศ", "กม", "ซม",
        "มม", "ตร", "ชม", "กก", "ลบ", "สส", "สว", "ผอ", "นส", "ดช", "ดญ", "ดต", "ดร", "นพ", "พญ", "ทพ",
        "ภก", "ภญ", "ปภ", "สน", "สภ", "ทต", "ทม", "ทน", "รพ", "รร", "อบ", "อจ", "ทล", "ทช", "มท", "สพ",
        "ปช",
    }
)  # fmt: skip


@cache
def _province_pattern() -> str:
    from pythainlp.corpus import provinces

    names = {str(p["name_th"]) for p in provinces(details=True)} | {"กรุงเทพฯ", "กทม.", "กทม"}  # type: ignore[index]
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return f"(?:{alternatives})"


@cache
def _plate_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    province = _province_pattern()
    tail = rf"(?:[ \u00a0]{{1,2}}(?:จังหวัด|จ\.)?[ \u00a0]?{province})"
    letters = f"[{_CONSONANTS}]{{1,3}}{_NOT_MARK}"
    modern = rf"(?<![\d])[1-9][{_CONSONANTS}]{{2}}{_NOT_MARK}{_GAP}{_NUMBER}{tail}?"
    with_province = rf"(?<![\u0e00-\u0e7f\d])(?:[1-9][ \u00a0]?)?{letters}{_GAP}{_NUMBER}{tail}"
    strong = re.compile(f"{modern}|{with_province}")
    after_word = re.compile(
        rf"{_PLATE_CONTEXT}(?P<plate>(?:[1-9][ \u00a0]?)?{letters}{_GAP}{_NUMBER}{tail}?"
        rf"|\d{{2}}-\d{{4}}(?!\d){tail}?)"
    )
    weak = re.compile(
        rf"(?<![\u0e00-\u0e7f\d.])(?:[1-9][ \u00a0])?(?P<letters>[{_CONSONANTS}]{{2}}){_NOT_MARK}"
        rf"[ \u00a0-]{_NUMBER}{tail}?"
    )
    return strong, after_word, weak


@cache
def _thai_words() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(w for w in thai_words() if len(w) == 2)


def detect_plates(text: str) -> Iterator[Candidate]:
    strong, after_word, weak = _plate_patterns()
    priority = PRIORITY["plate"]
    for m in strong.finditer(text):
        yield Candidate("plate", m.start(), m.end(), priority)
    for m in after_word.finditer(text):
        yield Candidate("plate", m.start("plate"), m.end("plate"), priority)
    words = _thai_words()
    for m in weak.finditer(text):
        letters = m.group("letters")
        if letters not in words and letters not in _NOT_PLATE_LETTERS:
            yield Candidate("plate", m.start(), m.end(), priority)
