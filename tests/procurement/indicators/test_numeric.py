"""Cardinal's arithmetic: type-8 quartiles (numpy's median_unbiased), mul_add, Meta rounding."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sodsong.procurement.indicators.numeric import (
    divide,
    fma,
    quantile,
    quartiles,
    round_meta,
)

finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(finite, min_size=1, max_size=60), st.sampled_from([0.0, 0.05, 0.25, 0.5, 0.75, 0.9, 0.95, 1.0])
)
def test_quantile_is_numpy_median_unbiased(values: list[float], tau: float) -> None:
    expected = float(np.quantile(np.array(values), tau, method="median_unbiased"))
    assert quantile(values, tau) == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_quantile_edges() -> None:
    assert math.isnan(quantile([], 0.25))
    assert math.isnan(quantile([1.0], 1.5))
    assert math.isnan(quantile([1.0, math.nan], 0.5))
    assert quantile([0, 100, 100, 100, 100], 0.25) == 66.66666666666666
    assert quantile([3.0, 1.0, 2.0], 0.0) == 1.0
    assert quantile([3.0, 1.0, 2.0], 1.0) == 3.0
    # type 8 gives 17/12 here; type 7 (DuckDB's quantile_cont, numpy's default) gives 1.75
    assert quantile([1.0, 2.0, 3.0, 4.0], 0.25) == 1.4166666666666665
    assert float(np.quantile([1.0, 2.0, 3.0, 4.0], 0.25)) == 1.75


def test_fma_rounds_once() -> None:
    assert 0.1 * 10 - 1 == 0.0
    assert fma(0.1, 10.0, -1.0) == 5.551115123125783e-17
    assert fma(2.0, 3.0, 4.0) == 10.0
    assert fma(1e308, 10.0, -math.inf) == -math.inf  # the exact product does not overflow
    assert math.copysign(1.0, fma(-0.0, 1.0, -0.0)) == -1.0
    assert math.copysign(1.0, fma(1.0, 1.0, -1.0)) == 1.0


@settings(max_examples=150, deadline=None)
@given(finite, finite, finite)
def test_fma_is_exact_then_rounded(a: float, b: float, c: float) -> None:
    from decimal import Decimal, localcontext

    with localcontext() as context:
        context.prec = 2000
        exact = Decimal(a) * Decimal(b) + Decimal(c)
    result = fma(a, b, c)
    # The result is the float nearest to the exact value: no float lies strictly between them.
    assert abs(Decimal(result) - exact) <= abs(Decimal(math.nextafter(result, math.inf)) - exact)
    assert abs(Decimal(result) - exact) <= abs(Decimal(math.nextafter(result, -math.inf)) - exact)


def test_divide_like_ieee() -> None:
    assert divide(1.0, 0.0) == math.inf
    assert divide(-1.0, 0.0) == -math.inf
    assert math.isnan(divide(0.0, 0.0))
    assert divide(1.0, 4.0) == 0.25


@pytest.mark.parametrize(
    ("value", "rounded"),
    [(66.66666666666667, 66.6667), (0.00005, 0.0001), (-0.00005, -0.0001), (0.000049, 0.0), (2.5, 2.5)],
)
def test_meta_rounding_is_half_away_from_zero(value: float, rounded: float) -> None:
    assert round_meta(value) == rounded


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats() | st.integers(-5, 5).map(float), max_size=30))
def test_quartiles_are_the_two_quantiles(values: list[float]) -> None:
    """One sort for both quartiles gives what two `quantile` calls give (NaN included)."""
    q1, q3 = quartiles(values)
    for got, expected in ((q1, quantile(values, 0.25)), (q3, quantile(values, 0.75))):
        assert got == expected or (math.isnan(got) and math.isnan(expected))
