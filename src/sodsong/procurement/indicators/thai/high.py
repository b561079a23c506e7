"""High price compared with similar projects (TH-HIGH, เสนอราคาสูง).

Each process with a reference price and an agreed price gets the ratio winning bid / reference
price. Processes are compared within their peer group: the same category (goods, works,
services), the same method, and the same size band of the reference price (below 0.5 M,
0.5–5 M, 5–50 M, above 50 M baht), e.g. `works|open|0.5-5M`. A process is flagged when its
ratio is above the group's upper fence Q3 + 1.5 × IQR (type-8 quartiles), for groups of at
least `minimum_group_size` processes; `threshold`, when set, replaces the fence. The fences
used are written to `flag_fence`. Value: the ratio.

Source: ACT Ai (actai.co) flag "เสนอราคาสูง"; fences as in OCP's Cardinal (R058 style).
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter
from sodsong.procurement.indicators.thai.base import ThaiIndicator
from sodsong.procurement.indicators.thai.quartiles import fence_sql

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-HIGH",
    family="thai",
    title_th="เสนอราคาสูง",
    title_en="High price compared with similar projects",
    levels=("process",),
    output="process: winning bid / reference price, above its peer group's upper fence",
    parameters=(
        Parameter("minimum_group_size", "int", 10, "peer groups with fewer processes get no fence"),
        Parameter("threshold", "float", None, "fixed upper limit of the ratio instead of the fence"),
    ),
    required_fields=(
        "process.reference_price",
        "award.value_amount",
        "process.main_procurement_category",
        "process.procurement_method",
    ),
    source="ACT Ai (actai.co): เสนอราคาสูง",
)

_RATIOS = """SELECT p.process_id, p.fiscal_year, p.ref, p.win_amount AS amount, p.winner_id,
       CAST(p.win_amount AS DOUBLE) / CAST(p.ref AS DOUBLE) AS v,
       p.category || '|' || p.procurement_method || '|' ||
       CASE WHEN p.ref < 500000 THEN '0-0.5M' WHEN p.ref < 5000000 THEN '0.5-5M'
            WHEN p.ref < 50000000 THEN '5-50M' ELSE '50M+' END AS group_key
FROM th_process p
WHERE p.win_amount IS NOT NULL AND p.ref > 0 AND p.category IS NOT NULL AND p.procurement_method IS NOT NULL"""

INDICATOR = ThaiIndicator(
    spec=SPEC,
    candidates=_RATIOS,
    fences=fence_sql("SELECT group_key, v FROM ${candidates} r", "${minimum_group_size}", "${threshold}"),
    flags="""SELECT 'process' AS subject_kind, r.process_id AS subject_id, r.process_id, r.winner_id AS org_id,
       r.fiscal_year, r.v AS value,
       to_json({'winning_bid': r.amount, 'reference_price': r.ref, 'ratio': round(r.v, 4),
                 'peer_group': r.group_key, 'upper_fence': round(f.upper_fence, 4)}) AS details
FROM ${candidates} r JOIN ${fence} f ON f.group_key = r.group_key
WHERE r.v > f.upper_fence AND (f.threshold IS NOT NULL OR f.upper_fence > 0)""",
    checked="SELECT count(*) FROM ${candidates} r",
)
