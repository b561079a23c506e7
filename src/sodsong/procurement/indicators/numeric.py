"""Float arithmetic exactly as Cardinal's Rust does it, so outputs match bit for bit.

- `quantile`: Hyndman–Fan type 8 as statrs 0.16 computes it (`h = (n + 1/3)·tau + 1/3`,
  interpolate between the 1-based order statistics, clamp to min/max). numpy calls this
  `method="median_unbiased"`; DuckDB's `quantile_cont` is type 7 and gives other fences.
- `fma`: Rust's `f64::mul_add` (one rounding); Cardinal computes every fence with it.
- `round_meta`: Cardinal rounds `Meta` values with `(v * 10000).round() / 10000`, where Rust's
  `round` goes half away from zero (Python's `round` goes half to even).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

__all__ = ["divide", "fma", "quantile", "quartiles", "round_meta"]

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
