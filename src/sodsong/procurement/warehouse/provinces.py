"""Thai provinces and their OCHA COD-AB codes, and matching the names sources write.

The 77 rows are copied from `data/geo/th_adm1.geojson` (ADM1_PCODE, ADM1_TH, ADM1_EN; a test
checks they agree) so the package works without the sample data folder.
"""

from __future__ import annotations

import re

from sodsong.thai import fold_spaces

__all__ = ["PROVINCES", "province_aliases", "province_code"]

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

# Other ways sources write a province (after the จังหวัด / จ. prefix is removed).
_EXTRA_ALIASES = {
    "กรุงเทพ": "TH10",
    "กรุงเทพฯ": "TH10",
    "กทม": "TH10",
    "กทม.": "TH10",
    "กรุงเทพมหานครฯ": "TH10",
    "bangkok metropolis": "TH10",
    "krung thep maha nakhon": "TH10",
    "อยุธยา": "TH14",
    "ayutthaya": "TH14",
}
_PREFIX = re.compile(r"^(?:จังหวัด|จ\.)\s*")


def _key(name: str) -> str:
    return _PREFIX.sub("", fold_spaces(name)).lower()


def province_aliases() -> dict[str, str]:
    """Every accepted spelling (as a match key) -> province code."""
    aliases = {_key(th): code for code, th, _en in PROVINCES}
    aliases.update({_key(en): code for code, _th, en in PROVINCES})
    aliases.update({_key(k): v for k, v in _EXTRA_ALIASES.items()})
    return aliases


_ALIASES = province_aliases()


def province_code(name: str | None) -> str | None:
    """`จ.นครราชสีมา`, `นครราชสีมา`, `Nakhon Ratchasima` -> `TH30`; unknown or blank -> None."""
    if not name:
        return None
    return _ALIASES.get(_key(name))
