"""A director is or was a politician (TH-CO-POLITICIAN, กรรมการเป็นหรือเคยเป็นนักการเมือง).

A company is flagged when one of its directors (`relation.kind = 'director_of'`) holds or held
a public position (`holds_position`: members of parliament, ministers, local politicians and
officials who declare assets to the NACC). Companies are compared after entity resolution. One
row per company; value: the number of such directors.

Source: ACT Ai (actai.co) company checks ("ตรวจพบความน่าสนใจ"): กรรมการเป็นนักการเมือง /
ผู้ยื่นบัญชีทรัพย์สิน.
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec
from sodsong.procurement.indicators.thai.base import ThaiIndicator

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-CO-POLITICIAN",
    family="thai",
    title_th="กรรมการเป็นหรือเคยเป็นนักการเมืองหรือผู้ยื่นบัญชีทรัพย์สิน",
    title_en="A director is or was a politician or declaring official",
    levels=("company",),
    output="company: directors who hold or held a public position",
    required_fields=("relation.kind=director_of", "relation.kind=holds_position"),
    source="ACT Ai (actai.co): company checks (ตรวจพบความน่าสนใจ)",
)

INDICATOR = ThaiIndicator(
    spec=SPEC,
    flags="""SELECT 'company' AS subject_kind, d.company_id AS subject_id, CAST(NULL AS VARCHAR) AS process_id,
       d.company_id AS org_id, CAST(NULL AS INTEGER) AS fiscal_year, CAST(count(*) AS DOUBLE) AS value,
       to_json({'directors': list_sort(list({'person_id': d.person_id, 'name': o.name, 'position': p.position}))})
         AS details
FROM th_director d JOIN th_politician p ON p.person_id = d.person_id
LEFT JOIN th_org o ON o.org_id = d.person_id
GROUP BY d.company_id""",
    checked="SELECT count(DISTINCT company_id) FROM th_director",
)
