# ruff: noqa: S608 - every statement is built from the constants of the generator, never from input
"""The per-process plan (`base`): every decision about a process, as numbers, one row per process.

Written once to a work Parquet file and read by the queries that write process, item, bid, award
and contract, so those stay consistent (the winner's price in `bid` is the award's) while each
table is one streaming query.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import duckdb

from sodsong.procurement.generator import vocab
from sodsong.procurement.generator.plan import (
    BLOCK,
    COMPETITIVE_CODES,
    PRIMES,
    SPECIAL_WINNER_CODES,
    SPLIT_PURCHASES,
    Sizes,
)
from sodsong.procurement.sources.egp_sql import sql_literal

__all__ = ["PLAN_IDS", "base_query", "define_macros", "make_plan_ids", "pick", "sql_list"]

# The process numbers 0..n-1 as a temp table: `range()` is a single-threaded source in DuckDB, so
# the plan (every draw of every process) would run on one core; a table is scanned in parallel.
PLAN_IDS = "plan_ids"


def make_plan_ids(con: duckdb.DuckDBPyConnection, n: int) -> None:
    """Temp table `plan_ids(i)` holding 0..n-1 (integers only: a fraction of a second)."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {PLAN_IDS} AS SELECT range AS i FROM range({int(n)})")


def sql_list(values: Sequence[object]) -> str:
    """A DuckDB list literal."""
    parts = [sql_literal(v) if isinstance(v, str) else repr(v) for v in values]
    return "[" + ", ".join(parts) + "]"


def pick(draw: str, shares: Sequence[float]) -> str:
    """CASE choosing index 0..n-1 by cumulative shares of a uniform draw."""
    total = sum(shares)
    cumulative, whens = 0.0, []
    for index, share in enumerate(shares[:-1]):
        cumulative += share / total
        whens.append(f"WHEN {draw} < {cumulative!r} THEN {index}")
    return f"(CASE {' '.join(whens)} ELSE {len(shares) - 1} END)"


def define_macros(con: duckdb.DuckDBPyConnection, seed: int) -> None:
    """u, nrm (seeded draws), jid (juristic id with its check digit) and fill (name templates)."""
    s = int(seed)
    con.execute(
        f"CREATE OR REPLACE TEMP MACRO u(a, b) AS "
        f"((hash(a, b, {s}::BIGINT) >> 11)::DOUBLE / 9007199254740992.0)"
    )
    con.execute(
        "CREATE OR REPLACE TEMP MACRO nrm(a, b) AS "
        "sqrt(-2 * ln(greatest(u(a, b || '~1'), 1e-300))) * cos(2 * pi() * u(a, b || '~2'))"
    )
    # stdnum.th.moa: s = sum((2 - i) * d_i) mod 11, check = (1 - s) mod 10 (non-negative).
    con.execute(
        "CREATE OR REPLACE TEMP MACRO jid(p) AS p || (((1 - (((list_sum(list_transform(range(12), "
        "lambda t: (2 - t) * substr(p, t + 1, 1)::INTEGER)) % 11) + 11) % 11)) % 10 + 10) % 10)::VARCHAR"
    )
    con.execute("CREATE OR REPLACE TEMP MACRO money(x) AS round(x, 2)::DECIMAL(18,2)")


def _method_table() -> tuple[str, str, str]:
    """SQL lists indexed by method (1-based in SQL): geometric mean, sd, per category."""
    methods = [m[1] for m in vocab.METHODS]
    cats = [c[0] for c in vocab.CATEGORIES]
    ln_gm = [math.log(vocab.AMOUNTS[(m, c)][0]) for m in methods for c in cats]
    sd = [vocab.AMOUNTS[(m, c)][1] for m in methods for c in cats]
    win = [vocab.WIN_RATIO[m] for m in methods]
    return sql_list(ln_gm), sql_list(sd), sql_list([w for row in win for w in row])


