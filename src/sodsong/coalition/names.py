"""People's names compared the Thai way: titles split off, every vowel and tone mark kept.

A sign-up sheet writes `นายสมชาย ใจดี`, the next one `สมชาย  ใจดี`, a press list `Mr. Somchai
Jaidee`. The *strict key* (title stripped, text normalised, Latin case-folded) treats the first two
as one name; everything looser (English vs Thai spelling, a typo) is only ever a *suggestion* that
staff confirm. Nothing here drops a Thai vowel or tone mark: marks typed in a different order are put
into the standard order (pythainlp's `reorder_vowels`), never removed.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pythainlp.util import reorder_vowels

from sodsong.thai import normalize_text

__all__ = [
    "THAI_TITLES",
    "is_only_title",
    "loose_key",
    "person_key",
    "romanized_key",
    "soft_key",
    "split_title",
]

# Titles as people write them on Thai forms, longest first so `นางสาว` wins over `นาง`.
# Academic and professional titles combine (`ผศ.ดร.`), so stripping repeats.
THAI_TITLES: tuple[str, ...] = tuple(
    sorted(
        {
            "นางสาว",
            "นาง",
            "นาย",
            "น.ส.",
            "นส.",
            "ด.ช.",
            "ด.ญ.",
            "เด็กชาย",
            "เด็กหญิง",
            "ดร.",
            "ศ.",
            "รศ.",
            "ผศ.",
            "ศาสตราจารย์",
            "รองศาสตราจารย์",
            "ผู้ช่วยศาสตราจารย์",
            "นพ.",
            "พญ.",
            "ทพ.",
            "ทพญ.",
            "ภก.",
            "ภญ.",
            "ว่าที่ร้อยตรี",
            "ว่าที่ ร.ต.",
            "ว่าที่ร.ต.",
            "พล.อ.",
            "พล.ต.อ.",
            "พ.ต.อ.",
            "พ.ต.ท.",
            "พ.ต.ต.",
            "ร.ต.อ.",
            "พระ",
            "พระครู",
            "หม่อมราชวงศ์",
            "ม.ร.ว.",
            "ม.ล.",
        },
        key=len,
        reverse=True,
    )
)
# `คุณ` is also the start of given names (คุณากร, คุณวุฒิ): only the loose key strips it.
LOOSE_TITLES: tuple[str, ...] = ("คุณ",)
LATIN_TITLES: tuple[str, ...] = (
    "assoc. prof.",
    "asst. prof.",
    "assoc prof",
    "asst prof",
    "prof.",
    "prof",
    "dr.",
    "dr",
    "mrs.",
    "mrs",
    "mr.",
    "mr",
    "ms.",
    "ms",
    "miss",
    "khun",
)

# A real name never starts with a following vowel, an above/below vowel or a tone mark: if
# stripping a title would leave one, the "title" was part of the name.
_NOT_A_NAME_START = re.compile("^[\u0e30-\u0e3a\u0e45\u0e47-\u0e4e]")
_SPACES = re.compile(r"\s+")
_LATIN_TITLE = re.compile(
    r"^(?:" + "|".join(re.escape(t) for t in LATIN_TITLES) + r")(?:\s+|(?<=\.)(?=\S))", re.IGNORECASE
)


def _normalise(text: str) -> str:
    text = normalize_text(unicodedata.normalize("NFC", text))
    return reorder_vowels(text)


def _strip_thai_title(name: str, titles: tuple[str, ...]) -> tuple[str, str]:
    stripped: list[str] = []
    changed = True
    while changed:
        changed = False
        for title in titles:
            if name.startswith(title):
                rest = name[len(title) :].lstrip()
                if rest and not _NOT_A_NAME_START.match(rest):
                    stripped.append(title)
                    name = rest
                    changed = True
                    break
    return "".join(stripped), name


@functools.lru_cache(maxsize=65536)
def split_title(written: str) -> tuple[str, str]:
    """`นายสมชาย  ใจดี` -> (`นาย`, `สมชาย ใจดี`); `Dr. Jane Roe` -> (`Dr.`, `Jane Roe`).

    Only titles that cannot start a given name are split off (`คุณ` stays: คุณากร is a name).
    """
    name = _normalise(written)
    title, name = _strip_thai_title(name, THAI_TITLES)
    while True:
        match = _LATIN_TITLE.match(name)
        if not match or not name[match.end() :].strip():
            break
        title = f"{title} {match.group(0).strip()}".strip()
        name = name[match.end() :].strip()
    return title, name


@functools.lru_cache(maxsize=65536)
def is_only_title(written: str) -> bool:
    """`นาย`, `ดร.`, `Mr.`: a title with no name after it."""
    text = _normalise(written).strip()
    _title, rest = _strip_thai_title(text + " x", THAI_TITLES + LOOSE_TITLES)
    if rest == "x":
        return True
    return text.casefold().rstrip(".") in {t.rstrip(".") for t in LATIN_TITLES}


def _fold_latin(text: str) -> str:
    return "".join(ch.casefold() if ch.isascii() else ch for ch in text)


@functools.lru_cache(maxsize=65536)
def person_key(written: str) -> str:
    """The strict key: titles off, normalised, Latin case-folded; equal keys are the same name."""
    _, name = split_title(written)
    return _fold_latin(_SPACES.sub(" ", name).strip())


def soft_key(written: str) -> str:
    """The strict key with `คุณ` stripped too (for suggestions only: คุณวุฒิ may be a name)."""
    _, key = _strip_thai_title(person_key(written), LOOSE_TITLES)
    return key


def loose_key(written: str) -> str:
    """The soft key without spaces and dots: `สมชาย ใจดี` and `สมชายใจดี` meet."""
    return soft_key(written).replace(" ", "").replace(".", "")


_VOWEL_RUNS = re.compile(r"([aeiou])\1+")


@functools.lru_cache(maxsize=20000)
def _romanize_word(word: str) -> str:
    """Royal Institute romanisation of one Thai word (cached: names repeat across thousands of people)."""
    from pythainlp.transliterate import romanize

    return str(romanize(word))


def romanized_key(written: str) -> str:
    """A rough sound key that lets `สมชาย ใจดี` meet `Somchai Jaidee` (a suggestion, never a match).

    Thai is romanised with pythainlp's rule-based Royal Institute system; both sides then lose the
    differences transcription habits make (j/ch, ee/i, doubled vowels, h after consonants).
    """
    name = person_key(written)
    if not name:
        return ""
    if not name.isascii():
        name = " ".join(_romanize_word(part) for part in name.split(" "))
    name = name.casefold()
    name = re.sub(r"[^a-z ]", "", name)
    name = name.replace("j", "ch").replace("ee", "i").replace("oo", "u").replace("w", "o")
    name = re.sub(r"([kptc])h", r"\1", name)
    name = name.replace("y", "i")
    name = _VOWEL_RUNS.sub(r"\1", name)
    return _SPACES.sub(" ", name).strip()
