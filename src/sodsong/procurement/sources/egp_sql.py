"""SQL for cleaning e-GP cells in bulk: Thai digits, `-` nulls, baht, BE dates, ids, methods.

Each macro mirrors a function of `sodsong.thai` (tests compare them on real and edge values), so
a value parses the same in a vectorised import as anywhere else in Sodsong. Rules that are data
(month names, method names) are written here once and turned into SQL.
"""

from __future__ import annotations

import duckdb

from sodsong.procurement.warehouse.keys import define_key_macros
from sodsong.thai import THAI_DIGITS, THAI_MONTHS_LONG, THAI_MONTHS_SHORT

__all__ = ["JUNK_METHOD", "METHOD_PHRASES", "METHOD_RULES", "define_egp_macros", "sql_literal"]

# The header-like text FY2565-2567 files hold instead of a method.
JUNK_METHOD = "วิธีการจัดหา ประกาศเชิญชวนทั่วไป คัดเลือก เฉพาะเจาะจง"

# Thai method text (pre- and post-2017 Procurement Act) -> OCDS procurementMethod, first match
# wins. None: a known method with no OCDS equivalent (อื่นๆ).
METHOD_RULES: tuple[tuple[str, str | None], ...] = (
    ("e-bidding|ประกวดราคาอิเล็กทรอนิกส์", "open"),
    ("e-auction|ประมูลด้วยระบบอิเล็กทรอนิกส์|ประกวดราคาด้วยวิธีการทางอิเล็กทรอนิกส์", "open"),
    ("e-market|ตลาดอิเล็กทรอนิกส์", "open"),
    ("ประกวดราคา", "open"),  # includes ประกวดราคานานาชาติ
    ("สอบราคา", "open"),
    ("ประกาศเชิญชวนทั่วไป", "open"),
    ("คัดเลือก", "selective"),
    ("เฉพาะเจาะจง", "direct"),
    ("ตกลงราคา", "direct"),
    ("กรณีพิเศษ", "direct"),
    ("พิเศษ", "limited"),
    ("อื่น ?ๆ", None),
)
# Phrases looked for after "วิธี" inside a project name, longest first (RE2 takes the first
# alternative that matches).
METHOD_PHRASES: tuple[str, ...] = (
    r"ประกวดราคาอิเล็กทรอนิกส์\s*\(e-bidding\)",
    r"ประกวดราคาอิเล็กทรอนิกส์",
    r"ตลาดอิเล็กทรอนิกส์\s*\(e-market\)",
    r"ตลาดอิเล็กทรอนิกส์",
    r"ประกวดราคาด้วยวิธีการทางอิเล็กทรอนิกส์",
    r"ประกวดราคานานาชาติ",
    r"ประกวดราคา",
    r"ประกาศเชิญชวนทั่วไป",
    r"คัดเลือก",
    r"เฉพาะเจาะจง",
    r"ตกลงราคา",
    r"สอบราคา",
    r"กรณีพิเศษ",
    r"พิเศษ",
    r"e-bidding",
    r"e-market",
    r"e-auction",
)

_NULLS = ("", "-", "–", "—")


def sql_literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _digits_chain(expr: str) -> str:
    chain = expr
    for thai, arabic in zip(THAI_DIGITS, "0123456789", strict=True):
        chain = f"replace({chain}, '{thai}', '{arabic}')"
    return f"replace(replace({chain}, '\u200b', ''), '\ufeff', '')"


def _month_case(expr: str) -> str:
    keys: dict[str, int] = {}
    english = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    for number, (long, short) in enumerate(zip(THAI_MONTHS_LONG, THAI_MONTHS_SHORT, strict=True), start=1):
        keys[long] = number
        keys[short.replace(".", "")] = number
        keys[english[number - 1]] = number
    keys["กพ"] = 2
    keys["มิย"] = 6
    whens = " ".join(f"WHEN {sql_literal(k)} THEN {v}" for k, v in keys.items())
    return f"CASE {expr} {whens} END"


