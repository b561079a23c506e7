"""Import data.go.th e-GP CSV files: DuckDB reads and cleans every row in bulk (no per-row Python).

Per file: detect the encoding (cp874 is transcoded to UTF-8 in one streaming pass) and the
layout (from a sample of rows, not only the header). Then one parallel `read_csv`, every field
read as text into a temporary table: rows with too few or too many fields, broken quotes,
over-long lines and invalid UTF-8 are set aside with their line numbers. From that table each
distinct date, method, province and project-name tail is parsed once, cells that do not parse
are found, and every good row is inserted into `egp_row` with the parsed values looked up.

A row with a cell that does not parse (an amount that is not a number, a date that is not a
date) is rejected whole, with one `rejection` row per bad field; the others are imported.
Text is kept exactly as published (`-` and blank become NULL). `egp_derive` then builds the
processes, awards, contracts and organisations from every `egp_row`.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

from sodsong.procurement.sources.common import (
    FileSummary,
    Rejection,
    SourceError,
    excerpt,
    file_identity,
    forget_file,
    redact_ids,
    register_file,
)
from sodsong.procurement.sources.egp_layout import Layout, detect_layout
from sodsong.procurement.sources.egp_sql import sql_literal
from sodsong.procurement.sources.textfiles import read_sample, utf8_file
from sodsong.procurement.warehouse.schema import table
from sodsong.thai.provinces import province_code

__all__ = ["ATTRIBUTION", "LABELS", "MAX_LINE_BYTES", "stage_file"]

ATTRIBUTION = "ข้อมูลจัดซื้อจัดจ้าง e-GP กรมบัญชีกลาง ผ่าน data.go.th (Creative Commons Attribution)"
# DuckDB refuses longer lines (one rejection each) instead of buffering them: memory stays bounded.
MAX_LINE_BYTES = 8 << 20

# Field -> the column name users know (used in rejection messages).
LABELS = {
    "project_no": "รหัสโครงการ",
    "budget": "งบประมาณ(บาท)",
    "reference_price": "ราคากลาง(บาท)",
    "agreed_price": "ราคาตกลงซื้อ/จ้าง",
    "contract_amount": "งบสัญญา(บาท)",
    "date_published": "วันที่ประกาศ",
    "transaction_date": "วันที่เกิดรายการ",
    "contract_signed": "วันที่ลงนามสัญญา",
    "contract_end": "วันที่สิ้นสุดสัญญา",
    "fiscal_year": "ปีงบประมาณ",
    "latitude": "ละติจูดโครงการ",
    "longitude": "ลองจิจูดโครงการ",
}
_AMOUNT = "an amount in baht, e.g. 1234567.50"
_DATE = "a Thai or ISO date, e.g. 10-มี.ค.-64, 17 ม.ค. 68 or 2021-03-10"
_EXPECTED = {
    "project_no": "an e-GP project number (digits, e.g. 65057360721)",
    "budget": _AMOUNT,
    "reference_price": _AMOUNT,
    "agreed_price": _AMOUNT,
    "contract_amount": _AMOUNT,
    "date_published": _DATE,
    "transaction_date": _DATE,
    "contract_signed": _DATE,
    "contract_end": _DATE,
    "fiscal_year": "a fiscal year in the Buddhist Era, e.g. 2567",
    "latitude": "a latitude in degrees (-90 to 90)",
    "longitude": "a longitude in degrees (-180 to 180)",
}
_MONEY = ("budget", "reference_price", "agreed_price", "contract_amount")
_DATES = ("date_published", "transaction_date", "contract_signed", "contract_end")
_NULLS = "['', '-', '–', '—']"
_EMPTY_ROW = "a row with values (every field of this row is blank: an empty spreadsheet row)"
_TAIL = "CASE WHEN contains({t}, 'วิธี') THEN split_part({t}, 'วิธี', -1) END"
_FISCAL = "coalesce(clean_num(fiscal_year), clean_num(fiscal_year_extract))"


def _csv(layout: Layout, path: Path, max_line_bytes: int) -> str:
    """read_csv over the file with our field names (columns the layout lacks are NULL); lines
    that are not CSV rows of the layout's width go to `egp_reject_errors`."""
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(layout.width)) + "}"
    options = (
        f"columns = {columns}, header = false, skip = {layout.header_lines}, delim = ',', quote = '\"', "
        f"escape = '\"', auto_detect = false, strict_mode = true, null_padding = false, all_varchar = true, "
        f"nullstr = {_NULLS}, max_line_size = {max_line_bytes}, parallel = true, "
        "store_rejects = true, rejects_table = 'egp_reject_errors', rejects_scan = 'egp_reject_scans'"
    )
    named = ", ".join(
        f"c{layout.index(f)} AS {f}" if layout.index(f) is not None else f"NULL::VARCHAR AS {f}"
        for f in table_fields()
    )
    # The project name's tail after its last "วิธี" (where a method is named), computed once.
    tail = _TAIL.format(t=f"c{layout.index('title')}") if layout.index("title") is not None else "NULL"
    return f"SELECT {named}, {tail} AS tail FROM read_csv({sql_literal(str(path))}, {options})"


