"""Clustered bid prices (TH-CLUSTER, เสนอราคาเกาะกลุ่ม).

A process is flagged when at least `minimum_bids` of its priced bids lie within
`max_spread_pct` percent of each other: with the bids sorted, some run of `minimum_bids`
consecutive bids has (highest − lowest) / lowest × 100 ≤ `max_spread_pct`. Bids that agree
this closely suggest prices set together. Needs bid lists. Value: the tightest spread, percent.

Source: ACT Ai (actai.co) flag "เสนอราคาเกาะกลุ่ม"; default 3 bids within 1 %.
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter
from sodsong.procurement.indicators.thai.base import ThaiIndicator

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-CLUSTER",
    family="thai",
    title_th="เสนอราคาเกาะกลุ่ม",
    title_en="Clustered bid prices",
    levels=("process",),
    output="process: the smallest spread of `minimum_bids` consecutive bids, percent",
    parameters=(
        Parameter("minimum_bids", "int", 3, "bids that must lie close together"),
        Parameter("max_spread_pct", "float", 1.0, "largest spread (highest − lowest) / lowest, percent"),
    ),
    required_fields=("bid.amount", "bid.tenderer_id"),
    source="ACT Ai (actai.co): เสนอราคาเกาะกลุ่ม",
)

# Only processes with enough bids above 0 can have a run (`th_process.positive`: cancelled processes
# are not flagged); the bid list comes from the same rows.
_RUNS = """SELECT b.process_id, c.fiscal_year, b.amount,
       lead(b.amount, ${minimum_bids} - 1) OVER (PARTITION BY b.process_id ORDER BY b.amount, b.tenderer_id) AS top
FROM th_bid b JOIN th_process c ON c.process_id = b.process_id
WHERE b.amount > 0 AND c.positive >= ${minimum_bids}"""

INDICATOR = ThaiIndicator(
    spec=SPEC,
    flags=f"""SELECT 'process' AS subject_kind, c.process_id AS subject_id, c.process_id,
       CAST(NULL AS VARCHAR) AS org_id, c.fiscal_year, c.spread AS value,
       to_json({{'bids': c.bids, 'spread_pct': round(c.spread, 4)}}) AS details
FROM (
    SELECT process_id, fiscal_year, min(spread) AS spread, list_sort(list(amount)) AS bids
    FROM (SELECT process_id, fiscal_year, amount,
                 (CAST(top AS DOUBLE) - CAST(amount AS DOUBLE)) / CAST(amount AS DOUBLE) * 100 AS spread
          FROM ({_RUNS}) r) s
    GROUP BY process_id, fiscal_year
    HAVING min(spread) <= ${{max_spread_pct}}
) c""",
    checked="SELECT positive FROM th_bid_stats",
)
