"""Thai-aware name keys: titles off, marks kept, spellings of one name meet."""

import pytest

from sodsong.coalition.names import loose_key, person_key, romanized_key, split_title


@pytest.mark.parametrize(
    ("written", "title", "name"),
    [
        ("นายสมชาย  ใจดี", "นาย", "สมชาย ใจดี"),
        ("นางสาวสมหญิง ใจงาม", "นางสาว", "สมหญิง ใจงาม"),
        ("น.ส. สมหญิง ใจงาม", "น.ส.", "สมหญิง ใจงาม"),
        ("ผศ.ดร.ต่อภัสสร์ ยมนาค", "ผศ.ดร.", "ต่อภัสสร์ ยมนาค"),
        ("ว่าที่ร้อยตรี สมศักดิ์ ดี", "ว่าที่ร้อยตรี", "สมศักดิ์ ดี"),
        ("Dr. Jane Roe", "Dr.", "Jane Roe"),
        ("Mr.Somchai Jaidee", "Mr.", "Somchai Jaidee"),
        ("คุณากร ดีมาก", "", "คุณากร ดีมาก"),  # a given name, not the title คุณ
        ("นาย", "", "นาย"),  # nothing left after the title: keep it as written
    ],
)
def test_split_title(written: str, title: str, name: str) -> None:
    assert split_title(written) == (title, name)


def test_a_title_is_not_stripped_when_the_rest_cannot_start_a_name() -> None:
    # "นาง" + "ามี..." would leave a following vowel at the start: the whole text is a name.
    assert split_title("นางามี ดี") == ("", "นางามี ดี")


def test_keys_keep_every_vowel_and_tone_mark() -> None:
    key = person_key("นายต่อภัสสร์ ยมนาค")
    assert key == "ต่อภัสสร์ ยมนาค"
    assert person_key("สมชาย ใจดี") != person_key("สมชาย ใจดื")  # one vowel apart: different names


def test_marks_typed_in_another_order_give_the_same_key() -> None:
    # Tone mark typed before the upper vowel (กี่ as ก + ่ + ี) is the same name as the standard order.
    assert person_key("นายก\u0e48\u0e35 ดี") == person_key("ก\u0e35\u0e48 ดี")


def test_thai_digits_zero_width_and_case() -> None:
    assert person_key("Somchai  JAIDEE") == person_key("mr. somchai jaidee") == "somchai jaidee"
    assert person_key("สม\u200bชาย ใจดี") == "สมชาย ใจดี"


def test_loose_key_drops_khun_and_spaces() -> None:
    assert loose_key("คุณสมชาย ใจดี") == loose_key("นาย สมชาย ใจดี") == "สมชายใจดี"
    assert person_key("คุณสมชาย ใจดี") != person_key("สมชาย ใจดี")


def test_thai_and_english_spellings_sound_alike() -> None:
    assert romanized_key("นายสมชาย ใจดี") == romanized_key("Mr. Somchai Jaidee")
