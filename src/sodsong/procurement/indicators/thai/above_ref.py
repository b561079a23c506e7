"""Bid above the reference price (TH-ABOVE-REF, เสนอราคาสูงกว่าราคากลาง).

A process is flagged when at least one priced bid is more than `min_above_pct` percent above
the reference price (ราคากลาง). The highest such bid is named with its bidder. Needs bid lists
(e-GP's open CSV has none). Value: the highest bid's difference above the reference, percent.

Source: ACT Ai (actai.co) flag "เสนอราคาสูงกว่าราคากลาง"; default any bid above (0 %).
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter
from sodsong.procurement.indicators.thai.base import ThaiIndicator

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-ABOVE-REF",
    family="thai",
    title_th="เสนอราคาสูงกว่าราคากลาง",
    title_en="Bid above the reference price",
    levels=("process",),
    output="process: the highest bid's difference above the reference price, in percent",
    parameters=(Parameter("min_above_pct", "float", 0.0, "flag bids more than this above, percent"),),
    required_fields=("process.reference_price", "bid.amount"),
    source="ACT Ai (actai.co): เสนอราคาสูงกว่าราคากลาง",
)

# A bid above the limit means the highest bid is above it: only those processes' bids are read.
_PRICED = """SELECT p.process_id, p.fiscal_year, p.ref, b.tenderer_id, b.amount
FROM th_process p JOIN th_bid b ON b.process_id = p.process_id
WHERE p.ref > 0 AND b.amount IS NOT NULL
  AND (CAST(p.max_amount AS DOUBLE) - CAST(p.ref AS DOUBLE)) / CAST(p.ref AS DOUBLE) * 100 > ${min_above_pct}"""

INDICATOR = ThaiIndicator(
    spec=SPEC,
    flags=f"""SELECT 'process' AS subject_kind, process_id AS subject_id, process_id, bidder AS org_id,
       fiscal_year, pct AS value,
       to_json({{'bid': bid, 'bidder': bidder, 'reference_price': ref, 'difference_pct': round(pct, 4),
                 'bids_above': bids_above}}) AS details
FROM (
    SELECT process_id, fiscal_year, ref, max(amount) AS bid,
           max_by(tenderer_id, {{'amount': amount, 'tenderer': tenderer_id}}) AS bidder, count(*) AS bids_above,
           (CAST(max(amount) AS DOUBLE) - CAST(ref AS DOUBLE)) / CAST(ref AS DOUBLE) * 100 AS pct
    FROM ({_PRICED}) x
    WHERE (CAST(amount AS DOUBLE) - CAST(ref AS DOUBLE)) / CAST(ref AS DOUBLE) * 100 > ${{min_above_pct}}
    GROUP BY process_id, fiscal_year, ref
) f""",
    checked="SELECT count(*) FROM th_process WHERE ref > 0 AND priced > 0",
)