def table_fields() -> tuple[str, ...]:
    """Every layout field the import reads."""
    return (
        "project_no", "title", "category", "agency", "sub_agency", "method", "method_group",
        "date_published", "budget", "reference_price", "agreed_price", "fiscal_year", "fiscal_year_extract",
        "transaction_date", "province", "district", "subdistrict", "project_status", "location", "latitude",
        "longitude", "winner_id", "winner_name", "contract_no", "contract_signed", "contract_end",
        "contract_amount", "contract_status",
    )  # fmt: skip


def date_lookup_select(values: str) -> str:
    """(raw, d): each distinct text of the query `values` (one column `raw`) parsed as a date.

    The layers keep DuckDB from inlining the same macro expression many times over."""
    return (
        "SELECT raw, date_of_parts(p, mk) AS d FROM (SELECT raw, p, month_key(p.nm) AS mk FROM ("
        f"SELECT raw, date_parts(clean_num(raw)) AS p FROM (SELECT DISTINCT raw FROM ({values})) WHERE raw IS NOT NULL))"
    )


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[int, ...]:
    row = con.execute(sql).fetchone()
    assert row is not None
    return tuple(int(v) for v in row)


def _stage(con: duckdb.DuckDBPyConnection, layout: Layout, path: Path, max_line_bytes: int) -> int:
    """Read the file once into `egp_raw`, then compute every value of egp_row that needs parsing
    into `egp_parsed`, keyed by the row's position k, with its line number and whether a cell is
    bad. Distinct dates, methods, tails, provinces and winner ids are parsed once each.

    Returns the rowid of the first row of egp_raw (row k is rowid - low + 1)."""
    # The one read of the file. Insertion order is file order, so the k-th good row is the k-th
    # rowid (no single-threaded window). Rowids inside a transaction start at an offset.
    con.execute(f"CREATE TEMP TABLE egp_raw AS {_csv(layout, path, max_line_bytes)}")
    low, high, count = _one(
        con, "SELECT coalesce(min(rowid), 0), coalesce(max(rowid), -1), count(*) FROM egp_raw"
    )
    if high - low + 1 != count:  # one CTAS numbers its rows densely; refuse to misnumber lines
        raise SourceError(path, f"internal error: {count} rows numbered {low}..{high}; import it again")
    _lookups(con)
    con.execute(_parsed_sql(layout, low, _has_structural_rejections(con)))
    return low


