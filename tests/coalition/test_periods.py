import datetime

import pytest
from django.utils import translation

from sodsong.coalition.periods import PeriodError, half_years, parse_period, period_containing


def test_half_year_codes_are_buddhist_era_calendar_halves() -> None:
    period = parse_period("2566H1")
    assert (period.start, period.end) == (datetime.date(2023, 1, 1), datetime.date(2023, 6, 30))
    assert parse_period("2566H2").end == datetime.date(2023, 12, 31)
    assert parse_period("2566").start == datetime.date(2023, 1, 1)
    assert parse_period("2566Q3").start == datetime.date(2023, 7, 1)


@pytest.mark.parametrize("text", ["2023H1", "๒๕๖๖H1", "2566-h1", " 2566H1 "])
def test_other_spellings_name_the_same_period(text: str) -> None:
    assert parse_period(text).code == "2566H1"


@pytest.mark.parametrize("text", ["2566H3", "66H1", "H1", "2566Q5", "", "1066"])
def test_bad_periods_are_refused_with_the_expected_form(text: str) -> None:
    with pytest.raises(PeriodError, match=r"expected e\.g\. 2566H1"):
        parse_period(text)


def test_previous_next_and_sequences() -> None:
    assert parse_period("2566H1").previous().code == "2565H2"
    assert parse_period("2566H2").next().code == "2567H1"
    assert [p.code for p in half_years(parse_period("2566H1"), 3)] == ["2565H1", "2565H2", "2566H1"]
    assert period_containing(datetime.date(2023, 6, 30)).code == "2566H1"


def test_labels_in_thai_and_english() -> None:
    with translation.override("th"):
        assert parse_period("2566H1").label().startswith("ครึ่งปีแรก 2566")
    with translation.override("en"):
        assert parse_period("2566H1").label() == "first half of 2023 (January–June)"
