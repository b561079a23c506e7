"""Purchases that look split to avoid a tender (TH-SPLITTING,
โครงการเฉพาะเจาะจงที่ส่อหั่นสัญญาแบ่งช่วง หรือหลีกเลี่ยงการประมูล).

Specific-method purchases (method text matches `method_pattern`) with one winner whose agreed
price is just under the limit above which a tender is required (`limit`, 500,000 baht; "just
under": at least `limit` × (1 − `near_limit_pct` / 100)) are grouped by agency, winner and
category (goods, works, services). Within a group, sorted by date (announcement, else award),
a purchase more than `window_days` days after the previous one starts a new run. A run of at
least `minimum_purchases` purchases whose total exceeds the limit flags every purchase in it;
the details list the run's purchases with dates and amounts. Value: the run's total.

Source: ACT Ai (actai.co) flag "โครงการเฉพาะเจาะจงที่ส่อหั่นสัญญาแบ่งช่วง หรือหลีกเลี่ยงการประมูล";
the 500,000-baht limit of the Procurement Act B.E. 2560 and its ministerial regulation.
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter
from sodsong.procurement.indicators.thai.base import ThaiIndicator

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-SPLITTING",
    family="thai",
    title_th="โครงการเฉพาะเจาะจงที่ส่อหั่นสัญญาแบ่งช่วง หรือหลีกเลี่ยงการประมูล",
    title_en="Specific-method purchases that look split to avoid a tender",
    levels=("process",),
    output="process: the total of the run of purchases it belongs to, baht",
    parameters=(
        Parameter("limit", "float", 500000.0, "the amount above which a tender is required, baht"),
        Parameter(
            "near_limit_pct", "float", 20.0, "how far under the limit still counts as just under, percent"
        ),
        Parameter("window_days", "int", 30, "largest gap in days between purchases of one run"),
        Parameter("minimum_purchases", "int", 2, "purchases a run needs"),
        Parameter("method_pattern", "str", "เฉพาะเจาะจง", "regular expression of the specific method"),
    ),
    required_fields=(
        "process.buyer_id",
        "process.method_details",
        "award.value_amount",
        "award_supplier.org_id",
    ),
    source="ACT Ai (actai.co): โครงการเฉพาะเจาะจงที่ส่อหั่นสัญญาแบ่งช่วง หรือหลีกเลี่ยงการประมูล",
)

_PURCHASES = """SELECT p.process_id, p.fiscal_year, p.buyer_id, p.winner_id, coalesce(p.category, '') AS category,
       coalesce(p.date_published, p.award_date) AS d, p.win_amount AS amount
FROM th_process p
WHERE p.win_amount IS NOT NULL AND p.winners = 1 AND p.buyer_id IS NOT NULL
  AND coalesce(p.date_published, p.award_date) IS NOT NULL
  AND p.method_key IN (SELECT method_key FROM th_method WHERE regexp_matches(method_details, ${method_pattern}))"""

_RUNS = f"""SELECT *, sum(new_run) OVER (PARTITION BY buyer_id, winner_id, category ORDER BY d, process_id
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run
FROM (SELECT *, CASE WHEN date_diff('day', lag(d) OVER (PARTITION BY buyer_id, winner_id, category
                                                      ORDER BY d, process_id), d) <= ${{window_days}}
                     THEN 0 ELSE 1 END AS new_run
      FROM ({_PURCHASES}) x
      WHERE CAST(amount AS DOUBLE) < ${{limit}}
        AND CAST(amount AS DOUBLE) >= ${{limit}} * (1 - ${{near_limit_pct}} / 100)) y"""

INDICATOR = ThaiIndicator(
    spec=SPEC,
    flags=f"""WITH runs AS ({_RUNS}),
totals AS (
    SELECT buyer_id, winner_id, category, run, sum(amount) AS total, count(*) AS n,
           list_sort(list({{'date': CAST(d AS VARCHAR), 'process_id': process_id, 'amount': amount}})) AS purchases
    FROM runs GROUP BY buyer_id, winner_id, category, run
    HAVING count(*) >= ${{minimum_purchases}} AND CAST(sum(amount) AS DOUBLE) > ${{limit}}
)
SELECT 'process' AS subject_kind, r.process_id AS subject_id, r.process_id, r.winner_id AS org_id, r.fiscal_year,
       CAST(t.total AS DOUBLE) AS value,
       to_json({{'agency': r.buyer_id, 'supplier': r.winner_id, 'total': t.total, 'purchases': t.purchases}}) AS details
FROM runs r JOIN totals t ON t.buyer_id = r.buyer_id AND t.winner_id = r.winner_id AND t.category = r.category
  AND t.run = r.run""",
    checked=f"SELECT count(*) FROM ({_PURCHASES}) x",
)
