from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sodsong.thai import BahtError, format_baht, parse_baht, to_arabic_digits, to_thai_digits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234,567.50", Decimal("1234567.50")),
        ("1234567.5", Decimal("1234567.5")),
        ("48735000.0", Decimal("48735000.0")),
        ("๑,๒๓๔.๕๐", Decimal("1234.50")),
        ("1,000 บาท", Decimal("1000")),
        ("฿ 250", Decimal("250")),
        ("0", Decimal("0")),
        ("-500.25", Decimal("-500.25")),
    ],
)
def test_parse(text: str, expected: Decimal) -> None:
    assert parse_baht(text) == expected


@pytest.mark.parametrize("text", ["-", "", " ", None])
def test_nulls(text: str | None) -> None:
    assert parse_baht(text) is None


@pytest.mark.parametrize("text", ["1.05E+06", "1.05559E+11", "2e3"])
def test_scientific_notation_is_rejected_as_unsafe(text: str) -> None:
    with pytest.raises(BahtError, match="scientific notation"):
        parse_baht(text)


@pytest.mark.parametrize("text", ["abc", "1,23,4", "12..5", "1 2 3 ,", "NaN", "Infinity", "1,234.5.6"])
def test_garbage_is_rejected_naming_the_text(text: str) -> None:
    with pytest.raises(BahtError) as info:
        parse_baht(text)
    assert repr(text) in str(info.value)


def test_format() -> None:
    assert format_baht(Decimal("1234567.5")) == "1,234,567.50"
    assert format_baht(1000) == "1,000.00"
    assert format_baht(Decimal("0.005")) == "0.01"
    assert format_baht(Decimal("1234567.5"), unit=True) == "1,234,567.50 บาท"
    assert format_baht(Decimal("1234567.5"), decimals=0) == "1,234,568"


amounts = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False)


@given(amounts, st.booleans())
def test_formatted_amounts_parse_back(amount: Decimal, thai: bool) -> None:
    text = format_baht(amount)
    assert parse_baht(to_thai_digits(text) if thai else text) == amount


@given(st.text(alphabet="0123456789๐๑๒๓๔๕๖๗๘๙abc", max_size=20))
def test_digit_conversion_leaves_no_thai_digits(text: str) -> None:
    assert not any("๐" <= ch <= "๙" for ch in to_arabic_digits(text))