def _reject_bad_cells(con: duckdb.DuckDBPyConnection, source_file_id: str, low: int) -> None:
    """One `rejection` row per cell that does not parse (its row is not imported)."""
    raw = {
        **{f: f"v.{f}" for f in ("project_no", "latitude", "longitude", *_MONEY, *_DATES)},
        "fiscal_year": "coalesce(v.fiscal_year, v.fiscal_year_extract)",
    }
    checks = _bad_checks()
    branches = ", ".join(
        f"CASE WHEN {check} THEN {{'field': {sql_literal(LABELS[field])}, "
        f"'expected': {sql_literal(_EXPECTED[field])}, 'value': redact(left({raw[field]}, 200))}} END"
        for field, check in checks.items()
    )
    # Only the few bad rows meet their text again (a join on k, built from the bad rows). A row
    # whose every field is blank (spreadsheets save them) is one rejection saying so.
    empty = f"[{{'field': '*', 'expected': {sql_literal(_EMPTY_ROW)}, 'value': NULL::VARCHAR}}]"
    con.execute(
        f"""
        CREATE TEMP TABLE egp_bad AS
        SELECT k, line, unnest(CASE WHEN p.empty THEN {empty}
                                    ELSE list_filter([{branches}], lambda b: b IS NOT NULL) END) AS b
        FROM (SELECT * FROM egp_parsed WHERE bad) p JOIN egp_raw v ON p.k = v.rowid - {low} + 1
        """
    )
    con.execute(
        "INSERT INTO rejection SELECT ?, line, b.field, b.expected, b.value FROM egp_bad", [source_file_id]
    )


def _lookups(con: duckdb.DuckDBPyConnection) -> None:
    """Each distinct date, method, project-name tail, province and winner id, parsed once."""
    dates = " UNION ".join(f"SELECT {f} AS raw FROM egp_raw" for f in _DATES)
    con.execute(f"CREATE TEMP TABLE egp_date_lookup AS {date_lookup_select(dates)}")
    con.execute(
        "CREATE TEMP TABLE egp_method_lookup AS SELECT raw, method_known(trim(raw)) AS known, trim(raw) AS method, "
        "ocds_method(trim(raw)) AS ocds "
        "FROM (SELECT method AS raw FROM egp_raw UNION SELECT method_group FROM egp_raw) WHERE raw IS NOT NULL"
    )
    con.execute(
        "CREATE TEMP TABLE egp_tail_lookup AS SELECT tail, phrase, ocds_method(phrase) AS ocds FROM ("
        "SELECT tail, method_in_name('วิธี' || tail) AS phrase "
        "FROM (SELECT DISTINCT tail FROM egp_raw) WHERE tail IS NOT NULL)"
    )
    con.execute(
        "CREATE TEMP TABLE egp_winner_lookup AS SELECT raw, compact, id_status(compact) AS status FROM ("
        "SELECT raw, id_compact(clean_num(raw)) AS compact "
        "FROM (SELECT DISTINCT winner_id AS raw FROM egp_raw WHERE winner_id IS NOT NULL))"
    )
    provinces = [
        row[0]
        for row in con.execute("SELECT DISTINCT province FROM egp_raw WHERE province IS NOT NULL").fetchall()
    ]
    con.execute("CREATE TEMP TABLE egp_province_lookup (raw VARCHAR, province_code VARCHAR)")
    if provinces:
        con.executemany(
            "INSERT INTO egp_province_lookup VALUES (?, ?)", [[p, province_code(p)] for p in provinces]
        )


def _has_structural_rejections(con: duckdb.DuckDBPyConnection) -> bool:
    return _one(con, "SELECT count(*) FROM egp_reject_errors")[0] > 0


