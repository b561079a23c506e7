"""R003's whole days between two RFC 3339 date-times: the fast path (C `fromisoformat` for the
common shapes) must give what the general parser (`instant`, chrono's rules) gives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from sodsong.procurement.indicators.ocds.rfc3339 import NANOS, instant, whole_days_between


def general(start: str, end: str) -> int | None:
    first, last = instant(start), instant(end)
    if first is None or last is None:
        return None
    seconds = abs(last - first) // NANOS
    return -(seconds // 86400) if last < first else seconds // 86400


def text(moment: datetime, offset_minutes: int) -> str:
    if offset_minutes == 0 and moment.second % 2:
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    zone = timezone(timedelta(minutes=offset_minutes))
    local = moment.astimezone(zone)
    sign = "+" if offset_minutes >= 0 else "-"
    hours, minutes = divmod(abs(offset_minutes), 60)
    return local.strftime("%Y-%m-%dT%H:%M:%S") + f"{sign}{hours:02d}:{minutes:02d}"


moments = st.datetimes(min_value=datetime(1, 2, 1), max_value=datetime(9999, 11, 30), timezones=st.just(UTC))
offsets = st.integers(-23 * 60 - 59, 23 * 60 + 59)


@settings(max_examples=400, deadline=None)
@given(moments, offsets, moments, offsets)
def test_fast_path_equals_the_general_parser(a: datetime, oa: int, b: datetime, ob: int) -> None:
    start, end = text(a.replace(microsecond=0), oa), text(b.replace(microsecond=0), ob)
    assert whole_days_between(start, end) == general(start, end)


def test_unusual_shapes_follow_chrono() -> None:
    thai_digits = "๒๐๒๔-01-01T00:00:00+07:00"
    assert whole_days_between(thai_digits, "2024-01-20T00:00:00+07:00") is None
    assert whole_days_between("2024-01-01T00:00:00+07:00", "2024-01-20T00:00:00+0๗:00") is None
    assert whole_days_between("2024-01-01T00:00:00.5Z", "2024-01-16T00:00:00Z") == 14
    assert whole_days_between("2024-01-16T00:00:00Z", "2024-01-01T00:00:00.5Z") == -14
    assert whole_days_between("2024-02-30T00:00:00Z", "2024-03-16T00:00:00Z") is None
    assert whole_days_between("2024-01-01t00:00:00z", "2024-01-16 00:00:00+00:00") == 15


@settings(max_examples=400, deadline=None)
@given(moments, offsets, moments)
def test_same_offset_path_equals_the_general_parser(a: datetime, offset: int, b: datetime) -> None:
    """Both dates with the same offset text: the path that subtracts local times."""
    start, end = text(a.replace(microsecond=0), offset), text(b.replace(microsecond=0), offset)
    if start[19:] == end[19:]:
        assert whole_days_between(start, end) == general(start, end)


def test_same_offset_text_that_is_not_an_offset_is_not_a_date() -> None:
    for suffix in ("+24:00", "+07:60", "+0a:00", "+07:0๗", "-99:99"):
        start, end = f"2024-01-01T00:00:00{suffix}", f"2024-01-20T00:00:00{suffix}"
        assert whole_days_between(start, end) is None, suffix
        assert general(start, end) is None
    assert whole_days_between("2024-01-01T00:00:00+23:59", "2024-01-20T00:00:00+23:59") == 19
    assert whole_days_between("2024-01-20T12:00:00-05:30", "2024-01-01T13:00:00-05:30") == -18
    assert whole_days_between("2024-02-30T00:00:00+07:00", "2024-03-16T00:00:00+07:00") is None
    assert whole_days_between("0000-01-01T00:00:00Z", "0000-01-16T00:00:00Z") == 15  # chrono's year 0
    assert whole_days_between("2016-12-31T23:59:60Z", "2017-01-01T23:59:59Z") == general(
        "2016-12-31T23:59:60Z", "2017-01-01T23:59:59Z"
    )
