"""Bidders share a director or an address (TH-SHARED-DIRECTOR-ADDRESS, คู่เทียบมีกรรมการหรือที่อยู่เดียวกัน).

Two bidders in the same process (past buying the documents) are flagged as a pair when the same
person is a director of both (`relation.kind = 'director_of'`) or both are registered at the
same normalised address (`organisation.address_key`). Competitors who are not independent may
be one bidder in disguise. Needs bid lists and company data. One row per pair and process;
value: 1.

Source: ACT Ai (actai.co) flag "คู่เทียบมีกรรมการหรือที่อยู่เดียวกัน"; cardinal-rs R044 for OCDS.
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec
from sodsong.procurement.indicators.thai.base import ThaiIndicator

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-SHARED-DIRECTOR-ADDRESS",
    family="thai",
    title_th="คู่เทียบมีกรรมการหรือที่อยู่เดียวกัน",
    title_en="Bidders share a director or an address",
    levels=("pair",),
    output="pair (in a process): 1.0",
    required_fields=("bid.tenderer_id", "relation.kind=director_of", "organisation.address_key"),
    source="ACT Ai (actai.co): คู่เทียบมีกรรมการหรือที่อยู่เดียวกัน",
)

# Company pairs linked by a director or an address first (few), then the processes both bid in.
_LINKED = """SELECT a, b, min(director) AS director, min(address) AS address FROM (
    SELECT x.company_id AS a, y.company_id AS b, x.person_id AS director, CAST(NULL AS VARCHAR) AS address
    FROM th_director x JOIN th_director y ON y.person_id = x.person_id AND x.company_id < y.company_id
    UNION ALL
    SELECT x.org_id AS a, y.org_id AS b, CAST(NULL AS VARCHAR) AS director, x.address_key AS address
    FROM th_org x JOIN th_org y ON y.address_key = x.address_key AND x.org_id < y.org_id
    WHERE x.address_key <> '' AND x.org_id = x.rid AND y.org_id = y.rid AND x.kind = 'company' AND y.kind = 'company'
) l GROUP BY a, b"""

INDICATOR = ThaiIndicator(
    spec=SPEC,
    flags=f"""SELECT 'pair' AS subject_kind, l.a || '|' || l.b AS subject_id, x.process_id, CAST(NULL AS VARCHAR) AS org_id,
       p.fiscal_year, CAST(1 AS DOUBLE) AS value,
       to_json({{'bidders': [l.a, l.b], 'shared_director': l.director, 'director_name': d.name,
                 'shared_address': l.address}}) AS details
FROM ({_LINKED}) l
JOIN th_bid_multi x ON x.tenderer_id = l.a
JOIN th_bid_multi y ON y.process_id = x.process_id AND y.tenderer_id = l.b
JOIN th_process p ON p.process_id = x.process_id
LEFT JOIN th_org d ON d.org_id = l.director""",
    checked="SELECT multi FROM th_bid_stats",
)