def _parsed_sql(layout: Layout, low: int, gaps: bool) -> str:
    """CREATE egp_parsed: per row k its line, parsed values and `bad` (a cell that does not parse)."""
    k = f"(v.rowid - {low} + 1)"
    line = f"{k} + {layout.header_lines}"
    gap_join = ""
    if gaps:
        # Good row k (file order) sits after every rejected line j whose gap (line - header - j) < k.
        line += " + coalesce(g.j, 0)"
        gap_join = f"""ASOF LEFT JOIN (
            SELECT line - {layout.header_lines} - j AS gap, max(j) AS j FROM (
                SELECT line, row_number() OVER (ORDER BY line) AS j
                FROM (SELECT DISTINCT line FROM egp_reject_errors)
            ) GROUP BY 1
        ) g ON {k} > g.gap"""
    method_ok = "coalesce(mm.known, false)"
    group_ok = "coalesce(mg.known, false)"
    details = f"CASE WHEN {method_ok} THEN mm.method WHEN {group_ok} THEN mg.method ELSE mt.phrase END"
    ocds = f"CASE WHEN {method_ok} THEN mm.ocds WHEN {group_ok} THEN mg.ocds ELSE mt.ocds END"
    money = ", ".join(f"amount(v.{f}) AS {f}_v" for f in _MONEY)
    dates = ", ".join(f"d_{f}.d AS {f}_v" for f in _DATES)
    joins = " ".join(f"LEFT JOIN egp_date_lookup d_{f} ON d_{f}.raw = v.{f}" for f in _DATES)
    raw_needed = ", ".join(f"v.{f} AS {f}_raw" for f in (*_MONEY, *_DATES, "latitude", "longitude"))
    checks = _bad_checks(prefix="")
    return f"""
        CREATE TEMP TABLE egp_parsed AS
        SELECT * EXCLUDE ({", ".join(f"{f}_raw" for f in (*_MONEY, *_DATES, "latitude", "longitude"))}, project_ok),
               {" OR ".join(checks.values())} AS bad
        FROM (
            SELECT {k} AS k, {line} AS line,
                   coalesce({", ".join(f"v.{f}" for f in table_fields())}) IS NULL AS empty,
                   regexp_full_match(v.project_no, '[0-9]{{6,20}}') AS project_ok,
                   CASE WHEN project_ok THEN v.project_no ELSE clean_num(v.project_no) END AS project_key,
                   {money}, {dates},
                   {details} AS details, {ocds} AS procurement_method,
                   CASE WHEN {method_ok} OR {group_ok} THEN 'column' WHEN mt.phrase IS NOT NULL THEN 'project_name'
                        ELSE 'none' END AS method_source,
                   {_FISCAL.replace("fiscal_year", "v.fiscal_year")} AS fy, pa.province_code,
                   CASE WHEN v.winner_id IS NULL THEN 'missing' ELSE w.status END AS winner_status,
                   w.compact AS winner_compact,
                   TRY_CAST(clean_num(v.latitude) AS DOUBLE) AS latitude_v,
                   TRY_CAST(clean_num(v.longitude) AS DOUBLE) AS longitude_v,
                   {raw_needed}
            FROM egp_raw v {gap_join} {joins}
            LEFT JOIN egp_method_lookup mm ON mm.raw = v.method
            LEFT JOIN egp_method_lookup mg ON mg.raw = v.method_group
            LEFT JOIN egp_tail_lookup mt ON mt.tail = v.tail
            LEFT JOIN egp_province_lookup pa ON pa.raw = v.province
            LEFT JOIN egp_winner_lookup w ON w.raw = v.winner_id
        )
        """


def _bad_checks(prefix: str = "p.") -> dict[str, str]:
    """Field -> SQL, true when the cell is present but does not parse.

    Over egp_parsed's columns (`p.`) and the raw text (`v.<field>`), or, with prefix "", over
    the inner select of `_parsed_sql` where the text is `<field>_raw`. CASE, not AND: DuckDB
    evaluates every operand of an AND in a SELECT list, but a THEN only where its WHEN holds."""

    def raw(field: str) -> str:
        return f"{field}_raw" if prefix == "" else f"v.{field}"

    p = prefix
    project = f"({p}project_key IS NULL OR NOT regexp_full_match({p}project_key, '[0-9]{{6,20}}'))"
    checks = {
        "project_no": f"(CASE WHEN project_ok THEN false ELSE {project} END)" if prefix == "" else project,
        "fiscal_year": f"(CASE WHEN {p}fy IS NULL THEN false "
        f"ELSE coalesce(TRY_CAST({p}fy AS INTEGER) NOT BETWEEN 2400 AND 2700, true) END)",
        "latitude": f"({raw('latitude')} IS NOT NULL AND coalesce(abs({p}latitude_v) > 90, true))",
        "longitude": f"({raw('longitude')} IS NOT NULL AND coalesce(abs({p}longitude_v) > 180, true))",
    }
    for field in _MONEY:
        checks[field] = (
            f"(CASE WHEN {p}{field}_v IS NULL AND {raw(field)} IS NOT NULL "
            f"THEN NOT blank(clean_num({raw(field)})) ELSE false END)"
        )
    for field in _DATES:
        checks[field] = f"({p}{field}_v IS NULL AND {raw(field)} IS NOT NULL)"
    return checks


