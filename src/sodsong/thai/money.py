"""Baht amounts: parse what sources write, format the way Thai readers expect.

Amounts are `Decimal`, never float. Scientific notation (`1.05E+06`) is what Excel leaves
behind after it destroyed digits, so it is rejected rather than guessed at.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sodsong.thai.digits import to_arabic_digits

__all__ = ["BahtError", "format_baht", "parse_baht"]

_NULLS = {"", "-", "–", "—"}
_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^-?\d+(\.\d+)?$")
_UNITS = ("บาท", "฿", "THB", "thb")


class BahtError(ValueError):
    """An amount that is not a plain decimal number of baht."""

    def __init__(self, text: str, reason: str = "not a baht amount") -> None:
        super().__init__(f"{text!r}: {reason} (expected e.g. 1,234,567.50)")
        self.text = text
        self.reason = reason


def parse_baht(text: str | None) -> Decimal | None:
    """`1,234,567.50`, `๑,๒๓๔`, `1234 บาท` -> Decimal; `-`/blank -> None; `1.05E+06` -> BahtError."""
    if text is None:
        return None
    if not isinstance(text, str):
        raise BahtError(repr(text), "expected a string")
    cleaned = to_arabic_digits(text).replace("\u200b", "").strip()
    for unit in _UNITS:
        cleaned = cleaned.replace(unit, "")
    cleaned = cleaned.replace(" ", "").replace("\u00a0", "")
    if cleaned in _NULLS:
        return None
    if "e" in cleaned.lower():
        raise BahtError(text, "scientific notation has lost digits and is not a safe amount")
    if not (_GROUPED.match(cleaned) or _PLAIN.match(cleaned)):
        raise BahtError(text)
    try:
        return Decimal(cleaned.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the patterns above admit only valid decimals
        raise BahtError(text) from None


def format_baht(amount: Decimal | int | float | str, *, unit: bool = False, decimals: int = 2) -> str:
    """`Decimal("1234567.5")` -> `1,234,567.50` (with `unit=True`: `1,234,567.50 บาท`)."""
    value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    quantum = Decimal(1).scaleb(-decimals)
    text = f"{value.quantize(quantum, rounding=ROUND_HALF_UP):,.{decimals}f}"
    return f"{text} บาท" if unit else text
