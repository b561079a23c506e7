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

# The pairs are counted on small integer keys of the bidders (numbered in the order of their ids,
# so `a < b` is the same as on the ids): grouping 16 M pairs of text ids was the costly step at
# 10 M projects. Winners are looked up only for the processes of the frequent pairs. The pairs
# are counted as they are made and not read a second time (a CTE of the pairs with their text
# process ids, read twice, spilled about 0.35 GB at 10 M under a 2.5 GB limit, none this way):
# the processes of the frequent pairs are found again by joining those pairs' bids.
INDICATOR = ThaiIndicator(
    spec=SPEC,
    flags="""WITH ids AS (
    SELECT tenderer_id, row_number() OVER (ORDER BY tenderer_id) AS t
    FROM (SELECT DISTINCT tenderer_id FROM th_bid_multi) d
), bids AS (
    SELECT b.process_id, i.t FROM th_bid_multi b JOIN ids i ON i.tenderer_id = b.tenderer_id
), frequent AS (
    SELECT x.t AS a, y.t AS b, count(*) AS n
    FROM bids x JOIN bids y ON y.process_id = x.process_id AND x.t < y.t
    GROUP BY x.t, y.t HAVING count(*) >= ${minimum_projects}
), together AS (
    SELECT f.a, f.b, f.n, x.process_id,
           row_number() OVER (PARTITION BY f.a, f.b ORDER BY x.process_id) AS k
    FROM frequent f JOIN bids x ON x.t = f.a JOIN bids y ON y.process_id = x.process_id AND y.t = f.b
), winners AS (
    SELECT t.a, t.b, t.n, w.winner_id, count(*) AS wins,
           row_number() OVER (PARTITION BY t.a, t.b ORDER BY count(*) DESC, w.winner_id) AS rank
    FROM together t JOIN th_winner w ON w.process_id = t.process_id
    WHERE w.winner_id IS NOT NULL GROUP BY t.a, t.b, t.n, w.winner_id
), listed AS (
    SELECT a, b, list_sort(list(process_id)) AS processes FROM together WHERE k <= 20 GROUP BY a, b
)
SELECT 'pair' AS subject_kind, ia.tenderer_id || '|' || ib.tenderer_id AS subject_id, CAST(NULL AS VARCHAR) AS process_id,
       w.winner_id AS org_id, CAST(NULL AS INTEGER) AS fiscal_year, CAST(w.n AS DOUBLE) AS value,
       to_json({'bidders': [ia.tenderer_id, ib.tenderer_id], 'projects_together': w.n, 'recurring_winner': w.winner_id,
                'wins': w.wins, 'processes': l.processes}) AS details
FROM winners w JOIN listed l ON l.a = w.a AND l.b = w.b
JOIN ids ia ON ia.t = w.a JOIN ids ib ON ib.t = w.b
WHERE w.rank = 1 AND CAST(w.wins AS DOUBLE) >= ${minimum_winner_share} * w.n""",
    checked="SELECT multi FROM th_bid_stats",
)