def _row_select(layout: Layout, source_file_id: str, low: int) -> str:
    """egp_row's columns for the rows that parse (one integer join of the staged text to egp_parsed)."""
    final = {
        "source_file_id": sql_literal(source_file_id),
        "source_line": "p.line",
        "layout_rank": str(layout.rank),
        "project_no": "p.project_key",
        "title": "v.title",
        "category_raw": "v.category",
        "main_procurement_category": "main_category(v.category)",
        "agency": "v.agency",
        "sub_agency": "v.sub_agency",
        "method_raw": "v.method",
        "method_group_raw": "v.method_group",
        "method_details": "p.details",
        "method_source": "p.method_source",
        "procurement_method": "p.procurement_method",
        "date_published_raw": "v.date_published",
        "date_published": "p.date_published_v",
        "budget": "p.budget_v",
        "reference_price": "p.reference_price_v",
        "agreed_price": "p.agreed_price_v",
        "fiscal_year": "coalesce(TRY_CAST(p.fy AS INTEGER), "
        "fiscal_year_of(coalesce(p.date_published_v, p.transaction_date_v, p.contract_signed_v)))",
        "transaction_date_raw": "v.transaction_date",
        "transaction_date": "p.transaction_date_v",
        "province": "v.province",
        "province_code": "p.province_code",
        "district": "v.district",
        "subdistrict": "v.subdistrict",
        "project_status": "v.project_status",
        "location_raw": "v.location",
        "latitude": "p.latitude_v",
        "longitude": "p.longitude_v",
        "winner_id_raw": "CASE WHEN p.winner_status IN ('person_id_withheld', 'missing') THEN NULL ELSE v.winner_id END",
        "winner_id": "CASE WHEN p.winner_status = 'valid' THEN p.winner_compact END",
        "winner_id_status": "p.winner_status",
        "winner_name": "v.winner_name",
        "contract_no": "v.contract_no",
        "contract_signed_raw": "v.contract_signed",
        "contract_signed": "p.contract_signed_v",
        "contract_end_raw": "v.contract_end",
        "contract_end": "p.contract_end_v",
        "contract_amount": "p.contract_amount_v",
        "contract_status": "v.contract_status",
    }
    selected = ",\n  ".join(f"{final[c]} AS {c}" for c in table("egp_row").column_names)
    return f"""
SELECT {selected}
FROM egp_raw v
JOIN egp_parsed p ON p.k = v.rowid - {low} + 1
WHERE NOT p.bad
"""


_STRUCTURAL = {
    "MISSING COLUMNS": "{width} fields",
    "TOO MANY COLUMNS": "{width} fields",
    "UNQUOTED VALUE": "a closing quote within {max} bytes (a truncated file, a stray quote or an over-long line)",
    "LINE SIZE OVER MAXIMUM": "a line of at most {max} bytes",
    "INVALID ENCODING": "UTF-8 or TIS-620/cp874 text",
}


def _structural_rejections(
    con: duckdb.DuckDBPyConnection, source_file_id: str, layout: Layout, max_line_bytes: int
) -> None:
    rows = con.execute(
        "SELECT line, min(error_type), min(error_message), min(left(csv_line, 400)) "
        "FROM egp_reject_errors GROUP BY line ORDER BY line"
    ).fetchall()
    values = []
    for line, error_type, message, csv_line in rows:
        expected = _STRUCTURAL.get(str(error_type), str(message))
        expected = expected.format(width=layout.width, max=max_line_bytes)
        found = re.search(r"Found: (\d+)", str(message))
        if error_type == "TOO MANY COLUMNS":
            got = f"more than {layout.width} fields"  # DuckDB stops counting after one extra
        elif found:
            got = f"{found.group(1)} fields"
        elif error_type in ("UNQUOTED VALUE", "LINE SIZE OVER MAXIMUM"):
            got = None  # DuckDB's copy of such a line is not reliable; the line number is
        else:
            got = excerpt(redact_ids(csv_line))
        values.append([source_file_id, int(line), "*", expected, got])
    if values:
        con.executemany("INSERT INTO rejection VALUES (?, ?, ?, ?, ?)", values)


