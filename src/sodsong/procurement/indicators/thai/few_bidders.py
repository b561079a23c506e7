"""Fewer than 3 bidders (TH-FEW-BIDDERS, มีผู้เสนอราคาน้อยกว่า 3 ราย).

A process bought by a competitive method (e-bidding, ประกวดราคา, selection คัดเลือก: its
method text matches `method_pattern`, or, without a method text, its OCDS method is open or
selective) is flagged when fewer than `minimum_bidders` bidders had their price opened. Only
processes with a bid list are checked (e-GP's open CSV has none: not computable there, never
"no flag"). Value: the number of priced bids.

Source: ACT Ai (actai.co) flag "มีผู้เสนอราคาน้อยกว่า 3 ราย (ไม่เป็นไปตามที่กฎหมายกำหนด)".
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter
from sodsong.procurement.indicators.thai.base import ThaiIndicator

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-FEW-BIDDERS",
    family="thai",
    title_th="มีผู้เสนอราคาน้อยกว่า 3 ราย (ไม่เป็นไปตามที่กฎหมายกำหนด)",
    title_en="Fewer than 3 bidders (below what the law requires)",
    levels=("process",),
    output="process: the number of priced bids",
    parameters=(
        Parameter("minimum_bidders", "int", 3, "flag below this many priced bids"),
        Parameter(
            "method_pattern",
            "str",
            "e-bidding|ประกวดราคา|คัดเลือก",
            "regular expression of competitive methods",
        ),
    ),
    required_fields=("bid.stage", "process.method_details"),
    source="ACT Ai (actai.co): มีผู้เสนอราคาน้อยกว่า 3 ราย",
)

# "Has a bid list" is a semi join (`IN`): DuckDB builds it on the competitive processes and
# probes the bid rows, instead of first making the distinct process ids of every bid (10 M
# groups at 10 M projects; 4.4-5.0 -> 1.9 CPU s, the same rows).
_COUNTS = """SELECT p.process_id, p.fiscal_year, m.method_details, coalesce(p.priced, 0) AS priced
FROM th_process p
LEFT JOIN (SELECT method_key, method_details, regexp_matches(method_details, ${method_pattern}) AS matches
           FROM th_method) m ON m.method_key = p.method_key
WHERE p.process_id IN (SELECT process_id FROM bid)
  AND coalesce(m.matches, p.procurement_method IN ('open', 'selective'))"""

INDICATOR = ThaiIndicator(
    spec=SPEC,
    flags="""SELECT 'process' AS subject_kind, process_id AS subject_id, process_id, CAST(NULL AS VARCHAR) AS org_id,
       fiscal_year, CAST(priced AS DOUBLE) AS value,
       to_json({'priced_bids': priced, 'minimum': ${minimum_bidders}, 'method': method_details}) AS details
FROM ${candidates} c WHERE priced < ${minimum_bidders}""",
    checked="SELECT count(*) FROM ${candidates} c",
    candidates=_COUNTS,
)
