"""Specific-method purchase at the end of the fiscal year (TH-YEAR-END-SPECIFIC,
โครงการเฉพาะเจาะจงที่จัดซื้อจัดจ้างท้ายปีงบประมาณ).

A process bought by the specific method (วิธีเฉพาะเจาะจง: its method text matches
`method_pattern`) is flagged when it was announced in one of `months` (default September, the
last month of the Thai fiscal year, 1 October – 30 September): money spent in a hurry before the
budget lapses, without competition. The date is the announcement (วันที่ประกาศ); e-GP's open data
publishes none for most specific-method purchases, so the day of the transaction or award
(วันที่เกิดรายการ) stands in, and the details say which was used. Value: days left until the
fiscal year ends (30 September).

Source: ACT Ai (actai.co) flag "โครงการเฉพาะเจาะจงที่จัดซื้อจัดจ้างท้ายปีงบประมาณ".
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter
from sodsong.procurement.indicators.thai.base import ThaiIndicator

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-YEAR-END-SPECIFIC",
    family="thai",
    title_th="โครงการเฉพาะเจาะจงที่จัดซื้อจัดจ้างท้ายปีงบประมาณ",
    title_en="Specific-method purchase at the end of the fiscal year",
    levels=("process",),
    output="process: days left until the fiscal year ends",
    parameters=(
        Parameter("months", "pipe-list", "9", "months (1–12) that count as the end of the year"),
        Parameter("method_pattern", "str", "เฉพาะเจาะจง", "regular expression of the specific method"),
    ),
    required_fields=("process.method_details", "process.date_published"),
    source="ACT Ai (actai.co): โครงการเฉพาะเจาะจงที่จัดซื้อจัดจ้างท้ายปีงบประมาณ",
)

_SPECIFIC = """SELECT process_id, fiscal_year, method_details, d, kind,
       date_diff('day', d, make_date(year(d) + CASE WHEN month(d) >= 10 THEN 1 ELSE 0 END, 9, 30)) AS days
FROM (SELECT p.process_id, p.fiscal_year, m.method_details, coalesce(p.date_published, p.award_date) AS d,
             CASE WHEN p.date_published IS NULL THEN 'transaction' ELSE 'announced' END AS kind
      FROM th_process p
      JOIN (SELECT method_key, method_details FROM th_method
            WHERE regexp_matches(method_details, ${method_pattern})) m ON m.method_key = p.method_key) x
WHERE d IS NOT NULL"""

INDICATOR = ThaiIndicator(
    spec=SPEC,
    flags=f"""SELECT 'process' AS subject_kind, process_id AS subject_id, process_id, CAST(NULL AS VARCHAR) AS org_id,
       fiscal_year, CAST(days AS DOUBLE) AS value,
       to_json({{'date': CAST(d AS VARCHAR), 'date_kind': kind, 'method': method_details,
                 'days_before_year_end': days}}) AS details
FROM ({_SPECIFIC}) s WHERE CAST(month(d) AS VARCHAR) IN ${{months}}""",
    checked=f"SELECT count(*) FROM ({_SPECIFIC}) s",
)
