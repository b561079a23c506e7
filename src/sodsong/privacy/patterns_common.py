"""Shared pieces of the PII detectors: Thai character classes, candidates, line context.

Every detector works on the *prepared* text: Thai digits made Arabic (a one-to-one swap, so
offsets stay those of the original) and every placeholder we emit blanked out, so that running
the redactor over its own output finds nothing new (a placeholder such as `[เลขบัญชีธนาคาร]`
must not count as the word "บัญชี" near a number).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sodsong.thai.digits import to_arabic_digits

__all__ = [
    "KINDS",
    "PLACEHOLDERS",
    "PROTECTED",
    "THAI_LETTER",
    "Candidate",
    "Lines",
    "can_break",
    "is_thai_letter",
    "prepare",
    "trie_pattern",
]

# The kinds the detectors report, each with the Thai placeholder that replaces it.
PLACEHOLDERS: dict[str, str] = {
    "citizen_id": "[เลขบัตรประชาชน]",
    "phone": "[เบอร์โทรศัพท์]",
    "email": "[อีเมล]",
    "bank_account": "[เลขบัญชีธนาคาร]",
    "line_id": "[ไลน์ไอดี]",
    "plate": "[ทะเบียนรถ]",
    "person_name": "[ชื่อบุคคล]",
}
KINDS: tuple[str, ...] = tuple(PLACEHOLDERS)
# Not a kind of finding: a span (a company's juristic id, an e-GP project number) that no
# finding may touch, so `Line0305560001659` or `ทะเบียนรถ0-1055-...` stay as written.
PROTECTED = "protected"

# Thai consonants, vowels and marks (no digits, no ฯ or ๆ): what a Thai word is made of.
THAI_LETTER = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"
_THAI_LETTER_RE = re.compile(f"[{THAI_LETTER}]")
# Marks and following vowels that belong to the consonant before them: no word ends before one.
_DEPENDENT = frozenset(
    "\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e45"
) | frozenset(chr(c) for c in range(0x0E47, 0x0E4F))
# Leading vowels are written before the consonant they follow in speech: no word ends after one.
_LEADING = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")
_PLACEHOLDER_RE = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS.values()))
_MASK = "\x00"
_THAI_DIGIT_RE = re.compile("[\u0e50-\u0e59]")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span a detector found; `priority` orders overlapping candidates (lower wins).

    Protected spans have a negative priority: they are placed first and then dropped.
    """

    kind: str
    start: int
    end: int
    priority: int


def is_thai_letter(ch: str) -> bool:
    return bool(_THAI_LETTER_RE.match(ch))


def can_break(text: str, i: int) -> bool:
    """Whether a Thai word may end at offset `i` (a cheap Thai character cluster rule).

    `นายกมล` may break after `นายก` but `นายกิตติ` may not (the vowel ิ belongs to ก).
    """
    if i <= 0 or i >= len(text):
        return True
    if text[i] in _DEPENDENT:
        return False
    return text[i - 1] not in _LEADING


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of `words`, written as a trie (`น(?:า(?:ย(?:ก)?|ง))`).

    Python's `re` tries a flat alternation of hundreds of words one by one at every offset; the
    trie form is several times faster over Thai text. Longer words win, as in a sorted alternation.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def prepare(text: str) -> str:
    """Thai digits made Arabic and placeholders blanked, offsets unchanged."""
    arabic = to_arabic_digits(text) if _THAI_DIGIT_RE.search(text) else text
    if "[" not in arabic:
        return arabic
    return _PLACEHOLDER_RE.sub(lambda m: _MASK * len(m.group()), arabic)


class Lines:
    """Which line an offset is on, for keyword context ("บัญชี" on the same line as a number)."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def index(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset) - 1
