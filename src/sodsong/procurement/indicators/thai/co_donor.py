"""The company donated to a political party (TH-CO-DONOR, บริษัทบริจาคเงินให้พรรคการเมือง).

A company is flagged when a `donated_to` relation links it (after entity resolution) to a
party. One row per company; value: the total donated, baht (null when no amount is published);
the details list each donation with its party, date and amount.

Source: ACT Ai (actai.co) company checks ("ตรวจพบความน่าสนใจ"): บริจาคให้พรรคการเมือง; the
Election Commission's published donations.
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec
from sodsong.procurement.indicators.thai.base import ThaiIndicator

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-CO-DONOR",
    family="thai",
    title_th="บริษัทบริจาคเงินให้พรรคการเมือง",
    title_en="The company donated to a political party",
    levels=("company",),
    output="company: the total donated, baht",
    required_fields=("relation.kind=donated_to",),
    source="ACT Ai (actai.co): company checks (ตรวจพบความน่าสนใจ)",
)

INDICATOR = ThaiIndicator(
    spec=SPEC,
    flags="""SELECT 'company' AS subject_kind, c.rid AS subject_id, CAST(NULL AS VARCHAR) AS process_id,
       c.rid AS org_id, CAST(NULL AS INTEGER) AS fiscal_year, CAST(sum(r.amount) AS DOUBLE) AS value,
       to_json({'donations': list_sort(list({'date': CAST(r.start_date AS VARCHAR), 'party_id': r.object_id,
                                             'amount': r.amount}))}) AS details
FROM relation r JOIN th_org c ON c.org_id = r.subject_id AND c.kind = 'company'
WHERE r.kind = 'donated_to'
GROUP BY c.rid""",
    checked="SELECT count(*) FROM th_org WHERE kind = 'company' AND org_id = rid",
)
