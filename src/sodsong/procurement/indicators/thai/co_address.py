"""The company's address is a politician's (TH-CO-ADDRESS, ที่อยู่บริษัทตรงกับนักการเมือง).

A company is flagged when its normalised registered address (`organisation.address_key`) equals
that of a person who holds or held a public position, or a `same_address` relation links the
two. One row per company; value: the number of such persons.

Source: ACT Ai (actai.co) company checks ("ตรวจพบความน่าสนใจ"): ที่อยู่เดียวกับนักการเมือง.
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec
from sodsong.procurement.indicators.thai.base import ThaiIndicator

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-CO-ADDRESS",
    family="thai",
    title_th="ที่อยู่บริษัทตรงกับที่อยู่ของนักการเมืองหรือผู้ยื่นบัญชีทรัพย์สิน",
    title_en="The company's address is a politician's or declaring official's",
    levels=("company",),
    output="company: persons holding or having held a public position at its address",
    required_fields=("organisation.address_key", "relation.kind=holds_position"),
    source="ACT Ai (actai.co): company checks (ตรวจพบความน่าสนใจ)",
)

_MATCHES = """SELECT c.rid AS company_id, p.person_id, c.address_key AS address
FROM th_org c JOIN th_org h ON h.address_key = c.address_key AND h.kind = 'person'
JOIN th_politician p ON p.person_id = h.org_id
WHERE c.kind = 'company' AND c.address_key <> ''
UNION ALL
SELECT coalesce(o.rid, r.subject_id) AS company_id, r.object_id AS person_id, CAST(NULL AS VARCHAR) AS address
FROM relation r JOIN th_politician p ON p.person_id = r.object_id LEFT JOIN th_org o ON o.org_id = r.subject_id
WHERE r.kind = 'same_address'
UNION ALL
SELECT coalesce(o.rid, r.object_id) AS company_id, r.subject_id AS person_id, CAST(NULL AS VARCHAR) AS address
FROM relation r JOIN th_politician p ON p.person_id = r.subject_id LEFT JOIN th_org o ON o.org_id = r.object_id
WHERE r.kind = 'same_address'"""

INDICATOR = ThaiIndicator(
    spec=SPEC,
    flags=f"""SELECT 'company' AS subject_kind, company_id AS subject_id, CAST(NULL AS VARCHAR) AS process_id,
       company_id AS org_id, CAST(NULL AS INTEGER) AS fiscal_year, CAST(count(DISTINCT person_id) AS DOUBLE) AS value,
       to_json({{'persons': list_sort(list(DISTINCT person_id)), 'address': max(address)}}) AS details
FROM ({_MATCHES}) m GROUP BY company_id""",
    checked="SELECT count(*) FROM th_org WHERE kind = 'company' AND org_id = rid",
)
