"""Company names compared the Thai way: legal forms stripped, every vowel and tone mark kept.

`normality`/`fingerprints` must not be used on Thai: they drop vowels and tone marks and make
different companies collide. This module only removes what is a legal form, folds white space and
lower-cases Latin letters (`EDIN DESIGN` and `Edin Design` are one name).
"""

from __future__ import annotations

import re
import unicodedata

from sodsong.thai.digits import to_arabic_digits

__all__ = ["LEGAL_FORMS", "company_match_key", "fold_spaces", "normalize_company_name"]

# Written as they appear in e-GP and DBD data; longest first so the longest form wins.
_PREFIX_FORMS = (
    "ห้างหุ้นส่วนสามัญนิติบุคคล",
    "ห้างหุ้นส่วน จำกัด",
    "ห้างหุ้นส่วนจำกัด",
    "ห้างหุ้นส่วนสามัญ",
    "บริษัทมหาชนจำกัด",
    "บริษัทจำกัด",
    "บริษัท",
    "บมจ.",
    "บจก.",
    "หจก.",
    "หสน.",
    "หส.",
)
_SUFFIX_FORMS = (
    "จำกัด (มหาชน)",
    "จำกัด(มหาชน)",
    "(มหาชน)",
    "มหาชน จำกัด",
    "จำกัด",
)
_ENGLISH_FORMS = (
    "public company limited",
    "company limited",
    "public co., ltd.",
    "public co.,ltd.",
    "co., ltd.",
    "co.,ltd.",
    "co., ltd",
    "co.,ltd",
    "co. ltd.",
    "co ltd",
    "limited partnership",
    "limited",
    "ltd.",
    "ltd",
    "(pcl)",
    "pcl.",
    "pcl",
    "plc.",
    "plc",
    "l.p.",
)
LEGAL_FORMS: tuple[str, ...] = _PREFIX_FORMS + _SUFFIX_FORMS + _ENGLISH_FORMS

_SPACES = re.compile(r"[\s\u200b\u00a0]+")
_PREFIX = re.compile("^(?:" + "|".join(re.escape(f) for f in _PREFIX_FORMS) + r")\s*")
# A trailing remark such as `(สำนักงานใหญ่)` may follow the legal form; it is kept.
_SUFFIX = re.compile(
    r"\s*(?:" + "|".join(re.escape(f) for f in _SUFFIX_FORMS) + r")(?P<remark>\s*\([^()]*\))?$"
)
_ENGLISH_SUFFIX = re.compile(
    r"[\s,]*(?:" + "|".join(re.escape(f) for f in _ENGLISH_FORMS) + r")$", re.IGNORECASE
)
_ENGLISH_PREFIX = re.compile(r"^(?:the\s+)", re.IGNORECASE)


def _keep_remark(match: re.Match[str]) -> str:
    remark = match.group("remark")
    return " " + remark.strip() if remark else ""


def fold_spaces(text: str) -> str:
    """Collapse runs of white space (and zero-width spaces) to one space and trim."""
    return _SPACES.sub(" ", text).strip()


def _lower_latin(text: str) -> str:
    return "".join(ch.lower() if ch.isascii() else ch for ch in text)


def normalize_company_name(text: str) -> str:
    """`บริษัท เอ็นจิเนียริ่ง รีวอร์ด (ประเทศไทย)  จำกัด` -> `เอ็นจิเนียริ่ง รีวอร์ด (ประเทศไทย)`.

    Strips Thai and English legal forms at either end (repeatedly, for names like
    `บริษัท ... จำกัด (มหาชน)`), folds white space and lower-cases Latin letters. Thai letters,
    vowels, tone marks and digits are kept exactly as written.
    """
    name = fold_spaces(unicodedata.normalize("NFC", text))
    previous = None
    while name and name != previous:
        previous = name
        stripped = _PREFIX.sub("", name, count=1)
        stripped = _SUFFIX.sub(_keep_remark, stripped, count=1)
        stripped = _ENGLISH_SUFFIX.sub("", stripped, count=1)
        # A name that is nothing but a legal form stays as written: better than an empty key.
        name = fold_spaces(stripped) if stripped.strip() else name
    return _lower_latin(name)


def company_match_key(text: str) -> str:
    """A stricter key for matching: the normalised name with Thai digits made Arabic and no spaces."""
    return to_arabic_digits(normalize_company_name(text)).replace(" ", "")
