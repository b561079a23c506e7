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

from sodsong.privacy.patterns_common import Candidate, Lines, trie_pattern

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
    r"[ \t\u00a0]{0,3}(?:ส่วนตัว|ของ[\u0e01-\u0e4e]{0,24}?|ผม|ฉัน|หนู|เขา|เค้า|เธอ|ท่าน)?"
    r"[ \t\u00a0]{0,3}(?:[:：=]|คือ|ชื่อ|ว่า|มาที่|ที่)?[ \t\u00a0]{0,3}(?:[:：=][ \t\u00a0]{0,3})?"
)
_LINE_KEYWORD_ID_THAI = re.compile(
    r"(?:ไอดีไลน์|ไลน์ไอดี|ไอดี[ \t\u00a0]?ไลน์|ไลน์[ \t\u00a0]?(?:[iI][dD]|ไอดี)|ไลน์|ไลน)"
    f"{_FILLER}(?P<id>{_ID}){_AFTER_ID}"
)
_LINE_KEYWORD_ID_LATIN = re.compile(
    f"(?:\\b(?:id[ \\t\\u00a0]?line|line[ \\t\\u00a0]?id){_FILLER}"
    f"(?P<id>{_ID}){_AFTER_ID}"
    r"|\bline[ \t\u00a0]{0,3}[:：=][ \t\u00a0]{0,3}"
    f"(?P<id2>{_ID}){_AFTER_ID}"
    r"|\bline[ \t\u00a0]{1,3}"
    f"(?P<id3>@[A-Za-z0-9][A-Za-z0-9._-]{{1,19}}){_AFTER_ID})",
    re.IGNORECASE,
)
_LINE_CONTEXT_THAI = re.compile("ไลน")
_LINE_CONTEXT_LATIN = re.compile("[Ll][Ii][Nn][Ee]")
_AT_HANDLE = re.compile(r"@[A-Za-z0-9][A-Za-z0-9._-]{1,19}" + _AFTER_ID)
_ID_WORD = re.compile(
    r"(?:ไอดี|[Ii][Dd])[ \t\u00a0]{0,3}[:：=]?[ \t\u00a0]{0,3}" + f"(?P<id>{_ID}){_AFTER_ID}"
)
_LATIN_LETTER = re.compile("[A-Za-z]")
_LATIN_LINE_WORD = re.compile("[Ll][Ii][Nn][Ee]|[Ii][Dd]")
_WORD_CHAR = re.compile(r"[A-Za-z0-9._%+-]")
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


def _latin_word_start(text: str, start: int) -> bool:
    """Whether a Latin word starts at `start` (not `online`, not `a@b`)."""
    return start == 0 or not _WORD_CHAR.match(text, start - 1)


def detect_emails(text: str) -> Iterator[Candidate]:
    if "@" not in text:
        return
    for m in _EMAIL.finditer(text):
        yield Candidate("email", m.start(), m.end(), PRIORITY["email"])


def _line_context(text: str, lines: Lines) -> set[int]:
    """Lines that mention LINE (`ไลน์`, `Line`)."""
    found = {lines.index(m.start()) for m in _LINE_CONTEXT_THAI.finditer(text)}
    for m in _LINE_CONTEXT_LATIN.finditer(text):
        if _latin_word_start(text, m.start()) and not _LATIN_LETTER.match(text, m.end()):
            found.add(lines.index(m.start()))
    return found


def detect_line_ids(text: str, lines: Lines) -> Iterator[Candidate]:
    """LINE ids after a LINE word, `line.me` links, and `@handles`/`ID` on a line about LINE."""
    if "line.me" in text or "lin.ee" in text:
        for m in _LINE_URL.finditer(text):
            yield Candidate("line_id", m.start(), m.end(), PRIORITY["line_url"])
    matches = list(_LINE_KEYWORD_ID_THAI.finditer(text))
    if _LATIN_LINE_WORD.search(text):
        matches += [m for m in _LINE_KEYWORD_ID_LATIN.finditer(text)]
    for m in matches:
        group = next(g for g in ("id", "id2", "id3") if g in m.re.groupindex and m.group(g) is not None)
        token = m.group(group)
        if _plausible_id(token):
            start = m.start(group)
            yield Candidate("line_id", start, start + len(token.rstrip(".")), PRIORITY["line_id"])
    context = _line_context(text, lines)
    if not context:
        return
    handles: list[tuple[re.Match[str], str | int]] = [
        (m, 0) for m in _AT_HANDLE.finditer(text) if _latin_word_start(text, m.start())
    ]
    handles += [
        (m, "id")
        for m in _ID_WORD.finditer(text)
        if m.group()[0] == "ไ" or _latin_word_start(text, m.start())
    ]
    for m, handle in handles:
        token = m.group(handle)
        if lines.index(m.start()) in context and _plausible_id(token):
            start = m.start(handle)
            yield Candidate("line_id", start, start + len(token.rstrip(".")), PRIORITY["line_id"])


