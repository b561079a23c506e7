# ruff: noqa: S608 - every statement is built from the constants of the generator, never from input
"""Agencies, companies, persons, parties: small dimension tables held in memory while generating.

Ids are marked as synthetic: agencies `th-agency-syn…`, persons `th-person-syn…`, parties
`th-party-syn…`, processes `ocds-sodsong-syn-…`. Companies need a checksum-valid juristic id to
be keyed like real ones (`th-dbd-<13 digits>`): theirs start with `099`, a registration office
number DBD does not use (real ids start 01…-09… followed by a province office 10-96), so no
generated company can be mistaken for a registered one.
"""

from __future__ import annotations

import duckdb

from sodsong.procurement.generator import vocab
from sodsong.procurement.generator.base import pick, sql_list
from sodsong.procurement.generator.plan import Sizes
from sodsong.thai import company_match_key
from sodsong.thai.provinces import PROVINCES

__all__ = ["build_companies", "build_dimensions", "company_key_parts", "person_name", "village"]

# Stands for the running number while a name template's match key is computed once.
_NUMBER = "9876543210"


def village(key: str, salt: str) -> str:
    """A Thai village-like name drawn from two syllable lists."""
    a, b = sql_list(list(vocab.VILLAGE_A)), sql_list(list(vocab.VILLAGE_B))
    return (
        f"({a}[1 + floor(u({key}, '{salt}a') * {len(vocab.VILLAGE_A)})::INTEGER] || "
        f"{b}[1 + floor(u({key}, '{salt}b') * {len(vocab.VILLAGE_B)})::INTEGER])"
    )


def person_name(key: str) -> str:
    """`นายสมชาย ศรีสุข`: a title, a first name and a two-part surname."""
    firsts = sql_list(list(vocab.FIRST_NAMES))
    parts = sql_list(list(vocab.SURNAME_PARTS))
    n = len(vocab.SURNAME_PARTS)
    first = f"floor(u({key}, 'fn') * {len(vocab.FIRST_NAMES)})::INTEGER"
    return (
        f"(CASE WHEN {first} < 8 THEN 'นาย' ELSE 'นาง' END || {firsts}[1 + {first}] || ' ' || "
        f"{parts}[1 + floor(u({key}, 's1') * {n})::INTEGER] || {parts}[1 + floor(u({key}, 's2') * {n})::INTEGER]"
        f" || {parts}[1 + floor(u({key}, 's3') * {n})::INTEGER])"
    )


def build_dimensions(con: duckdb.DuckDBPyConnection, z: Sizes) -> None:
    """Temp tables pool, prov, agency and politician (the plan joins agencies)."""
    pool_rows = ", ".join(f"('{code}', {start}, {count})" for code, start, count in z.pools)
    con.execute(
        f"CREATE TEMP TABLE pool AS SELECT * FROM (VALUES {pool_rows}) t(province_code, pool_start, pool_count)"
    )
    con.execute(
        "CREATE TEMP TABLE prov AS SELECT * FROM (VALUES "
        + ", ".join(f"('{c}', '{th}')" for c, th, _en in PROVINCES)
        + ") t(province_code, name_th)"
    )
    codes = [code for code, _s, _c in z.pools]
    weights = [float(vocab.PROVINCE_ROWS[c]) / (2 if c == "TH10" else 1) for c in codes]
    central = max(1, round(z.agencies * vocab.CENTRAL_AGENCIES))
    province = (
        f"CASE WHEN ag < {central} THEN 'TH10' "
        f"ELSE {sql_list(codes)}[1 + {pick('u(ag, ' + repr('prov') + ')', weights)}] END"
    )
    nblocks = (z.projects + 31) // 32
    p = max(z.period, 1)
    kinds = sql_list(list(vocab.AGENCY_KINDS))
    con.execute(
        f"""
        CREATE TEMP TABLE agency AS
        SELECT ag, 'th-agency-syn' || ag AS org_id,
               {kinds}[1 + floor(u(ag, 'kind') * {len(vocab.AGENCY_KINDS)})::INTEGER] || {village("ag", "v")}
                 || ' ' || (ag + 1)::VARCHAR AS name,
               1 + floor(u(ag, 'units') * 3)::INTEGER AS n_units, q.province_code, pool_start, pool_count
        FROM (SELECT ag, {province} AS province_code FROM (
                SELECT unnest(range({z.agencies})) AS ag
                UNION ALL
                SELECT {z.agencies} + blk FROM range({nblocks}) t(blk)
                WHERE {z.period} > 0 AND blk % {p} = {z.offset} AND (blk // {p}) % 4 + 1 IN (3, 4))) q
        JOIN pool USING (province_code)
        """
    )
    con.execute(
        f"""
        CREATE TEMP TABLE politician AS
        SELECT k, 'th-person-syn-p' || k AS org_id, {person_name("'p' || k")} AS name,
               'เลขที่ ' || (k + 1)::VARCHAR || '/9 ถนนสังเคราะห์ แขวงบางซื่อ เขตบางซื่อ กรุงเทพมหานคร 10800' AS address,
               'th-party-syn' || (k % {len(vocab.PARTIES)}) AS party_id,
               DATE '1955-01-01' + floor(u(k, 'born') * 12000)::INTEGER AS birth_date
        FROM range({z.politicians}) t(k)
        """
    )


