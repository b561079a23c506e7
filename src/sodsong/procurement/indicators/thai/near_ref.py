"""Bid close to the reference price (TH-NEAR-REF, เสนอราคาใกล้ราคากลาง).

A process is flagged when its agreed price (the winning bid as awarded, ราคาตกลงซื้อ/จ้าง) is
between `min_below_pct` and `max_below_pct` percent below the reference price (ราคากลาง):
difference = (reference − winning) / reference × 100. A winner who knew the reference price
bids just under it. Value: the difference in percent.

Source: ACT Ai (actai.co) flag "เสนอราคาใกล้ราคากลาง"; default 0–1 %.
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter
from sodsong.procurement.indicators.thai.base import ThaiIndicator

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-NEAR-REF",
    family="thai",
    title_th="เสนอราคาใกล้ราคากลาง",
    title_en="Bid close to the reference price",
    levels=("process",),
    output="process: the winning bid's difference below the reference price, in percent",
    parameters=(
        Parameter("min_below_pct", "float", 0.0, "smallest difference below the reference price, percent"),
        Parameter("max_below_pct", "float", 1.0, "largest difference below the reference price, percent"),
    ),
    required_fields=("process.reference_price", "award.value_amount"),
    source="ACT Ai (actai.co): เสนอราคาใกล้ราคากลาง",
)

_DIFF = """SELECT process_id, fiscal_year, ref, win_amount AS amount, winner_id,
       (CAST(ref AS DOUBLE) - CAST(win_amount AS DOUBLE)) / CAST(ref AS DOUBLE) * 100 AS pct
FROM th_process WHERE ref > 0 AND win_amount IS NOT NULL"""

INDICATOR = ThaiIndicator(
    spec=SPEC,
    flags=f"""SELECT 'process' AS subject_kind, process_id AS subject_id, process_id, winner_id AS org_id,
       fiscal_year, pct AS value,
       to_json({{'winning_bid': amount, 'reference_price': ref, 'difference_pct': round(pct, 4)}}) AS details
FROM ({_DIFF}) d WHERE pct >= ${{min_below_pct}} AND pct <= ${{max_below_pct}}""",
    checked=f"SELECT count(*) FROM ({_DIFF}) d",
)