# --- plates ----------------------------------------------------------------------------------
# A plate is read backwards from its number: `1กข 1234`, `1 กข 1234 ขอนแก่น`, `ทะเบียนขค1234`.
_PLATE_NUMBER = re.compile(r"\d{1,4}(?![\d,/:])(?!\.\d)")
_PLATE_LETTERS = re.compile(r"([ก-ฮ]{1,3})([ \u00a0]?-?[ \u00a0]?)$")
_PLATE_CONTEXT = re.compile(
    r"(?:ป้าย)?(?:เลข)?ทะเบียน(?:รถ(?:ยนต์|จักรยานยนต์|มอเตอร์ไซค์|กระบะ|เก๋ง|ตู้|บรรทุก)?)?"
    r"(?:[ \t\u00a0]{0,2}(?:หมายเลข|เลขที่|เลข))?[ \t\u00a0]{0,2}[:：]?[ \t\u00a0]{0,2}$"
)
_TRUCK_PLATE = re.compile(r"ทะเบียน(?:รถ)?[ \t\u00a0]{0,2}[:：]?[ \t\u00a0]{0,2}(?P<plate>\d{2}-\d{4})(?!\d)")
_THAI_OR_DIGIT = re.compile(r"[\u0e00-\u0e7f\d.]")
# Two-consonant abbreviations written without dots that a number often follows.
_NOT_PLATE_LETTERS = frozenset(
    {
        "มค", "กพ", "พค", "กค", "สค", "กย", "ตค", "พย", "ธค", "พศ", "คศ", "จศ", "รศ", "ผศ", "กม", "ซม",
        "มม", "ตร", "ชม", "กก", "ลบ", "สส", "สว", "ผอ", "นส", "ดช", "ดญ", "ดต", "ดร", "นพ", "พญ", "ทพ",
        "ภก", "ภญ", "ปภ", "สน", "สภ", "ทต", "ทม", "ทน", "รพ", "รร", "อบ", "อจ", "ทล", "ทช", "มท", "สพ",
        "ปช", "รถ",
    }
)  # fmt: skip


@cache
def _province_tail() -> re.Pattern[str]:
    from pythainlp.corpus import provinces

    names = {str(p["name_th"]) for p in provinces(details=True)} | {"กรุงเทพฯ", "กทม.", "กทม"}  # type: ignore[index]
    return re.compile(rf"[ \u00a0]{{1,2}}(?:จังหวัด|จ\.)?[ \u00a0]?(?:{trie_pattern(names)})")


@cache
def _thai_words() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(w for w in thai_words() if len(w) == 2)


def _digit_prefix(text: str, start: int) -> tuple[int, bool]:
    """Where a plate's leading digit starts (`1กข`, `1 กข`), and whether it is glued."""
    if start >= 1 and text[start - 1] in "123456789" and not text[start - 2 : start - 1].isdigit():
        return start - 1, True
    if (
        start >= 2
        and text[start - 1] in " \u00a0"
        and text[start - 2] in "123456789"
        and not text[start - 3 : start - 2].isdigit()
    ):
        return start - 2, False
    return start, False


def _plate_at(text: str, number: re.Match[str], context_possible: bool) -> tuple[int, int] | None:
    """The plate whose number is `number`, if the letters and what surrounds them make one."""
    before = _PLATE_LETTERS.search(text, max(0, number.start() - 6), number.start())
    if before is None:
        return None
    tail = _province_tail().match(text, number.end())
    end = tail.end() if tail else number.end()
    run, gap = before.group(1), before.group(2)
    for k in range(len(run)):  # the longest letters first
        letters = run[k:]
        start = before.start(1) + k
        first, glued = _digit_prefix(text, start)
        left = text[first - 1 : first]
        clean = not left or not _THAI_OR_DIGIT.match(left)  # nothing Thai, no digit, no dot
        if glued and len(letters) == 2:
            return first, end  # 1กข 1234
        if tail and clean:
            return first, end  # กข 1234 ขอนแก่น, 1 กข 1234 กรุงเทพมหานคร
        if context_possible and letters != "รถ" and _PLATE_CONTEXT.search(text, max(0, first - 40), first):
            return first, end  # ทะเบียน บท 5678, ทะเบียนขค1234
        if (
            clean
            and not glued
            and gap
            and len(letters) == 2
            and letters not in _thai_words()
            and letters not in _NOT_PLATE_LETTERS
        ):
            return first, end  # กข 1234, but not งบ 2564 or พศ 2564
    return None


def detect_plates(text: str) -> Iterator[Candidate]:
    priority = PRIORITY["plate"]
    context_possible = "ทะเบียน" in text
    for number in _PLATE_NUMBER.finditer(text):
        span = _plate_at(text, number, context_possible)
        if span:
            yield Candidate("plate", span[0], span[1], priority)
    if context_possible:
        for m in _TRUCK_PLATE.finditer(text):
            tail = _province_tail().match(text, m.end("plate"))
            yield Candidate("plate", m.start("plate"), tail.end() if tail else m.end("plate"), priority)
