"""Thailand's 77 provinces (ADM1 codes of OCHA's COD-AB, as in data/geo) and name lookup.

Sources write provinces many ways: `จ.เชียงใหม่`, `จังหวัดเชียงใหม่`, `กรุงเทพฯ`, `กทม.`,
`Chiang Mai`, `CHIANG MAI`. `province_code` turns any of them into the one code (`TH50`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from sodsong.thai.text import normalize_text

__all__ = ["PROVINCES", "province_code", "province_name"]

#: (ADM1 code, Thai name, English name), from data/geo/th_adm1.geojson.
PROVINCES: tuple[tuple[str, str, str], ...] = (
    ("TH10", "กรุงเทพมหานคร", "Bangkok"),
    ("TH11", "สมุทรปราการ", "Samut Prakan"),
    ("TH12", "นนทบุรี", "Nonthaburi"),
    ("TH13", "ปทุมธานี", "Pathum Thani"),
    ("TH14", "พระนครศรีอยุธยา", "Phra Nakhon Si Ayutthaya"),
    ("TH15", "อ่างทอง", "Ang Thong"),
    ("TH16", "ลพบุรี", "Lop Buri"),
    ("TH17", "สิงห์บุรี", "Sing Buri"),
    ("TH18", "ชัยนาท", "Chai Nat"),
    ("TH19", "สระบุรี", "Saraburi"),
    ("TH20", "ชลบุรี", "Chon Buri"),
    ("TH21", "ระยอง", "Rayong"),
    ("TH22", "จันทบุรี", "Chanthaburi"),
    ("TH23", "ตราด", "Trat"),
    ("TH24", "ฉะเชิงเทรา", "Chachoengsao"),
    ("TH25", "ปราจีนบุรี", "Prachin Buri"),
    ("TH26", "นครนายก", "Nakhon Nayok"),
    ("TH27", "สระแก้ว", "Sa Kaeo"),
    ("TH30", "นครราชสีมา", "Nakhon Ratchasima"),
    ("TH31", "บุรีรัมย์", "Buri Ram"),
    ("TH32", "สุรินทร์", "Surin"),
    ("TH33", "ศรีสะเกษ", "Si Sa Ket"),
    ("TH34", "อุบลราชธานี", "Ubon Ratchathani"),
    ("TH35", "ยโสธร", "Yasothon"),
    ("TH36", "ชัยภูมิ", "Chaiyaphum"),
    ("TH37", "อำนาจเจริญ", "Amnat Charoen"),
    ("TH38", "บึงกาฬ", "Bueng Kan"),
    ("TH39", "หนองบัวลำภู", "Nong Bua Lam Phu"),
    ("TH40", "ขอนแก่น", "Khon Kaen"),
    ("TH41", "อุดรธานี", "Udon Thani"),
    ("TH42", "เลย", "Loei"),
    ("TH43", "หนองคาย", "Nong Khai"),
    ("TH44", "มหาสารคาม", "Maha Sarakham"),
    ("TH45", "ร้อยเอ็ด", "Roi Et"),
    ("TH46", "กาฬสินธุ์", "Kalasin"),
    ("TH47", "สกลนคร", "Sakon Nakhon"),
    ("TH48", "นครพนม", "Nakhon Phanom"),
    ("TH49", "มุกดาหาร", "Mukdahan"),
    ("TH50", "เชียงใหม่", "Chiang Mai"),
    ("TH51", "ลำพูน", "Lamphun"),
    ("TH52", "ลำปาง", "Lampang"),
    ("TH53", "อุตรดิตถ์", "Uttaradit"),
    ("TH54", "แพร่", "Phrae"),
    ("TH55", "น่าน", "Nan"),
    ("TH56", "พะเยา", "Phayao"),
    ("TH57", "เชียงราย", "Chiang Rai"),
    ("TH58", "แม่ฮ่องสอน", "Mae Hong Son"),
    ("TH60", "นครสวรรค์", "Nakhon Sawan"),
    ("TH61", "อุทัยธานี", "Uthai Thani"),
    ("TH62", "กำแพงเพชร", "Kamphaeng Phet"),
    ("TH63", "ตาก", "Tak"),
    ("TH64", "สุโขทัย", "Sukhothai"),
    ("TH65", "พิษณุโลก", "Phitsanulok"),
    ("TH66", "พิจิตร", "Phichit"),
    ("TH67", "เพชรบูรณ์", "Phetchabun"),
    ("TH70", "ราชบุรี", "Ratchaburi"),
    ("TH71", "กาญจนบุรี", "Kanchanaburi"),
    ("TH72", "สุพรรณบุรี", "Suphan Buri"),
    ("TH73", "นครปฐม", "Nakhon Pathom"),
    ("TH74", "สมุทรสาคร", "Samut Sakhon"),
    ("TH75", "สมุทรสงคราม", "Samut Songkhram"),
    ("TH76", "เพชรบุรี", "Phetchaburi"),
    ("TH77", "ประจวบคีรีขันธ์", "Prachuap Khiri Khan"),
    ("TH80", "นครศรีธรรมราช", "Nakhon Si Thammarat"),
    ("TH81", "กระบี่", "Krabi"),
    ("TH82", "พังงา", "Phangnga"),
    ("TH83", "ภูเก็ต", "Phuket"),
    ("TH84", "สุราษฎร์ธานี", "Surat Thani"),
    ("TH85", "ระนอง", "Ranong"),
    ("TH86", "ชุมพร", "Chumphon"),
    ("TH90", "สงขลา", "Songkhla"),
    ("TH91", "สตูล", "Satun"),
    ("TH92", "ตรัง", "Trang"),
    ("TH93", "พัทลุง", "Phatthalung"),
    ("TH94", "ปัตตานี", "Pattani"),
    ("TH95", "ยะลา", "Yala"),
    ("TH96", "นราธิวาส", "Narathiwat"),
)

_ALIASES = {
    "กรุงเทพ": "TH10",
    "กรุงเทพฯ": "TH10",
    "กทม": "TH10",
    "กทม.": "TH10",
    "bkk": "TH10",
    "bangkokmetropolis": "TH10",
    "อยุธยา": "TH14",
    "ayutthaya": "TH14",
    "โคราช": "TH30",
    "korat": "TH30",
    "phangnga": "TH82",
    "phang nga": "TH82",
}
_PREFIX = re.compile(r"^(?:จังหวัด|จ\.)\s*")


def _key(name: str) -> str:
    text = _PREFIX.sub("", normalize_text(name)).casefold()
    return re.sub(r"[\s\-.]", "", text)


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    index = {_key(alias): code for alias, code in _ALIASES.items()}
    for code, thai, english in PROVINCES:
        index[_key(thai)] = code
        index[_key(english)] = code
        index[code.casefold()] = code
    return index


def province_code(name: str | None) -> str | None:
    """The ADM1 code (`TH50`) of a province written any usual way; None when unknown."""
    if not name:
        return None
    return _index().get(_key(name))


_NAMES = {code: (thai, english) for code, thai, english in PROVINCES}


def province_name(code: str, language: str = "th") -> str:
    """The Thai (default) or English name of a province code; KeyError when unknown."""
    thai, english = _NAMES[code]
    return thai if language.startswith("th") else english