def base_query(z: Sizes) -> str:
    """SELECT of the plan: one row per process i in 0..projects-1, in the order of i.

    The draws run in parallel over `plan_ids` (see `make_plan_ids`); the join to `agency` then
    yields rows in the order threads finish, so the result is sorted by i at the end: the plan
    file is the same bytes on every run, and sorting 10 M narrow rows costs far less than drawing
    them on one core."""
    p, off = z.period, z.offset
    ln_gm, sd, win = _method_table()
    fy_pick = pick("u(i, 'fy')", [s for _, s in vocab.FISCAL_YEARS])
    fy_first = vocab.FISCAL_YEARS[0][0]
    month_pick = pick("u(i, 'mo')", list(vocab.MONTH_WEIGHTS))
    block_month = pick("u(blk, 'mo')", list(vocab.MONTH_WEIGHTS))
    block_fy = pick("u(blk, 'fy')", [s for _, s in vocab.FISCAL_YEARS])
    cat_pick = pick("u(i, 'cat')", [c[2] for c in vocab.CATEGORIES])
    method_pick = pick("u(i, 'm')", [m[3] for m in vocab.METHODS])
    status_pick = pick("u(i, 'st')", [s[2] for s in vocab.STATUSES])
    competitive = ", ".join(str(c) for c in COMPETITIVE_CODES)
    special = ", ".join(str(c) for c in SPECIAL_WINNER_CODES)
    planted_block = f"({p} > 0 AND blk % {max(p, 1)} = {off})"
    return f"""
WITH r AS (
    SELECT i, i // {BLOCK} AS blk, i % {BLOCK} AS slot FROM {PLAN_IDS}
), plan AS (
    SELECT *, CASE WHEN {planted_block} THEN 1 + (blk // {max(p, 1)}) % 4 ELSE 0 END AS bcode0 FROM r
), plan2 AS (
    SELECT * EXCLUDE (bcode0),
        CASE WHEN bcode0 = 1 AND slot >= {SPLIT_PURCHASES} THEN 0 ELSE bcode0 END AS bcode
    FROM plan
), plan3 AS (
    SELECT *,
        CASE WHEN bcode = 0 AND {p} > 0 AND i % {max(p, 1)} = {off} THEN 1 + (i // {max(p, 1)}) % 18 ELSE 0 END
            AS pcode
    FROM plan2
), drawn AS (
    SELECT *,
        CASE WHEN bcode = 1 THEN {block_fy} ELSE {fy_pick} END + {fy_first} AS fy,
        CASE WHEN pcode = 11 THEN 11 WHEN bcode = 1 THEN {block_month} ELSE {month_pick} END AS fmonth,
        CASE WHEN bcode = 1 THEN 0 ELSE {cat_pick} END AS cat,
        CASE WHEN pcode IN ({competitive}) OR bcode IN (2, 3) THEN 1
             WHEN pcode = 11 OR bcode IN (1, 4) THEN 0
             ELSE {method_pick} END AS m,
        CASE WHEN bcode IN (3, 4) THEN {z.agencies} + blk
             WHEN bcode = 1 THEN floor({z.agencies} * pow(u(blk, 'ag'), {vocab.AGENCY_SKEW}))::BIGINT
             ELSE floor({z.agencies} * pow(u(i, 'ag'), {vocab.AGENCY_SKEW}))::BIGINT END AS ag,
        {status_pick} AS st
    FROM plan3
), dated AS (
    SELECT *,
        CASE WHEN pcode = 11 THEN make_date(fy - 543, 9, 16 + floor(u(i, 'day') * 14)::INTEGER)
             WHEN bcode = 1 THEN make_date(fy - 544 + (fmonth >= 3)::INTEGER, (fmonth + 9) % 12 + 1,
                                           1 + floor(u(blk, 'day') * 12)::INTEGER) + (slot * 3)::INTEGER
             ELSE make_date(fy - 544 + (fmonth >= 3)::INTEGER, (fmonth + 9) % 12 + 1, 1)
                  + floor(u(i, 'day') * 28)::INTEGER END AS date_published,
        {ln_gm}[1 + m * 3 + cat] AS ln_gm, {sd}[1 + m * 3 + cat] AS sd_ln,
        {win}[1 + m * 3] AS eq_share, {win}[2 + m * 3] AS med_disc, {win}[3 + m * 3] AS sd_disc
    FROM drawn
), priced AS (
    SELECT *,
        CASE WHEN bcode = 1 THEN 470000 + floor(u(i, 'sp') * 290) * 100
             WHEN bcode = 4 AND slot < 8 THEN 5000000 + floor(u(i, 'big') * 150) * 100000
             ELSE least(greatest(CASE WHEN x >= 10000 THEN round(x, -2) ELSE round(x, 0) END, 500), 2e9) END
            AS ref,
        CASE WHEN pcode = 1 THEN 0.991 + 0.008 * u(i, 'wp')
             WHEN pcode IN (2, 4, 5) THEN 0.90 + 0.05 * u(i, 'wp')
             WHEN pcode = 3 THEN 1.6 + 0.2 * u(i, 'wp')
             WHEN pcode = 6 THEN 0.60 + 0.15 * u(i, 'wp')
             WHEN pcode = 7 THEN 0.86 + 0.02 * u(i, 'wp')
             WHEN bcode = 1 THEN 1.0
             WHEN u(i, 'weq') < eq_share THEN 1.0
             ELSE 1 - least(greatest(exp(ln(med_disc) + sd_disc * nrm(i, 'wd')), 0.0005), 0.45) END AS w
    FROM (SELECT *, exp(ln_gm + sd_ln * nrm(i, 'amt')) AS x FROM dated)
), counted AS (
    SELECT *,
        CASE WHEN m = 0 THEN 1
             WHEN pcode = 9 THEN 2
             WHEN pcode IN (4, 5) THEN 4
             WHEN pcode > 0 OR bcode = 2 THEN 3 + floor(u(i, 'np2') * 3)::INTEGER
             WHEN u(i, 'np') < 0.08 THEN 1 WHEN u(i, 'np') < 0.18 THEN 2
             ELSE 3 + floor(u(i, 'np2') * 5)::INTEGER END AS np,
        CASE WHEN m = 0 THEN 0 ELSE floor(u(i, 'nq') * 2)::INTEGER END AS nq,
        CASE WHEN m = 0 THEN 0 ELSE floor(u(i, 'ns') * 3)::INTEGER END AS ns,
        CASE WHEN m = 0 THEN 0 WHEN pcode = 9 THEN 2 + floor(u(i, 'nb') * 3)::INTEGER
             ELSE floor(u(i, 'nb') * 5)::INTEGER END AS nb,
        CASE WHEN pcode > 0 OR bcode > 0 OR u(i, 'ni') < 0.8 THEN 1 ELSE 2 + floor(u(i, 'ni2') * 4)::INTEGER END
            AS n_items,
        CASE WHEN pcode = 10 THEN floor(ref / (1.10 + 0.2 * u(i, 'bx')) / 100) * 100
             WHEN u(i, 'beq') < {vocab.REF_EQUALS_BUDGET} THEN ref
             ELSE ceil(ref / (0.90 + 0.0999 * u(i, 'bx')) / 100) * 100 END AS budget,
        CASE WHEN m = 0 THEN 3 ELSE 7 + floor(u(i, 'tp') * 14)::INTEGER END AS tender_days
    FROM priced
)
SELECT c.i, 'ocds-sodsong-syn-' || ((c.fy - 2500)::VARCHAR || lpad(c.i::VARCHAR, 9, '0')) AS pid, c.blk, c.slot, c.bcode, c.pcode, c.fy, c.cat, c.m, c.ag, c.st, c.date_published,
    c.ref::DECIMAL(18,2) AS ref, c.budget::DECIMAL(18,2) AS budget, c.w, money(c.ref * c.w) AS win_amount,
    c.np, c.nq, c.ns, c.nb, c.np + c.nq + c.ns + c.nb AS nbidders, c.n_items, c.tender_days,
    c.date_published + c.tender_days + 7 + least(floor(exp(ln(20) + 0.5 * nrm(c.i, 'aw'))), 200)::INTEGER
        AS award_date,
    a.province_code, a.pool_start, a.pool_count, a.n_units,
    floor(a.pool_count * pow(u(c.i, 'co'), 1.5))::BIGINT AS pool_offset,
    {sql_list(list(PRIMES))}[1 + floor(u(c.i, 'pr') * {len(PRIMES)})::INTEGER] AS stride,
    CASE WHEN c.pcode IN ({special}) THEN {z.special_base} + 2 * c.i
         WHEN c.bcode IN (1, 2, 3) THEN {z.block_base} + 2 * c.blk END AS special0,
    CASE WHEN c.pcode = 12 THEN {z.special_base} + 2 * c.i + 1
         WHEN c.bcode = 2 THEN {z.block_base} + 2 * c.blk + 1 END AS special1,
    floor(u(c.i, 'pol') * {z.politicians})::BIGINT AS pol
FROM counted c JOIN agency a ON a.ag = c.ag
ORDER BY c.i
"""