def company_key_parts() -> list[tuple[int, int, int, str, str]]:
    """(form, a, b, head, tail): `company_match_key` of every company name is head || number || tail.

    A generated name is a template filled with two syllables and a running number; the key
    function keeps digits as written, so it is computed once per (form, a, b) in Python instead of
    once per company (at 10 M that was 330,000 calls on one core)."""
    parts = []
    for f, (form, _legal) in enumerate(vocab.COMPANY_FORMS):
        for a, first in enumerate(vocab.VILLAGE_A):
            for b, second in enumerate(vocab.VILLAGE_B):
                name = form.replace("{a}", first).replace("{b}", second).replace("{n}", _NUMBER)
                key = company_match_key(name)
                if key.count(_NUMBER) != 1:
                    raise AssertionError(f"the match key of {name!r} does not keep its number: {key!r}")
                head, tail = key.split(_NUMBER)
                parts.append((f, a, b, head, tail))
    return parts


def _company_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table company_key(name, name_key) for every company, from the per-template parts."""
    import pyarrow as pa

    parts = company_key_parts()
    columns = list(zip(*parts, strict=True))
    names = ("form", "a", "b", "head", "tail")
    con.register("_key_parts", pa.table({n: list(c) for n, c in zip(names, columns, strict=True)}))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE company_key AS SELECT c.name, k.head || (c.cidx + 1)::VARCHAR || k.tail AS name_key "
        "FROM company c JOIN _key_parts k ON k.form = c.form AND k.a = c.a AND k.b = c.b"
    )
    con.unregister("_key_parts")


def build_companies(con: duckdb.DuckDBPyConnection, z: Sizes, base_path: str) -> None:
    """Temp tables company (the natural ones of every province pool, then those made for plants),
    director and company_key (each company's name match key)."""
    forms = sql_list([f[0] for f in vocab.COMPANY_FORMS])
    legal = sql_list([f[1] for f in vocab.COMPANY_FORMS])
    nforms = len(vocab.COMPANY_FORMS)
    con.execute(
        f"""
        CREATE TEMP TABLE company0 AS
        SELECT c AS cidx, pool.province_code, 0 AS origin, NULL::BIGINT AS oi, 0 AS j,
               NULL::DATE AS award_date, NULL::DATE AS date_published, NULL::BIGINT AS pol
        FROM range({z.companies}) t(c) JOIN pool ON c >= pool_start AND c < pool_start + pool_count
        UNION ALL
        SELECT special0, province_code, CASE WHEN pcode > 0 THEN pcode ELSE 100 + bcode END,
               CASE WHEN pcode > 0 THEN i ELSE blk END, 0, award_date, date_published, pol
        FROM read_parquet('{base_path}') WHERE special0 IS NOT NULL AND (pcode > 0 OR slot = 0)
        UNION ALL
        SELECT special1, province_code, CASE WHEN pcode > 0 THEN pcode ELSE 100 + bcode END,
               CASE WHEN pcode > 0 THEN i ELSE blk END, 1, award_date, date_published, pol
        FROM read_parquet('{base_path}') WHERE special1 IS NOT NULL AND (pcode > 0 OR slot = 0)
        """
    )
    con.execute(
        f"""
        CREATE TEMP TABLE company AS
        SELECT c.*, 'th-dbd-' || jid AS org_id, jid AS juristic_id,
               replace(replace(replace({forms}[1 + form], '{{a}}', {sql_list(list(vocab.VILLAGE_A))}[1 + a]),
                   '{{b}}', {sql_list(list(vocab.VILLAGE_B))}[1 + b]), '{{n}}', (cidx + 1)::VARCHAR) AS name,
               {legal}[1 + form] AS legal_form,
               CASE WHEN origin = 14 THEN award_date - 30 - floor(u(cidx, 'new') * 270)::INTEGER
                    ELSE DATE '1990-01-01' + floor(u(cidx, 'reg') * 11230)::INTEGER END AS registration_date,
               round(exp(ln(2000000) + 1.2 * nrm(cidx, 'cap')), -4)::DECIMAL(18,2) AS capital,
               CASE WHEN origin = 17 THEN pol.address
                    ELSE 'เลขที่ ' || (1 + floor(u(acidx, 'hn') * 999)::INTEGER)::VARCHAR || '/' || acidx::VARCHAR
                         || ' หมู่ ' || (1 + floor(u(acidx, 'mu') * 15)::INTEGER)::VARCHAR
                         || ' ตำบล' || {village("acidx", "t")} || ' อำเภอ' || {village("acidx", "d")}
                         || ' จังหวัด' || prov.name_th || ' ' || postal END AS address,
               prov.name_th AS province_name
        FROM (SELECT *, floor(u(cidx, 'form') * {nforms})::INTEGER AS form,
                     floor(u(cidx, 'ca') * {len(vocab.VILLAGE_A)})::INTEGER AS a,
                     floor(u(cidx, 'cb') * {len(vocab.VILLAGE_B)})::INTEGER AS b,
                     CASE WHEN origin = 12 AND oi % 2 = 1 THEN cidx - j ELSE cidx END AS acidx,
                     jid(CASE WHEN origin = 0 THEN '0995' || lpad(cidx::VARCHAR, 8, '0')
                              WHEN origin < 100 THEN '0993' || lpad((cidx - {z.special_base})::VARCHAR, 8, '0')
                              ELSE '0994' || lpad((cidx - {z.block_base})::VARCHAR, 8, '0') END) AS jid,
                     lpad((substr(province_code, 3)::INTEGER * 1000 + floor(u(acidx, 'zip') * 900)::INTEGER)::VARCHAR, 5, '0')
                       AS postal
              FROM company0) c
        JOIN prov USING (province_code)
        LEFT JOIN politician pol ON pol.k = c.pol AND c.origin = 17
        """
    )
    # Directors: one or two persons of their own per company; plants replace them with a
    # politician (TH-CO-POLITICIAN), a politician's relative (TH-CO-RELATIVE) or one person
    # directing both companies of a pair (TH-SHARED-DIRECTOR-ADDRESS, even process numbers).
    con.execute(
        """
        CREATE TEMP TABLE director AS
        SELECT org_id AS company_id, cidx, person_id, kind FROM (
            SELECT c.org_id, c.cidx,
                   CASE WHEN origin = 15 THEN 'th-person-syn-p' || pol
                        WHEN origin = 16 THEN 'th-person-syn-k' || oi
                        WHEN origin = 12 AND oi % 2 = 0 THEN 'th-person-syn-t' || oi
                        ELSE 'th-person-syn-d' || cidx || '-' || d END AS person_id,
                   CASE WHEN origin = 15 THEN 'politician' WHEN origin = 16 THEN 'relative'
                        WHEN origin = 12 AND oi % 2 = 0 THEN 'shared' ELSE 'own' END AS kind
            FROM company c, range(2) t(d)
            WHERE d = 0 OR (origin NOT IN (12, 15, 16) AND u(cidx, 'nd') < 0.4))
        """
    )
    _company_keys(con)
