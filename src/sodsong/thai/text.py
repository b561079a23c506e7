"""Text normalisation shared by search, matching and parsing of Thai input."""

from __future__ import annotations

import re
import unicodedata

from sodsong.thai.digits import to_arabic_digits

__all__ = ["ZERO_WIDTH", "normalize_text", "search_key"]

# Zero-width characters that Thai typists and copy-paste leave between words.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_ZERO_WIDTH_RE = re.compile(f"[{ZERO_WIDTH}]")
_SPACES = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """NFC, Thai digits to Arabic, zero-width characters removed, white space folded."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH_RE.sub("", to_arabic_digits(text))
    return _SPACES.sub(" ", text).strip()


def search_key(text: str) -> str:
    """The form both a query and an indexed text take before substring matching.

    Thai is written without spaces between words, so matching is on characters: we keep the
    text whole (no tokenising), lower-case it and fold white space, so `ถนนคอนกรีต` is found
    inside `จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก`.
    """
    return normalize_text(text).casefold()
