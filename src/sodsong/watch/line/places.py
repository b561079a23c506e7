"""A shared LINE location reduced to district and province: the exact place is never kept."""

from __future__ import annotations

import re

from sodsong.thai.provinces import PROVINCES
from sodsong.thai.text import normalize_text

__all__ = ["coarse_address"]

_THAI_DISTRICT = re.compile(r"(?:อำเภอ|เขต|อ\.)\s*([\u0E01-\u0E4E]+)")
_ENGLISH_DISTRICT = re.compile(
    r"(?:Amphoe|Khet)\s+([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)|"
    r"([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?) District"
)


def coarse_address(address: str) -> str:
    """`เขตปทุมวัน กรุงเทพมหานคร` from a full street address; "" when no province is named."""
    text = normalize_text(address or "")
    province = ""
    english = False
    for _code, thai, name in sorted(PROVINCES, key=lambda p: -len(p[1])):
        if thai in text:
            province = thai
            break
        if name.casefold() in text.casefold():
            province, english = name, True
            break
    if not province:
        return ""
    if english:
        found = _ENGLISH_DISTRICT.search(text)
        district = (found.group(1) or found.group(2)) if found else ""
        return f"{district} District, {province}" if district else province
    found = _THAI_DISTRICT.search(text)
    if not found:
        return province
    district = re.split(r"จังหวัด|จ\.|แขวง|ตำบล", found.group(1))[0]
    if not district:
        return province
    prefix = "เขต" if province == "กรุงเทพมหานคร" else "อำเภอ"
    return f"{prefix}{district} {province}"
