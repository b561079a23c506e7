"""Bid abnormally below the reference price (TH-ABNORMAL-LOW-REF, เสนอราคาต่ำกว่าราคากลางผิดปกติ).

A process is flagged when its agreed price (the winning bid as awarded) is more than
`min_below_pct` percent below the reference price: (reference − winning) / reference × 100 >
`min_below_pct`. A price far under the estimate may mean a reference price inflated on purpose,
or a bid that cannot deliver what was bought. Value: the difference in percent.

Source: ACT Ai (actai.co) flag "เสนอราคาต่ำกว่าราคากลางผิดปกติ"; default more than 15 %.
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter
from sodsong.procurement.indicators.thai.base import ThaiIndicator
from sodsong.procurement.indicators.thai.near_ref import _DIFF

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-ABNORMAL-LOW-REF",
    family="thai",
    title_th="เสนอราคาต่ำกว่าราคากลางผิดปกติ",
    title_en="Bid abnormally below the reference price",
    levels=("process",),
    output="process: the winning bid's difference below the reference price, in percent",
    parameters=(Parameter("min_below_pct", "float", 15.0, "flag above this difference, percent"),),
    required_fields=("process.reference_price", "award.value_amount"),
    source="ACT Ai (actai.co): เสนอราคาต่ำกว่าราคากลางผิดปกติ",
)

INDICATOR = ThaiIndicator(
    spec=SPEC,
    flags=f"""SELECT 'process' AS subject_kind, process_id AS subject_id, process_id, winner_id AS org_id,
       fiscal_year, pct AS value,
       to_json({{'winning_bid': amount, 'reference_price': ref, 'difference_pct': round(pct, 4)}}) AS details
FROM ({_DIFF}) d WHERE pct > ${{min_below_pct}}""",
    checked=f"SELECT count(*) FROM ({_DIFF}) d",
)
