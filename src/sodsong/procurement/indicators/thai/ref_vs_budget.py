"""Reference price above or far below the budget (TH-REF-VS-BUDGET, ราคากลางสูง/ต่ำกว่างบประมาณ).

A process is flagged when its reference price (ราคากลาง) is more than `above_pct` percent above
its budget (งบประมาณ), or more than `below_pct` percent below it: a reference price above the
money available, or a budget far larger than what the agency itself estimated. Value: the
difference (reference − budget) / budget × 100 (negative below the budget).

Source: ACT Ai (actai.co) flag "ราคากลางสูง/ต่ำกว่างบประมาณ"; defaults: any excess, 30 % below.
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter
from sodsong.procurement.indicators.thai.base import ThaiIndicator

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-REF-VS-BUDGET",
    family="thai",
    title_th="ราคากลางสูง/ต่ำกว่างบประมาณ",
    title_en="Reference price above or far below the budget",
    levels=("process",),
    output="process: (reference price − budget) / budget, percent",
    parameters=(
        Parameter(
            "above_pct", "float", 0.0, "flag a reference price more than this above the budget, percent"
        ),
        Parameter(
            "below_pct", "float", 30.0, "flag a reference price more than this below the budget, percent"
        ),
    ),
    required_fields=("process.reference_price", "process.budget"),
    source="ACT Ai (actai.co): ราคากลางสูง/ต่ำกว่างบประมาณ",
)

_DIFF = """SELECT process_id, fiscal_year, ref, budget,
       (CAST(ref AS DOUBLE) - CAST(budget AS DOUBLE)) / CAST(budget AS DOUBLE) * 100 AS pct
FROM th_process WHERE ref > 0 AND budget > 0"""

INDICATOR = ThaiIndicator(
    spec=SPEC,
    flags=f"""SELECT 'process' AS subject_kind, process_id AS subject_id, process_id, CAST(NULL AS VARCHAR) AS org_id,
       fiscal_year, pct AS value,
       to_json({{'reference_price': ref, 'budget': budget, 'difference_pct': round(pct, 4),
                 'direction': CASE WHEN pct > 0 THEN 'above' ELSE 'below' END}}) AS details
FROM ({_DIFF}) d WHERE pct > ${{above_pct}} OR pct < 0 - ${{below_pct}}""",
    checked=f"SELECT count(*) FROM ({_DIFF}) d",
)
