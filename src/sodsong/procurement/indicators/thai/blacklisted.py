"""A bidder on the abandoned-work blacklist (TH-BLACKLISTED, ผู้เข้าเสนอราคามีประวัติทิ้งงาน).

A bidder or winner of a process is flagged when it was on the blacklist of abandoned work
(ผู้ทิ้งงาน, the `sanction` table) on the process's date (announcement, else award): listed on
or before that day and not lifted by then. Organisations are compared after entity resolution.
One row per bidder and process; value: days the bidder had been listed.

Source: ACT Ai (actai.co) flag "ผู้เข้าเสนอราคามีประวัติทิ้งงาน"; the blacklist of the
Comptroller General's Department (กรมบัญชีกลาง).
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec
from sodsong.procurement.indicators.thai.base import ThaiIndicator

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-BLACKLISTED",
    family="thai",
    title_th="ผู้เข้าเสนอราคามีประวัติทิ้งงาน",
    title_en="A bidder is on the abandoned-work blacklist",
    levels=("tenderer",),
    output="tenderer (in a process): days it had been on the blacklist",
    required_fields=("award_supplier.org_id", "sanction.org_id", "sanction.date_listed"),
    source="ACT Ai (actai.co): ผู้เข้าเสนอราคามีประวัติทิ้งงาน",
)

_PARTICIPANT_ROWS = """SELECT process_id, tenderer_id AS org_id, 'bidder' AS role FROM th_bid
UNION ALL SELECT process_id, org_id, 'winner' AS role FROM th_supplier"""

INDICATOR = ThaiIndicator(
    spec=SPEC,
    # Only the participations of listed organisations are dated and judged (few), the count of
    # all participations is the readiness check.
    flags=f"""WITH listed AS (
    SELECT coalesce(o.rid, s.org_id) AS org_id, s.date_listed, s.date_lifted, s.agency, s.reason
    FROM sanction s LEFT JOIN th_org o ON o.org_id = s.org_id
    WHERE s.org_id IS NOT NULL AND s.date_listed IS NOT NULL
), dated AS (
    SELECT t.process_id, t.org_id, t.role, p.fiscal_year, coalesce(p.date_published, p.award_date) AS d
    FROM (SELECT process_id, org_id, max(role) AS role FROM ({_PARTICIPANT_ROWS}) x
          WHERE org_id IN (SELECT org_id FROM listed) GROUP BY process_id, org_id) t
    JOIN th_process p ON p.process_id = t.process_id
)
SELECT 'tenderer' AS subject_kind, d.org_id AS subject_id, d.process_id, d.org_id, d.fiscal_year,
       CAST(max(date_diff('day', l.date_listed, d.d)) AS DOUBLE) AS value,
       to_json({{'bidder': d.org_id, 'role': d.role, 'process_date': CAST(d.d AS VARCHAR),
                 'date_listed': CAST(min(l.date_listed) AS VARCHAR),
                 'listed_by': min_by(l.agency, {{'date': l.date_listed, 'agency': l.agency}})}}) AS details
FROM dated d JOIN listed l ON l.org_id = d.org_id
WHERE l.date_listed <= d.d AND (l.date_lifted IS NULL OR l.date_lifted > d.d)
GROUP BY d.org_id, d.process_id, d.fiscal_year, d.role, d.d""",
    # The participations counted without grouping them: th_bid and th_supplier each have one row
    # per process and organisation, so the union has both counts less the pairs in both.
    checked="""SELECT (SELECT count(*) FROM th_bid) + (SELECT count(*) FROM th_supplier)
       - (SELECT count(*) FROM th_bid b JOIN th_supplier s ON s.process_id = b.process_id AND s.org_id = b.tenderer_id)
       AS n""",
)
