"""Thai digits (๐–๙) to Arabic digits, done once before any parsing."""

from __future__ import annotations

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)


def to_arabic_digits(text: str) -> str:
    """Replace every Thai digit with its Arabic digit; leave everything else as it is."""
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    """Replace every Arabic digit with its Thai digit (for display in formal Thai documents)."""
    return text.translate(_TO_THAI)
