"""Float arithmetic exactly as Cardinal's Rust does it, so outputs match bit for bit.

- `quantile`: Hyndman–Fan type 8 as statrs 0.16 computes it (`h = (n + 1/3)·tau + 1/3`,
  interpolate between the 1-based order statistics, clamp to min/max). numpy calls this
  `method="median_unbiased"`; DuckDB's `quantile_cont` is type 7 and gives other fences.
- `fma`: Rust's `f64::mul_add` (one rounding); Cardinal computes every fence with it.
- `round_meta`: Cardinal rounds `Meta` values with `(v * 10000).round() / 10000`, where Rust's
  `round` goes half away from zero (Python's `round` goes half to even).
- `format_float`: the text serde_json (ryu) writes for an f64: `1.0`, `0.16666666666666666`,
  `1e-7`, `1.5e300`; NaN and infinities become `null`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

__all__ = ["divide", "fma", "format_float", "layout", "quantile", "quartiles", "round_meta"]

_THIRD = 1.0 / 3.0


def quantile(values: Sequence[float], tau: float) -> float:
    """statrs `Data::quantile(tau)` (type 8); NaN for no data, tau outside [0, 1] or NaN data."""
    if not 0.0 <= tau <= 1.0 or not values or _any_nan(values):
        return math.nan
    return _pick(sorted(values), tau)


def quartiles(values: Sequence[float]) -> tuple[float, float]:
    """`(quantile(values, 0.25), quantile(values, 0.75))` with one sort instead of two (the
    fence indicators sort up to a million values in the serial part of a run)."""
    if not values or _any_nan(values):
        return math.nan, math.nan
    data = sorted(values)
    return _pick(data, 0.25), _pick(data, 0.75)


def _any_nan(values: Sequence[float]) -> bool:
    total = sum(values)  # NaN if a value is NaN (or infinities cancel): then look closer
    # statrs' quickselect over NaN depends on the (random) order Cardinal collects the data
    # in; we answer NaN, which never flags anything.
    return total != total and any(math.isnan(v) for v in values)


def _pick(data: list[float], tau: float) -> float:
    """The type-8 quantile of sorted, non-empty data."""
    n = len(data)
    h = (n + _THIRD) * tau + _THIRD
    hf = int(h)  # Rust `h as i64` truncates toward zero; h > 0 here
    if hf <= 0 or tau == 0.0:
        return data[0]
    if hf >= n or tau == 1.0:
        return data[-1]
    a = data[hf - 1]
    b = data[hf]
    return a + (h - hf) * (b - a)


def fma(a: float, b: float, c: float) -> float:
    """`a * b + c` with a single rounding, like Rust's `a.mul_add(b, c)`."""
    if not (math.isfinite(a) and math.isfinite(b)):
        return a * b + c
    if not math.isfinite(c):
        return c  # a finite product, exactly, plus an infinity (or NaN)
    exact = Fraction(a) * Fraction(b) + Fraction(c)
    try:
        result = float(exact)  # int / int in CPython is correctly rounded
    except OverflowError:
        return math.inf if exact > 0 else -math.inf
    if exact == 0:
        # IEEE 754: an exact zero sum is +0 unless both addends are -0.
        product = a * b  # exact when it is zero
        if product == 0.0 and math.copysign(1.0, product) < 0 and math.copysign(1.0, c) < 0:
            return -0.0
        return 0.0
    return result


def divide(numerator: float, denominator: float) -> float:
    """IEEE 754 division (Rust never raises on a zero divisor; Python does)."""
    if denominator == 0.0:
        if numerator == 0.0 or math.isnan(numerator):
            return math.nan
        negative = (numerator < 0) != (math.copysign(1.0, denominator) < 0)
        return -math.inf if negative else math.inf
    return numerator / denominator


def _round_half_away(value: float) -> float:
    if not math.isfinite(value):
        return value
    magnitude = abs(value)
    floor = math.floor(magnitude)
    rounded = floor + 1.0 if magnitude - floor >= 0.5 else float(floor)
    return math.copysign(rounded, value)


def round_meta(value: float) -> float:
    """Cardinal's `Meta` rounding: 4 decimals, half away from zero, in f64."""
    return _round_half_away(value * 10_000.0) / 10_000.0


def format_float(value: float) -> str:
    """The JSON text serde_json writes for an f64 (ryu's shortest digits and layout)."""
    text = repr(value)
    if "e" not in text and "n" not in text:
        # Python writes 1e-4 <= |value| < 1e16 (and zeros) without an exponent, and ryu
        # writes that range the same way with the same shortest digits: this is its text.
        return text
    return layout(value)


def layout(value: float) -> str:
    """serde_json's text for any f64, laid out from Python's shortest digits (the general path)."""
    if not math.isfinite(value):
        return "null"
    if value == 0.0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    text = repr(value)
    sign = ""
    if text[0] == "-":
        sign, text = "-", text[1:]
    mantissa, _, exponent_text = text.partition("e")
    exponent = int(exponent_text) if exponent_text else 0
    whole, _, fraction = mantissa.partition(".")
    if fraction == "0":
        fraction = ""
    digits = (whole + fraction).lstrip("0")
    # value = 0.digits × 10^point, i.e. digits × 10^(point - len(digits))
    point = len(whole) + exponent - (len(whole + fraction) - len((whole + fraction).lstrip("0")))
    digits = digits.rstrip("0")
    length = len(digits)
    k = point - length  # value = digits × 10^k
    kk = point  # 10^(kk-1) <= value < 10^kk
    if k >= 0 and kk <= 16:
        body = digits + "0" * k + ".0"
    elif 0 < kk <= 16:
        body = digits[:kk] + "." + digits[kk:]
    elif -5 < kk <= 0:
        body = "0." + "0" * (-kk) + digits
    elif length == 1:
        body = f"{digits}e{kk - 1}"
    else:
        body = f"{digits[0]}.{digits[1:]}e{kk - 1}"
    return sign + body
