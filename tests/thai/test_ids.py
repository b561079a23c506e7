import pytest
from hypothesis import given
from hypothesis import strategies as st

from sodsong.thai import compact_id, is_valid_citizen_id, is_valid_juristic_id, to_thai_digits


def check_digit(first12: str) -> str:
    """The Thai 13-digit id checksum (the same for citizen and juristic ids)."""
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return str((11 - total % 11) % 10)


VALID_CITIZEN = "1101700230708"
VALID_JURISTIC = "0305560001659"  # the company in data/dbd (DBD profile)


def test_known_ids() -> None:
    assert check_digit(VALID_CITIZEN[:12]) == VALID_CITIZEN[12]
    assert is_valid_citizen_id(VALID_CITIZEN)
    assert is_valid_juristic_id(VALID_JURISTIC)


@pytest.mark.parametrize(
    "form",
    ["1-1017-00230-70-8", "1 1017 00230 70 8", "๑๑๐๑๗๐๐๒๓๐๗๐๘", " 1101700230708 ", "1-1017-00230-70-8"],
)
def test_spacing_dashes_and_thai_digits_are_accepted(form: str) -> None:
    assert is_valid_citizen_id(form)


@pytest.mark.parametrize(
    "text",
    ["1101700230709", "110170023070", "11017002307088", "1.05559E+11", "", "abcdefghijklm", "๑๑๐๑๗๐๐๒๓๐๗๐๙"],
)
def test_invalid(text: str) -> None:
    assert not is_valid_citizen_id(text)
    assert not is_valid_juristic_id(text)


def test_non_strings_are_invalid() -> None:
    assert not is_valid_citizen_id(None)  # type: ignore[arg-type]
    assert not is_valid_juristic_id(1101700230708)  # type: ignore[arg-type]


@given(st.text(alphabet="0123456789", min_size=12, max_size=12).filter(lambda s: s[0] not in "09"))
def test_any_checksum_valid_citizen_id_in_any_form(first12: str) -> None:
    number = first12 + check_digit(first12)
    dashed = f"{number[0]}-{number[1:5]}-{number[5:10]}-{number[10:12]}-{number[12]}"
    for form in (number, dashed, to_thai_digits(number), number.replace("", " ").strip()):
        assert is_valid_citizen_id(form), form
    wrong = number[:12] + str((int(number[12]) + 1) % 10)
    assert not is_valid_citizen_id(wrong)


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_any_checksum_valid_juristic_id(rest: str) -> None:
    first12 = "0" + rest
    number = first12 + check_digit(first12)
    assert is_valid_juristic_id(number)
    assert is_valid_juristic_id(to_thai_digits(f"{number[:1]}-{number[1:]}"))


def test_compact_id() -> None:
    assert compact_id("๑-๒๓ 4.5") == "12345"
