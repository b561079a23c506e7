"""Thai language toolkit: BE dates and fiscal years, Thai digits, baht, ids, company names.

Everything Sodsong parses from Thai sources goes through these functions, so a Thai date, a
Thai digit or an Excel-mangled id is handled the same way in every importer, form and chatbot.

>>> parse_thai_date("10-มี.ค.-64")
datetime.date(2021, 3, 10)
>>> fiscal_year(parse_thai_date("1 ต.ค. 2563"))
2564
>>> format_baht(parse_baht("๑,๒๓๔.๕"))
'1,234.50'
"""

from sodsong.thai.calendar import be_to_ce, ce_to_be, fiscal_year, fiscal_year_bounds
from sodsong.thai.dates import (
    THAI_MONTHS_LONG,
    THAI_MONTHS_SHORT,
    ThaiDateError,
    format_thai_date,
    parse_thai_date,
)
from sodsong.thai.digits import THAI_DIGITS, to_arabic_digits, to_thai_digits
from sodsong.thai.ids import compact_id, is_valid_citizen_id, is_valid_juristic_id
from sodsong.thai.money import BahtError, format_baht, parse_baht
from sodsong.thai.names import company_match_key, fold_spaces, normalize_company_name
from sodsong.thai.provinces import PROVINCES, province_code, province_name
from sodsong.thai.text import normalize_text, search_key

__all__ = [
    "PROVINCES",
    "THAI_DIGITS",
    "THAI_MONTHS_LONG",
    "THAI_MONTHS_SHORT",
    "BahtError",
    "ThaiDateError",
    "be_to_ce",
    "ce_to_be",
    "compact_id",
    "company_match_key",
    "fiscal_year",
    "fiscal_year_bounds",
    "fold_spaces",
    "format_baht",
    "format_thai_date",
    "is_valid_citizen_id",
    "is_valid_juristic_id",
    "normalize_company_name",
    "normalize_text",
    "parse_baht",
    "parse_thai_date",
    "province_code",
    "province_name",
    "search_key",
    "to_arabic_digits",
    "to_thai_digits",
]
