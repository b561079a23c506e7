"""Case codes: short, random, and easy to read aloud or type on a phone.

Eight characters from 25 without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B): about
1.5 × 10^11 codes, so guessing someone's code is impractical, and a mistyped one is forgiven.
"""

from __future__ import annotations

import secrets

from sodsong.thai.digits import to_arabic_digits

__all__ = ["ALPHABET", "CODE_LENGTH", "new_case_code", "normalise_case_code"]

ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
CODE_LENGTH = 8


def new_case_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_case_code(text: str) -> str | None:
    """A code as typed (spaces, dashes, lower case, Thai digits) in canonical form, or None.

    Look-alike characters are not mapped onto real ones: a code containing them is simply not a
    code, so the caller can ask again instead of opening someone else's case.
    """
    cleaned = "".join(ch for ch in to_arabic_digits(text).upper() if ch.isalnum())
    if len(cleaned) != CODE_LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned
