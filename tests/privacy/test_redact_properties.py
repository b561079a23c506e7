"""Properties of redact() over generated Thai text: offsets, overlaps, idempotence, ids."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sodsong.privacy import apply, redact
from sodsong.thai import to_thai_digits

# Words of report-like Thai, including every word the detectors react to.
WORDS = [
    "ผู้ใหญ่บ้าน", "เรียก", "เงิน", "จาก", "ชาวบ้าน", "ที่", "อำเภอ", "โครงการ", "ก่อสร้าง", "ถนน",
    "ไม่", "ได้", "มาตรฐาน", "ผู้รับเหมา", "จ่าย", "ค่า", "หัวคิว", "ให้", "เจ้าหน้าที่", "ตำรวจ",
    "ด่าน", "ตรวจ", "โรงพยาบาล", "ซื้อ", "ยา", "แพง", "และ", "ครับ", "ค่ะ", "ว่า", "บัญชี", "ไลน์",
    "โทร", "ทะเบียน", "รถ", "นาย", "นาง", "นางสาว", "คุณ", "ปลัด", "กำนัน", "ผอ.", "ชื่อ",
    "พร้อมเพย์", "ธนาคาร", "กสิกร", "สมชาย", "ใจดี", "สมศรี", "มีสุข", "บาท", "ล้าน", "วันที่",
    "มี.ค.", "พ.ศ.", "พ.ต.อ.", "ดร.", "ทนายความ", "คุณภาพ", "นายก", "อบต.", "หนองบัว", "เลขที่",
    "บริษัท", "จำกัด", "เบอร์", "อีเมล", "ID", "Line", "@", ":", "-", "(", ")", ",", ".", "ๆ",
]  # fmt: skip
NUMBERS = ["5", "2564", "1,234,567.50", "10", "157", "12/2565", "10/03/2564", "14:00", "๒๕๖๔", "3.5"]
PII = [
    "นายสมชาย ใจดี", "1-1017-00230-70-8", "081-234-5678", "somchai@gmail.com", "123-4-56789-0",
    "ไลน์ไอดี somchai_99", "1กข 1234", "กข 1234 ขอนแก่น", "+66 81 234 5678", "๐๘๑ ๒๓๔ ๕๖๗๘",
    "บัญชีออมสิน 020012345678", "@boss88", "น.ส.มาลี ศรีสุข", "คุณวันเพ็ญ", "ทะเบียน บท 5678",
]  # fmt: skip
SEPARATORS = ["", " ", " ", " ", "  ", "\n", ", "]

# Neighbours of a generated number: Thai words and punctuation (a Latin word glued to digits,
# `Line0305560001659`, may well be an id and is not what these properties are about).
thai_words = st.lists(st.sampled_from([w for w in WORDS if not w.isascii()]), max_size=8).map("".join)
pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(NUMBERS), st.sampled_from(PII))
report = st.lists(st.tuples(pieces, st.sampled_from(SEPARATORS)), max_size=30).map(
    lambda parts: "".join(p + s for p, s in parts)
)
soup = st.text(
    alphabet=st.sampled_from(list("กขคนมยรลวสหอาิีุูเแโไ่้์.-:@+() \n0123456789๐๑๒๓abcxyz")), max_size=120
)


def check_digit(first12: str) -> str:
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return str((11 - total % 11) % 10)


@st.composite
def written(draw: st.DrawFn, digits: str) -> str:
    """`digits` written as a person might: grouped by spaces, dashes or dots, in Thai digits."""
    style = draw(st.sampled_from(["plain", "standard", "random"]))
    if style == "plain":
        groups = [digits]
    elif style == "standard" and len(digits) == 13:
        groups = [digits[:1], digits[1:5], digits[5:10], digits[10:12], digits[12:]]
    else:
        cuts = sorted(draw(st.sets(st.integers(1, len(digits) - 1), max_size=5)))
        groups = [digits[a:b] for a, b in zip([0, *cuts], [*cuts, len(digits)], strict=True)]
    separator = draw(st.sampled_from([" ", "-", ".", " - "]))
    text = separator.join(groups)
    return "".join(to_thai_digits(c) if draw(st.booleans()) else c for c in text)


@st.composite
def citizen_ids(draw: st.DrawFn) -> str:
    first12 = draw(st.sampled_from("12345678")) + draw(st.text("0123456789", min_size=11, max_size=11))
    return draw(written(first12 + check_digit(first12)))


@st.composite
def juristic_ids(draw: st.DrawFn) -> str:
    first12 = "0" + draw(st.text("0123456789", min_size=11, max_size=11))
    digits = first12 + check_digit(first12)
    style = draw(st.sampled_from(["plain", "dashes", "spaces"]))
    text = {
        "plain": digits,
        "dashes": f"{digits[0]}-{digits[1:5]}-{digits[5:10]}-{digits[10:12]}-{digits[12]}",
        "spaces": f"{digits[0]} {digits[1:5]} {digits[5:10]} {digits[10:12]} {digits[12]}",
    }[style]
    return to_thai_digits(text) if draw(st.booleans()) else text


def embedded(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[tuple[str, int, int]]:
    """(text, start, end): the value between Thai words, glued or spaced."""

    def build(parts: tuple[str, str, str, str, str]) -> tuple[str, int, int]:
        left, left_gap, value, right_gap, right = parts
        before = left + left_gap
        return before + value + right_gap + right, len(before), len(before) + len(value)

    gaps = st.sampled_from(["", " ", "  ", " (", ": "])
    return st.tuples(thai_words, gaps, strategy, st.sampled_from(["", " ", ") ", "\n"]), thai_words).map(
        build
    )


def assert_well_formed(text: str) -> None:
    result = redact(text)
    assert result.original == text
    previous_end = 0
    for finding in result.findings:
        assert previous_end <= finding.start < finding.end
        assert text[finding.start : finding.end] == finding.text
        previous_end = finding.end
    assert apply(text, result.findings) == result.text


@given(report)
@settings(max_examples=150, deadline=None)
def test_findings_are_ordered_do_not_overlap_and_point_into_the_original(text: str) -> None:
    assert_well_formed(text)


@given(soup)
@settings(max_examples=150, deadline=None)
def test_any_text_gives_well_formed_findings(text: str) -> None:
    assert_well_formed(text)


@given(report)
@settings(max_examples=150, deadline=None)
def test_redacting_the_redacted_text_finds_nothing_new(text: str) -> None:
    once = redact(text)
    assert redact(once.text).findings == ()


@given(embedded(citizen_ids()))
@settings(max_examples=250, deadline=None)
def test_every_valid_citizen_id_is_found_in_any_form(case: tuple[str, int, int]) -> None:
    text, start, end = case
    found = [(f.kind, f.start, f.end) for f in redact(text).findings]
    assert ("citizen_id", start, end) in found


project_numbers = st.tuples(st.text("0123456789", min_size=11, max_size=11), st.booleans()).map(
    lambda p: to_thai_digits(p[0]) if p[1] else p[0]
)


@given(embedded(project_numbers))
@settings(max_examples=150, deadline=None)
def test_project_numbers_are_never_redacted(case: tuple[str, int, int]) -> None:
    text, start, end = case
    assert not any(f.start < end and start < f.end for f in redact(text).findings)


@given(embedded(juristic_ids()))
@settings(max_examples=150, deadline=None)
def test_juristic_ids_are_never_redacted(case: tuple[str, int, int]) -> None:
    text, start, end = case
    assert not any(f.start < end and start < f.end for f in redact(text).findings)
