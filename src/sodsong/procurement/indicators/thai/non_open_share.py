"""High share of non-open procedures (TH-NON-OPEN-SHARE, สัดส่วนการจัดซื้อแบบไม่เปิดกว้างสูง).

For each buying agency with at least `minimum_processes` processes whose method is known, the
share of processes not bought by an open method (OCDS `procurementMethod` other than `open`:
selection, specific, direct) is measured; the agency is flagged when the share is at least
`minimum_share`. Value: the share (0–1).

Source: opentender.eu / DIGIWHIST (non-open procedure share); OCP red flag "high use of
non-competitive methods".
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter
from sodsong.procurement.indicators.thai.base import ThaiIndicator

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-NON-OPEN-SHARE",
    family="thai",
    title_th="สัดส่วนการจัดซื้อแบบไม่เปิดกว้างสูง",
    title_en="High share of non-open procedures",
    levels=("agency",),
    output="agency: share of its processes bought by a non-open method (0–1)",
    parameters=(
        Parameter("minimum_share", "float", 0.9, "flag a share at or above this (0–1)"),
        Parameter("minimum_processes", "int", 10, "agencies with fewer processes are not judged"),
    ),
    required_fields=("process.buyer_id", "process.procurement_method"),
    source="opentender.eu (DIGIWHIST); OCP red flags guide",
)

_SHARES = """SELECT buyer_id, count(*) AS processes,
       count(*) FILTER (WHERE procurement_method <> 'open') AS non_open
FROM th_process WHERE buyer_id IS NOT NULL AND procurement_method IS NOT NULL
GROUP BY buyer_id HAVING count(*) >= ${minimum_processes}"""

INDICATOR = ThaiIndicator(
    spec=SPEC,
    flags=f"""SELECT 'agency' AS subject_kind, buyer_id AS subject_id, CAST(NULL AS VARCHAR) AS process_id,
       buyer_id AS org_id, CAST(NULL AS INTEGER) AS fiscal_year,
       CAST(non_open AS DOUBLE) / CAST(processes AS DOUBLE) AS value,
       to_json({{'processes': processes, 'non_open': non_open,
                 'share': round(CAST(non_open AS DOUBLE) / CAST(processes AS DOUBLE), 4)}}) AS details
FROM ({_SHARES}) s WHERE CAST(non_open AS DOUBLE) / CAST(processes AS DOUBLE) >= ${{minimum_share}}""",
    checked=f"SELECT count(*) FROM ({_SHARES}) s",
)
