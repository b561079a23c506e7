"""Winner's share of the agency's spending (TH-CONCENTRATION, ผู้ชนะได้งานเป็นสัดส่วนสูงของหน่วยงาน).

Over the loaded period, each buying agency's awarded amounts (active awards) are summed per
supplier. An agency with at least `minimum_processes` awarded processes is flagged when one
supplier took at least `minimum_share` of its spending; the largest such supplier is named.
Value: that supplier's share (0–1).

Source: opentender.eu / DIGIWHIST market concentration (supplier share of a buyer's spending);
ACT Ai shows the top suppliers of each agency.
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter
from sodsong.procurement.indicators.thai.base import ThaiIndicator

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-CONCENTRATION",
    family="thai",
    title_th="ผู้ชนะได้งานเป็นสัดส่วนสูงของหน่วยงาน",
    title_en="Winner takes a large share of the agency's spending",
    levels=("agency",),
    output="agency: the largest supplier's share of its awarded spending (0–1)",
    parameters=(
        Parameter("minimum_share", "float", 0.5, "flag a supplier share at or above this (0–1)"),
        Parameter("minimum_processes", "int", 10, "agencies with fewer awarded processes are not judged"),
    ),
    required_fields=("process.buyer_id", "award.value_amount", "award_supplier.org_id"),
    source="opentender.eu (DIGIWHIST): supplier share of a buyer's spending",
)

# The agencies judged, from the processes alone (each carries its suppliers' amounts above 0);
# the candidates table, so the readiness count is read from it.
_AGENCIES = """SELECT buyer_id, sum(paid_amount) AS total, count(*) AS processes
FROM th_process
WHERE buyer_id IS NOT NULL AND paid_suppliers > 0
GROUP BY buyer_id HAVING count(*) >= ${minimum_processes}"""

# The largest supplier of an agency is the smallest (−amount, org_id): one aggregate, not a
# window ranking every supplier of every agency.
INDICATOR = ThaiIndicator(
    spec=SPEC,
    candidates=_AGENCIES,
    flags="""WITH shares AS (
    SELECT p.buyer_id, s.org_id, sum(s.amount) AS amount, count(*) AS processes
    FROM th_supplier s JOIN th_process p ON p.process_id = s.process_id
    WHERE p.buyer_id IN (SELECT buyer_id FROM ${candidates}) AND s.amount > 0
    GROUP BY p.buyer_id, s.org_id
), largest AS (
    SELECT buyer_id, min({'negative': -amount, 'org_id': org_id, 'amount': amount, 'processes': processes}) AS top
    FROM shares GROUP BY buyer_id
), s AS (
    SELECT buyer_id, top.org_id AS org_id, top.amount AS amount, top.processes AS processes FROM largest
)
SELECT 'agency' AS subject_kind, a.buyer_id AS subject_id, CAST(NULL AS VARCHAR) AS process_id,
       s.org_id, CAST(NULL AS INTEGER) AS fiscal_year, CAST(s.amount AS DOUBLE) / CAST(a.total AS DOUBLE) AS value,
       to_json({'supplier': s.org_id, 'supplier_amount': s.amount, 'supplier_processes': s.processes,
                'agency_total': a.total, 'agency_processes': a.processes,
                'share': round(CAST(s.amount AS DOUBLE) / CAST(a.total AS DOUBLE), 4)}) AS details
FROM ${candidates} a JOIN s ON s.buyer_id = a.buyer_id
WHERE CAST(s.amount AS DOUBLE) / CAST(a.total AS DOUBLE) >= ${minimum_share}""",
    checked="SELECT count(*) FROM ${candidates} a",
)
