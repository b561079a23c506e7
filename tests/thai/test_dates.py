import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sodsong.thai import (
    ThaiDateError,
    be_to_ce,
    ce_to_be,
    fiscal_year,
    fiscal_year_bounds,
    format_thai_date,
    parse_thai_date,
    to_thai_digits,
)

MARCH_10_2021 = datetime.date(2021, 3, 10)


@pytest.mark.parametrize(
    "text",
    [
        "10-มี.ค.-64",
        "10 มี.ค. 2564",
        "10 มีนาคม 2564",
        "๑๐ มีนาคม ๒๕๖๔",
        "2021-03-10",
        "10/03/2564",
        "10 มี.ค. 64",
        "  10-มี.ค.-64 ",
        "10\u200b มีนาคม 2564",
        "2021-03-10T00:00:00+07:00",
        "10/3/2021",
        "2564-03-10",
        "10 Mar 2021",
    ],
)
def test_parses_every_form_the_sources_use(text: str) -> None:
    assert parse_thai_date(text) == MARCH_10_2021


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15-ก.ย.-64", datetime.date(2021, 9, 15)),
        ("17 ม.ค. 68", datetime.date(2025, 1, 17)),
        ("1-ต.ค.-63", datetime.date(2020, 10, 1)),
        ("29 ก.พ. 2567", datetime.date(2024, 2, 29)),
        ("31 ธันวาคม 2565", datetime.date(2022, 12, 31)),
    ],
)
def test_real_egp_dates(text: str, expected: datetime.date) -> None:
    assert parse_thai_date(text) == expected


@pytest.mark.parametrize("text", ["-", "", "   ", None, "–"])
def test_nulls(text: str | None) -> None:
    assert parse_thai_date(text) is None


@pytest.mark.parametrize(
    "text", ["tomorrow", "32-มี.ค.-64", "29 ก.พ. 2566", "10 มีนาคา 2564", "2021-13-01", "1.05E+11", "10/03"]
)
def test_anything_else_raises_naming_the_text(text: str) -> None:
    with pytest.raises(ThaiDateError) as info:
        parse_thai_date(text)
    assert repr(text) in str(info.value)
    assert info.value.text == text


def test_format_short_and_long() -> None:
    assert format_thai_date(MARCH_10_2021) == "10 มี.ค. 2564"
    assert format_thai_date(MARCH_10_2021, style="long") == "10 มีนาคม 2564"
    with pytest.raises(ValueError):
        format_thai_date(MARCH_10_2021, style="medium")


def test_years() -> None:
    assert be_to_ce(2564) == 2021
    assert ce_to_be(2021) == 2564


@pytest.mark.parametrize(
    ("date", "year"),
    [
        (datetime.date(2020, 9, 30), 2563),
        (datetime.date(2020, 10, 1), 2564),
        (datetime.date(2021, 3, 10), 2564),
        (datetime.date(2021, 9, 30), 2564),
        (datetime.date(2021, 10, 1), 2565),
    ],
)
def test_fiscal_year_runs_october_to_september(date: datetime.date, year: int) -> None:
    assert fiscal_year(date) == year


dates = st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2150, 12, 31))


@given(dates, st.sampled_from(["short", "long"]), st.booleans())
def test_formatted_dates_parse_back(date: datetime.date, style: str, thai_digits: bool) -> None:
    text = format_thai_date(date, style)
    if thai_digits:
        text = to_thai_digits(text)
    assert parse_thai_date(text) == date


@given(dates)
def test_iso_and_slashed_forms_parse_back(date: datetime.date) -> None:
    assert parse_thai_date(date.isoformat()) == date
    assert parse_thai_date(f"{date.day:02d}/{date.month:02d}/{ce_to_be(date.year)}") == date


@given(dates)
def test_fiscal_year_bounds_contain_the_date(date: datetime.date) -> None:
    first, last = fiscal_year_bounds(fiscal_year(date))
    assert first <= date <= last
    assert (first.month, first.day, last.month, last.day) == (10, 1, 9, 30)


@given(st.integers(min_value=1, max_value=9999))
def test_year_conversions_are_inverse(year: int) -> None:
    assert be_to_ce(ce_to_be(year)) == year


@given(st.text(max_size=30))
def test_arbitrary_text_never_crashes_with_anything_but_thai_date_error(text: str) -> None:
    try:
        result = parse_thai_date(text)
    except ThaiDateError:
        return
    assert result is None or isinstance(result, datetime.date)
