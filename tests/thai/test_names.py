import csv
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sodsong.thai import company_match_key, normalize_company_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("บริษัท ซีอินสไพร์ จำกัด", "ซีอินสไพร์"),
        ("บริษัท อินเตอร์ลิ้งค์ เทเลคอม จำกัด (มหาชน)", "อินเตอร์ลิ้งค์ เทเลคอม"),
        ("บริษัท เอ็นจิเนียริ่ง รีวอร์ด (ประเทศไทย)  จำกัด", "เอ็นจิเนียริ่ง รีวอร์ด (ประเทศไทย)"),
        ("บมจ. ปตท.", "ปตท."),
        ("บจก. ไทยรุ่งเรือง", "ไทยรุ่งเรือง"),
        ("ห้างหุ้นส่วนจำกัด ตากคอมพิวเตอร์", "ตากคอมพิวเตอร์"),
        ("หจก. ตากคอมพิวเตอร์", "ตากคอมพิวเตอร์"),
        ("ห้างหุ้นส่วนสามัญ สมใจการช่าง", "สมใจการช่าง"),
        ("หสน. สมใจการช่าง", "สมใจการช่าง"),
        ("บริษัท มินิอาร์ซี จำกัด (สำนักงานใหญ่)", "มินิอาร์ซี (สำนักงานใหญ่)"),
        ("Siam Drone Co., Ltd.", "siam drone"),
        ("SIAM DRONE CO.,LTD.", "siam drone"),
        ("Thai Oil Public Company Limited", "thai oil"),
        ("Thai Oil PCL", "thai oil"),
        ("บริษัท Schiebel Aircraft GmbH", "schiebel aircraft gmbh"),
        ("นายสุธิมนต์  แพนบุตร", "นายสุธิมนต์ แพนบุตร"),
        ("ห้างหุ้นส่วนจำกัด ไทโญ ๘๙", "ไทโญ ๘๙"),
        ("บริษัท", "บริษัท"),
    ],
)
def test_legal_forms_are_stripped(name: str, expected: str) -> None:
    assert normalize_company_name(name) == expected


def test_tone_marks_and_vowels_are_kept() -> None:
    # Different tone marks are different names; nothing Thai may be dropped.
    assert normalize_company_name("บริษัท ไก่ จำกัด") != normalize_company_name("บริษัท ไก้ จำกัด")
    assert normalize_company_name("บริษัท ก้าวหน้า จำกัด") == "ก้าวหน้า"


def test_matches_the_sources_own_normalised_names(sample_data: Path) -> None:
    """The DroneMarket extract carries its own normalised winner names; we agree on all of them
    except where the source is inconsistent (it strips `ห้างหุ้นส่วนจำกัด` only sometimes) or
    holds a typo (a doubled tone mark)."""
    known_differences = {
        "ห้างหุ้นส่วนจำกัด วี.เจ.อาร์",
        "ห้างหุ้นส่วนจำกัด เอ แอนด์ เค คอร์เปอเรชั่น 1999",
        "ห้่างหุ้นส่วน จำกัด อาร์พีเอ็ม  กรุ๊ป มีเดียร์",
    }
    path = sample_data / "egp" / "egp_drone_projects.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    compared = 0
    for row in rows:
        name, theirs = row["ชื่อผู้ชนะ"], row["_ผู้ชนะ_ปรับชื่อ"]
        if not name or unicodedata.normalize("NFC", name) in known_differences:
            continue
        ours = normalize_company_name(name)
        # We also put Thai combining marks in canonical (NFC) order; the source does not.
        assert company_match_key(ours) == company_match_key(theirs), (name, theirs, ours)
        compared += 1
    assert compared > 2300


def test_match_key_folds_digits_and_spaces() -> None:
    assert company_match_key("ห้างหุ้นส่วนจำกัด ไทโญ ๘๙") == company_match_key("หจก. ไทโญ 89")


thai_letters = st.text(alphabet=[chr(c) for c in range(0x0E01, 0x0E4E)] + [" "], min_size=1, max_size=25)


@given(thai_letters)
def test_every_thai_character_of_the_core_name_survives(core: str) -> None:
    core = " ".join(core.split())
    if (
        not core
        or core in ("จำกัด", "(มหาชน)")
        or core.startswith(("บริษัท", "ห้างหุ้นส่วน", "หส", "บจก", "บมจ", "หจก"))
    ):
        return
    if core.endswith(("จำกัด", "มหาชน")):
        return
    result = normalize_company_name(f"บริษัท {core} จำกัด")
    assert sorted(result) == sorted(unicodedata.normalize("NFC", core))


@given(st.text(max_size=40))
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalize_company_name(text)
    assert normalize_company_name(once) == once
