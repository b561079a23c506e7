"""Hyndman–Fan type-8 quartiles and Tukey fences in portable SQL (window functions only).

`h = (n + 1/3)·p + 1/3`; the quantile interpolates between the 1-based order statistics
`floor(h)` and `floor(h) + 1`, clamped to the smallest and largest value: the same numbers as
`numeric.quantile` (and numpy's `median_unbiased`). DuckDB's `quantile_cont` is type 7 and
Spark's `percentile` too, so neither is used. Every constant is a DOUBLE: Spark would divide
decimals.
"""

from __future__ import annotations

__all__ = ["fence_sql"]


def _at(p: str) -> tuple[str, str]:
    h = f"((CAST(n AS DOUBLE) + CAST(1 AS DOUBLE) / 3) * {p} + CAST(1 AS DOUBLE) / 3)"
    return h, f"CAST(floor({h}) AS BIGINT)"


def fence_sql(values: str, minimum: str, threshold: str | None = None) -> str:
    """Fence rows per `group_key` of `values` (a SELECT of `group_key, v`, v a DOUBLE).

    Groups with fewer than `minimum` values get no fence. `threshold` (SQL, may be NULL) replaces
    the upper fence when it is not null.
    """
    h1, f1 = _at("CAST(0.25 AS DOUBLE)")
    h3, f3 = _at("CAST(0.75 AS DOUBLE)")

    def pick(rank: str) -> str:
        return f"max(CASE WHEN r = least(greatest({rank}, 1), n) THEN v END)"

    fixed = threshold or "CAST(NULL AS DOUBLE)"
    return f"""
WITH ranked AS (
    SELECT group_key, v, row_number() OVER (PARTITION BY group_key ORDER BY v) AS r,
           count(*) OVER (PARTITION BY group_key) AS n
    FROM ({values}) WHERE v IS NOT NULL
), picked AS (
    SELECT group_key, n, {h1} - {f1} AS w1, {pick(f1)} AS a1, {pick(f1 + " + 1")} AS b1,
           {h3} - {f3} AS w3, {pick(f3)} AS a3, {pick(f3 + " + 1")} AS b3
    FROM ranked WHERE n >= {minimum}
    GROUP BY group_key, n
), quartiles AS (
    SELECT group_key, n, a1 + w1 * (b1 - a1) AS q1, a3 + w3 * (b3 - a3) AS q3 FROM picked
)
SELECT group_key, n, q1, q3, q1 - CAST(1.5 AS DOUBLE) * (q3 - q1) AS lower_fence,
       coalesce({fixed}, q3 + CAST(1.5 AS DOUBLE) * (q3 - q1)) AS upper_fence, {fixed} AS threshold
FROM quartiles"""
