"""Bidders who often bid together (TH-FREQUENT-COBIDDERS, คู่เทียบเคยมีประวัติการเสนอราคาด้วยกันบ่อยครั้ง).

For every pair of bidders, the processes both bid in (past buying the documents) are counted.
A pair is flagged when it bid together in at least `minimum_projects` processes and one
organisation (either of them or a third) won at least `minimum_winner_share` of those
processes: a recurring winner with the same companions looks like bid rotation or cover
bidding. One row per pair over the whole dataset (process_id null); the details name the
recurring winner, its wins and the first processes. Value: the processes bid together.

Source: ACT Ai (actai.co) flag "คู่เทียบเคยมีประวัติการเสนอราคาด้วยกันบ่อยครั้ง".
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter
from sodsong.procurement.indicators.thai.base import ThaiIndicator

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-FREQUENT-COBIDDERS",
    family="thai",
    title_th="คู่เทียบเคยมีประวัติการเสนอราคาด้วยกันบ่อยครั้ง",
    title_en="Bidders who often bid together",
    levels=("pair",),
    output="pair: the number of processes both bid in",
    parameters=(
        Parameter("minimum_projects", "int", 5, "processes a pair must have bid in together"),
        Parameter("minimum_winner_share", "float", 0.5, "share of those processes one organisation won"),
    ),
    required_fields=("bid.tenderer_id", "award_supplier.org_id"),
    source="ACT Ai (actai.co): คู่เทียบเคยมีประวัติการเสนอราคาด้วยกันบ่อยครั้ง",
)

INDICATOR = ThaiIndicator(
    spec=SPEC,
    flags="""WITH pairs AS (
    SELECT x.process_id, x.tenderer_id AS a, y.tenderer_id AS b
    FROM th_bid_multi x JOIN th_bid_multi y ON y.process_id = x.process_id AND x.tenderer_id < y.tenderer_id
), frequent AS (
    SELECT a, b, count(*) AS n FROM pairs GROUP BY a, b HAVING count(*) >= ${minimum_projects}
), together AS (
    SELECT f.a, f.b, f.n, p.process_id, w.winner_id,
           row_number() OVER (PARTITION BY f.a, f.b ORDER BY p.process_id) AS k
    FROM frequent f JOIN pairs p ON p.a = f.a AND p.b = f.b
    LEFT JOIN th_win w ON w.process_id = p.process_id AND w.winners = 1
), winners AS (
    SELECT a, b, n, winner_id, count(*) AS wins,
           row_number() OVER (PARTITION BY a, b ORDER BY count(*) DESC, winner_id) AS rank
    FROM together WHERE winner_id IS NOT NULL GROUP BY a, b, n, winner_id
), listed AS (
    SELECT a, b, list_sort(list(process_id)) AS processes FROM together WHERE k <= 20 GROUP BY a, b
)
SELECT 'pair' AS subject_kind, w.a || '|' || w.b AS subject_id, CAST(NULL AS VARCHAR) AS process_id,
       w.winner_id AS org_id, CAST(NULL AS INTEGER) AS fiscal_year, CAST(w.n AS DOUBLE) AS value,
       to_json({'bidders': [w.a, w.b], 'projects_together': w.n, 'recurring_winner': w.winner_id,
                'wins': w.wins, 'processes': l.processes}) AS details
FROM winners w JOIN listed l ON l.a = w.a AND l.b = w.b
WHERE w.rank = 1 AND CAST(w.wins AS DOUBLE) >= ${minimum_winner_share} * w.n""",
    checked="SELECT count(*) FROM th_bid_count WHERE bidders >= 2",
)