def _check_alignment(con: duckdb.DuckDBPyConnection, source_file_id: str, path: Path) -> None:
    """Both passes must have numbered the rows alike: same count, same project on each line."""
    row = con.execute(
        """
        SELECT (SELECT count(*) FROM egp_parsed WHERE NOT bad),
               (SELECT count(*) FROM egp_row WHERE source_file_id = $1),
               (SELECT count(*) FROM egp_row e JOIN egp_parsed p ON p.line = e.source_line
                WHERE e.source_file_id = $1 AND e.project_no IS DISTINCT FROM p.project_key)
        """,
        [source_file_id],
    ).fetchone()
    assert row is not None
    expected, inserted, misplaced = row
    if expected != inserted or misplaced:
        raise SourceError(
            path, f"the file changed while it was read ({expected} rows, then {inserted}); import it again"
        )


_TEMPORARY = (
    "egp_raw",
    "egp_parsed",
    "egp_bad",
    "egp_date_lookup",
    "egp_method_lookup",
    "egp_tail_lookup",
    "egp_province_lookup",
    "egp_winner_lookup",
    "egp_reject_errors",
    "egp_reject_scans",
)


def stage_file(
    con: duckdb.DuckDBPyConnection, path: Path, *, max_line_bytes: int = MAX_LINE_BYTES
) -> tuple[FileSummary, list[Rejection]]:
    """Read one e-GP CSV into `egp_row` (replacing an earlier import of the same bytes).

    The file's SHA-256 (its identity) is computed in a thread while DuckDB reads and parses it:
    both release the GIL, and the id is needed only when rows are written."""
    for temporary in _TEMPORARY:
        con.execute(f"DROP TABLE IF EXISTS {temporary}")
    with ThreadPoolExecutor(1) as pool:
        identity = pool.submit(file_identity, path)  # also overlaps a cp874 transcoding
        with utf8_file(path) as text:
            layout = detect_layout(str(path), read_sample(text))
            low = _stage(con, layout, text.path, max_line_bytes)
            source_file_id, sha256, size = identity.result()
            summary = FileSummary(file=str(path), source_file_id=source_file_id, encoding=text.encoding)
            summary.layout, summary.layout_note = layout.name, layout.note
            forget_file(con, source_file_id, ("egp_row",))
            _reject_bad_cells(con, source_file_id, low)
            _structural_rejections(con, source_file_id, layout, max_line_bytes)
            con.execute(f"INSERT INTO egp_row {_row_select(layout, source_file_id, low)}")
            _check_alignment(con, source_file_id, path)
    con.execute(
        "INSERT INTO source_row SELECT DISTINCT ON (source_line) source_file_id, source_line, 'rejected', "
        "NULL, NULL, NULL FROM rejection WHERE source_file_id = ? ORDER BY source_line",
        [source_file_id],
    )
    counts = con.execute(
        "SELECT (SELECT count(*) FROM egp_row WHERE source_file_id = $1), "
        "(SELECT count(DISTINCT source_line) FROM rejection WHERE source_file_id = $1)",
        [source_file_id],
    ).fetchone()
    assert counts is not None
    summary.imported, summary.rejected = int(counts[0]), int(counts[1])
    summary.read = summary.imported + summary.rejected
    register_file(
        con, summary, source_kind="egp_csv", path=path, sha256=sha256, size=size, attribution=ATTRIBUTION
    )
    rejections = [
        Rejection(str(path), int(line), str(field), str(expected), value)
        for line, field, expected, value in con.execute(
            "SELECT source_line, field, expected, value FROM rejection WHERE source_file_id = ? "
            "ORDER BY source_line, field LIMIT 1000",
            [source_file_id],
        ).fetchall()
    ]
    for temporary in _TEMPORARY:
        con.execute(f"DROP TABLE IF EXISTS {temporary}")
    return summary, rejections
