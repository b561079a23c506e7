"""Contract value above the winning bid (TH-CONTRACT-ABOVE-BID, มูลค่าสัญญาสูงกว่าราคาประมูลชนะ).

A process is flagged when the value of its contracts (งบสัญญา, cancelled contracts left out) is
more than `tolerance_pct` percent above its agreed price (ราคาตกลงซื้อ/จ้าง, the winning bid
as awarded): the price grew after the competition. Value: the increase in percent.

Source: ACT Ai (actai.co) flag "มูลค่าสัญญาสูงกว่าราคาประมูลชนะ"; default any increase.
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter
from sodsong.procurement.indicators.thai.base import ThaiIndicator

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-CONTRACT-ABOVE-BID",
    family="thai",
    title_th="มูลค่าสัญญาสูงกว่าราคาประมูลชนะ",
    title_en="Contract value above the winning bid",
    levels=("process",),
    output="process: (contract value − winning bid) / winning bid, percent",
    parameters=(Parameter("tolerance_pct", "float", 0.0, "increase allowed before flagging, percent"),),
    required_fields=("contract.value_amount", "award.value_amount"),
    source="ACT Ai (actai.co): มูลค่าสัญญาสูงกว่าราคาประมูลชนะ",
)

_BOTH = """SELECT p.process_id, p.fiscal_year, p.win_amount AS amount, p.winner_id, c.value,
       (CAST(c.value AS DOUBLE) - CAST(p.win_amount AS DOUBLE)) / CAST(p.win_amount AS DOUBLE) * 100 AS pct
FROM th_process p
JOIN (SELECT process_id, sum(value_amount) AS value FROM contract
      WHERE coalesce(status, '') <> 'cancelled' AND value_amount IS NOT NULL GROUP BY process_id) c
  ON c.process_id = p.process_id
WHERE p.win_amount IS NOT NULL"""

INDICATOR = ThaiIndicator(
    spec=SPEC,
    flags="""SELECT 'process' AS subject_kind, process_id AS subject_id, process_id, winner_id AS org_id,
       fiscal_year, pct AS value,
       to_json({'contract_value': value, 'winning_bid': amount, 'difference_pct': round(pct, 4)}) AS details
FROM ${candidates} b WHERE pct > ${tolerance_pct}""",
    checked="SELECT count(*) FROM ${candidates} b",
    candidates=_BOTH,
)