def _method_case(expr: str) -> str:
    whens = " ".join(
        f"WHEN regexp_matches({expr}, {sql_literal(rule)}) THEN {sql_literal(ocds) if ocds else 'NULL'}"
        for rule, ocds in METHOD_RULES
    )
    return f"CASE {whens} END"


def _method_known(expr: str) -> str:
    rules = "|".join(f"(?:{rule})" for rule, _ in METHOD_RULES)
    return f"coalesce(NOT is_junk_method({expr}) AND regexp_matches({expr}, {sql_literal(rules)}), false)"


_DATE_PATTERN = (
    r"^(?:(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+\-]\d{2}:?\d{2})?)?"
    r"|(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})"
    r"|(\d{1,2})[ \-]*([^\d \-]+?)[ \-]*(\d{2}|\d{4}))$"
)
_DATE_GROUPS = "['iy', 'im', 'id', 'sd', 'sm', 'sy', 'nd', 'nm', 'ny']"


def macros() -> list[str]:
    """The macro definitions, in dependency order.

    Macros are inlined by DuckDB, so the cleaning is layered: `clean()` runs once per cell and
    the parsing macros take an already clean value (`k`), which keeps expressions small.
    """
    nulls = ", ".join(sql_literal(n) for n in _NULLS if n)
    in_name = sql_literal(r"วิธี\s*(" + "|".join(METHOD_PHRASES) + ")")
    return [
        # Layer 1: Thai digits to Arabic, zero-width characters out, white space folded; '' -> NULL.
        f"CREATE OR REPLACE TEMP MACRO clean(x) AS nullif(fold(translate(x, '{THAI_DIGITS}\u200b\ufeff', '0123456789')), '')",
        # Numbers, dates and ids only: Thai digits and zero-width characters need work only when present.
        "CREATE OR REPLACE TEMP MACRO clean_num(x) AS nullif(trim(CASE WHEN regexp_matches(x, '[๐-๙\\x{200b}\\x{feff}]') "
        "THEN " + _digits_chain("x") + " ELSE x END, ' \t\r\n'), '')",
        # Text as published: blank and `-` are NULL, outer white space trimmed; nothing else changes.
        # Cheap byte checks first: most cells need no trimming at all.
        f"CREATE OR REPLACE TEMP MACRO tx(x) AS CASE WHEN x IS NULL OR x IN ({nulls}, '') THEN NULL "
        "WHEN starts_with(x, ' ') OR ends_with(x, ' ') OR starts_with(x, '\t') OR ends_with(x, '\t') "
        "OR ends_with(x, '\r') OR ends_with(x, '\n') THEN "
        f"CASE WHEN trim(x, ' \t\r\n') IN ({nulls}, '') THEN NULL ELSE trim(x, ' \t\r\n') END "
        "ELSE x END",
        # Layer 2, on a clean value k.
        f"CREATE OR REPLACE TEMP MACRO blank(k) AS (k IS NULL OR k IN ({nulls}))",
        r"CREATE OR REPLACE TEMP MACRO trim_ws(x) AS regexp_replace(x, '^[\s\x{200b}\x{feff}]+|[\s\x{200b}\x{feff}]+$', '', 'g')",
        "CREATE OR REPLACE TEMP MACRO money_text(k) AS "
        "replace(replace(replace(replace(replace(k, 'บาท', ''), '฿', ''), 'THB', ''), ' ', ''), '\u00a0', '')",
        # Amounts: a plain number casts directly (the usual case); anything else goes the slow way.
        "CREATE OR REPLACE TEMP MACRO money_fast(x) AS CASE WHEN NOT (contains(x, 'e') OR contains(x, 'E') "
        "OR contains(x, '_')) THEN TRY_CAST(x AS DECIMAL(18,2)) END",
        "CREATE OR REPLACE TEMP MACRO amount(x) AS CASE WHEN x IS NULL THEN NULL "
        "ELSE coalesce(money_fast(x), CASE WHEN blank(clean_num(x)) THEN NULL ELSE money_of(money_text(clean_num(x))) END) END",
        "CREATE OR REPLACE TEMP MACRO amount_bad(x) AS (x IS NOT NULL AND NOT blank(clean_num(x)) AND amount(x) IS NULL)",
        # Baht from money_text: `1,234.50`, `1234`; scientific notation is not an amount.
        "CREATE OR REPLACE TEMP MACRO money_of(m) AS CASE WHEN "
        r"regexp_full_match(m, '-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?') "
        "THEN TRY_CAST(replace(m, ',', '') AS DECIMAL(18,2)) END",
        # Dates: 10-มี.ค.-64, 17 ม.ค. 68, 10 มีนาคม 2564, 10/03/2564, 2021-03-10 -> parts, then a DATE.
        f"CREATE OR REPLACE TEMP MACRO date_parts(k) AS regexp_extract(k, {sql_literal(_DATE_PATTERN)}, {_DATE_GROUPS})",
        "CREATE OR REPLACE TEMP MACRO year_ce(y, be2) AS CASE "
        "WHEN length(y) = 2 AND be2 THEN 2500 + CAST(y AS INTEGER) - 543 "
        "WHEN length(y) = 2 THEN 2000 + CAST(y AS INTEGER) "
        "WHEN CAST(y AS INTEGER) > 2400 THEN CAST(y AS INTEGER) - 543 ELSE CAST(y AS INTEGER) END",
        "CREATE OR REPLACE TEMP MACRO make_ce_date(y, m, d) AS CASE WHEN y BETWEEN 1900 AND 2200 AND m IS NOT NULL "
        "THEN TRY_CAST(printf('%04d-%02d-%02d', y, m, d) AS DATE) END",
        "CREATE OR REPLACE TEMP MACRO month_key(t) AS CASE WHEN regexp_full_match(t, '[ -~]+') "
        "THEN left(lower(replace(replace(t, '.', ''), ' ', '')), 3) ELSE lower(replace(replace(t, '.', ''), ' ', '')) END",
        f"CREATE OR REPLACE TEMP MACRO month_number(key) AS {_month_case('key')}",
        # mk is month_key(p.nm), passed in already computed (a macro argument is inlined at every use).
        "CREATE OR REPLACE TEMP MACRO date_of_parts(p, mk) AS CASE "
        "WHEN p.iy <> '' THEN make_ce_date(year_ce(p.iy, true), CAST(p.im AS INTEGER), CAST(p.id AS INTEGER)) "
        "WHEN p.sd <> '' THEN make_ce_date(year_ce(p.sy, true), CAST(p.sm AS INTEGER), CAST(p.sd AS INTEGER)) "
        "WHEN p.nd <> '' THEN make_ce_date(year_ce(p.ny, NOT regexp_full_match(p.nm, '[ -~]+')), "
        "month_number(mk), CAST(p.nd AS INTEGER)) END",
        # Thai fiscal year (BE) of a CE date: October starts the next one.
        "CREATE OR REPLACE TEMP MACRO fiscal_year_of(d) AS year(d) + 543 + CASE WHEN month(d) >= 10 THEN 1 ELSE 0 END",
        # 13-digit ids: the th.pin / th.moa check digit; c is compact (no spaces or dashes).
        "CREATE OR REPLACE TEMP MACRO id_check_ok(c) AS ("
        "(11 - list_sum([(13 - i) * CAST(substr(c, i + 1, 1) AS INTEGER) FOR i IN range(12)]) % 11) % 10"
        " = CAST(substr(c, 13, 1) AS INTEGER))",
        "CREATE OR REPLACE TEMP MACRO id_compact(k) AS replace(replace(k, ' ', ''), '-', '')",
        "CREATE OR REPLACE TEMP MACRO id_status(c) AS CASE "
        "WHEN blank(c) THEN 'missing' "
        r"WHEN regexp_full_match(c, '[0-9.]+[eE][+\-]?[0-9]+') THEN 'excel_mangled' "
        r"WHEN regexp_full_match(c, '[0-9]+\.0+') THEN 'excel_mangled' "
        "WHEN regexp_full_match(c, '0[0-9]{12}') AND id_check_ok(c) THEN 'valid' "
        "WHEN regexp_full_match(c, '[1-9][0-9]{12}') THEN 'person_id_withheld' "
        # e-GP masks individual winners' ids (310170127xxxx): withheld by the publisher, never kept.
        "WHEN regexp_full_match(c, '[0-9]{9,12}[xX]{1,4}') AND length(c) = 13 THEN 'person_id_withheld' "
        "WHEN regexp_full_match(c, '[1-9][0-9]{11}') AND id_check_ok('0' || c) THEN 'excel_mangled' "
        "ELSE 'invalid' END",
        # Anything shaped like a citizen id (or e-GP's masked form) is hidden in messages.
        r"CREATE OR REPLACE TEMP MACRO redact(v) AS regexp_replace(v, "
        r"'(^|[^0-9])[1-9][0-9]{8}([0-9]{4}|[xX]{4})([^0-9]|$)', '\1[person id withheld]\3', 'g')",
        # Methods (on trimmed text).
        "CREATE OR REPLACE TEMP MACRO is_junk_method(m) AS (m LIKE 'วิธีการจัดหา%' OR (m LIKE '%ประกาศเชิญชวนทั่วไป%' "
        "AND m LIKE '%คัดเลือก%' AND m LIKE '%เฉพาะเจาะจง%'))",
        f"CREATE OR REPLACE TEMP MACRO method_known(m) AS {_method_known('m')}",
        f"CREATE OR REPLACE TEMP MACRO ocds_method(m) AS {_method_case('m')}",
        f"CREATE OR REPLACE TEMP MACRO method_in_name(t) AS list_last(regexp_extract_all(fold(t), {in_name}, 1))",
        "CREATE OR REPLACE TEMP MACRO main_category(c) AS CASE WHEN c LIKE 'ซื้อ%' THEN 'goods' "
        "WHEN c LIKE 'จ้างก่อสร้าง%' THEN 'works' WHEN c LIKE 'จ้าง%' OR c LIKE 'เช่า%' THEN 'services' END",
        # e-GP statuses -> OCDS codes (the Thai text is kept as statusDetails).
        "CREATE OR REPLACE TEMP MACRO tender_status(s) AS CASE WHEN s LIKE 'ยกเลิก%' THEN 'cancelled' "
        "WHEN s IN ('แล้วเสร็จตามสัญญา', 'สิ้นสุดสัญญา') THEN 'complete' WHEN s IS NOT NULL THEN 'active' END",
        "CREATE OR REPLACE TEMP MACRO contract_status(s) AS CASE WHEN s LIKE 'ยกเลิก%' THEN 'cancelled' "
        "WHEN s IN ('สิ้นสุดสัญญา', 'ส่งงานครบถ้วน', 'ส่งงานตามกำหนด', 'ส่งงานล่าช้ากว่ากำหนด') THEN 'terminated' "
        "WHEN s IS NOT NULL THEN 'active' END",
        # Whole-value forms, for single values and tests (the import uses the layers above).
        "CREATE OR REPLACE TEMP MACRO thai_date(x) AS CASE WHEN blank(clean(x)) THEN NULL "
        "ELSE date_of_parts(date_parts(clean(x)), month_key(date_parts(clean(x)).nm)) END",
        "CREATE OR REPLACE TEMP MACRO money(x) AS CASE WHEN blank(clean(x)) THEN NULL ELSE money_of(money_text(clean(x))) END",
        "CREATE OR REPLACE TEMP MACRO winner_id_status(x) AS id_status(id_compact(clean(x)))",
    ]


def define_egp_macros(con: duckdb.DuckDBPyConnection) -> None:
    """Define the key macros and these macros on a connection."""
    define_key_macros(con)
    for statement in macros():
        con.execute(statement)
