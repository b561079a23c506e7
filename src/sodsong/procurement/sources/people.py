"""Persons' names as Thai sources write them: a title glued to the name (`นางลัดดา ศุภบรรณพงษ์`)."""

from __future__ import annotations

import re

from sodsong.thai import fold_spaces

__all__ = ["TITLES", "person_name_key", "split_title"]

# Titles and ranks as written before Thai names (army, navy, air force, police, academic, royal).
_TITLE_TEXT = """
นาย นาง นางสาว น.ส. ด.ช. ด.ญ. เด็กชาย เด็กหญิง ดร. ดร ศ. รศ. ผศ. ศาสตราจารย์ รองศาสตราจารย์
ผู้ช่วยศาสตราจารย์ นายแพทย์ แพทย์หญิง นพ. พญ. ว่าที่ร้อยตรี ว่าที่ร.ต. หม่อมราชวงศ์ ม.ร.ว. หม่อมหลวง ม.ล.
คุณหญิง พลเอก พลโท พลตรี พันเอก พันโท พันตรี ร้อยเอก ร้อยโท ร้อยตรี พลเรือเอก พลเรือโท พลเรือตรี
นาวาเอก นาวาโท นาวาตรี เรือเอก เรือโท เรือตรี พลอากาศเอก พลอากาศโท พลอากาศตรี นาวาอากาศเอก
นาวาอากาศโท นาวาอากาศตรี เรืออากาศเอก เรืออากาศโท เรืออากาศตรี พลตำรวจเอก พลตำรวจโท พลตำรวจตรี
พันตำรวจเอก พันตำรวจโท พันตำรวจตรี ร้อยตำรวจเอก ร้อยตำรวจโท ร้อยตำรวจตรี ดาบตำรวจ จ่าสิบตำรวจ
สิบตำรวจเอก พล.อ. พล.ท. พล.ต. พ.อ. พ.ท. พ.ต. ร.อ. ร.ท. ร.ต. พล.ต.อ. พล.ต.ท. พล.ต.ต. พ.ต.อ. พ.ต.ท.
พ.ต.ต. ร.ต.อ. ร.ต.ท. ร.ต.ต. ด.ต. จ.ส.ต. ส.ต.อ. จ.ส.อ. Mr. Mrs. Ms. Miss Dr.
"""
# Longest first, so `นางสาว` wins over `นาง`.
TITLES = tuple(sorted(set(_TITLE_TEXT.split()), key=len, reverse=True))
_TITLE = re.compile("^(?:" + "|".join(re.escape(t) for t in TITLES) + r")\s*")


def split_title(name: str) -> tuple[str, str]:
    """(titles, bare name): every leading title is split off (`พลเอก ดร.` stacks)."""
    rest = fold_spaces(name)
    titles = []
    while True:
        match = _TITLE.match(rest)
        if not match or not rest[match.end() :].strip():
            break
        titles.append(match.group(0).strip())
        rest = rest[match.end() :]
    return " ".join(titles), rest.strip()


def person_name_key(name: str) -> str:
    """The matching key of a person's name: titles removed, white space folded, Latin lower-cased.
    Namesakes share a key: a match on it is a lead for a person to check, never a fact."""
    bare = split_title(name)[1]
    return "".join(ch.lower() if ch.isascii() else ch for ch in bare)
