"""A director is a relative of a politician (TH-CO-RELATIVE, กรรมการเป็นญาติของนักการเมือง).

A company is flagged when one of its directors is linked by `relation.kind = 'relative_of'`
(either direction: spouse, child, sibling as published) to a person who holds or held a public
position. One row per company; value: the number of such directors.

Source: ACT Ai (actai.co) company checks ("ตรวจพบความน่าสนใจ"): กรรมการเป็นญาตินักการเมือง.
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec
from sodsong.procurement.indicators.thai.base import ThaiIndicator

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-CO-RELATIVE",
    family="thai",
    title_th="กรรมการเป็นญาติของนักการเมืองหรือผู้ยื่นบัญชีทรัพย์สิน",
    title_en="A director is a relative of a politician or declaring official",
    levels=("company",),
    output="company: directors related to someone who holds or held a public position",
    required_fields=(
        "relation.kind=director_of",
        "relation.kind=relative_of",
        "relation.kind=holds_position",
    ),
    source="ACT Ai (actai.co): company checks (ตรวจพบความน่าสนใจ)",
)

_KIN = """SELECT subject_id AS person_id, object_id AS relative_id, role FROM relation WHERE kind = 'relative_of'
UNION ALL SELECT object_id AS person_id, subject_id AS relative_id, role FROM relation WHERE kind = 'relative_of'"""

INDICATOR = ThaiIndicator(
    spec=SPEC,
    flags=f"""SELECT 'company' AS subject_kind, d.company_id AS subject_id, CAST(NULL AS VARCHAR) AS process_id,
       d.company_id AS org_id, CAST(NULL AS INTEGER) AS fiscal_year, CAST(count(DISTINCT d.person_id) AS DOUBLE) AS value,
       to_json({{'directors': list_sort(list({{'director_id': d.person_id, 'relative_id': k.relative_id,
                                              'kinship': k.role, 'position': p.position}}))}}) AS details
FROM th_director d JOIN ({_KIN}) k ON k.person_id = d.person_id
JOIN th_politician p ON p.person_id = k.relative_id
GROUP BY d.company_id""",
    checked="SELECT count(DISTINCT company_id) FROM th_director",
)
