"""Bid abnormally below the other bids (TH-ABNORMAL-LOW-PEERS, เสนอราคาต่ำกว่าผู้เสนอรายอื่นผิดปกติ).

For each process with one winner who also has a priced bid, and another priced bid at or above
it: difference = (second lowest other bid − winning bid) / winning bid × 100. A process is
flagged when its difference is at or above the upper fence Q3 + 1.5 × IQR of all differences
in the dataset (type-8 quartiles; `threshold` replaces the fence) and the fence is above 0, as
Cardinal's R058 does for OCDS. Needs bid lists. Value: the difference in percent.

Source: ACT Ai (actai.co) flag "เสนอราคาต่ำกว่าผู้เสนอรายอื่นผิดปกติ"; cardinal-rs R058.
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter
from sodsong.procurement.indicators.thai.base import ThaiIndicator
from sodsong.procurement.indicators.thai.quartiles import fence_sql

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-ABNORMAL-LOW-PEERS",
    family="thai",
    title_th="เสนอราคาต่ำกว่าผู้เสนอรายอื่นผิดปกติ",
    title_en="Winning bid abnormally below the other bids",
    levels=("process",),
    output="process: (second bid − winning bid) / winning bid, percent, at or above the upper fence",
    parameters=(
        Parameter("threshold", "float", None, "fixed upper fence (percent) instead of Q3 + 1.5 × IQR"),
    ),
    required_fields=("bid.amount", "bid.tenderer_id", "award_supplier.org_id"),
    source="ACT Ai (actai.co): เสนอราคาต่ำกว่าผู้เสนอรายอื่นผิดปกติ; cardinal-rs R058",
)

# One pass over the bids of each process joined once with its winner: the winner's bid and the
# lowest other priced bid (with its bidder) are aggregates of the same group, instead of
# joining the winners twice (to their own bid, and to the others' bids). At 10 M projects
# 4.1-5.0 -> 3.6 CPU s for this step, the same rows.
_DIFFS = """SELECT process_id, winner_id, winning_bid, second, second_bidder,
       (CAST(second AS DOUBLE) - CAST(winning_bid AS DOUBLE)) / CAST(winning_bid AS DOUBLE) * 100 AS v
FROM (SELECT b.process_id, w.winner_id,
             max(CASE WHEN b.tenderer_id = w.winner_id THEN b.amount END) AS winning_bid,
             min(b.amount) FILTER (WHERE b.amount IS NOT NULL AND b.tenderer_id <> w.winner_id) AS second,
             min_by(b.tenderer_id, {'amount': b.amount, 'tenderer': b.tenderer_id})
               FILTER (WHERE b.amount IS NOT NULL AND b.tenderer_id <> w.winner_id) AS second_bidder
      FROM th_bid_multi b JOIN th_winner w ON w.process_id = b.process_id
      GROUP BY b.process_id, w.winner_id) x
WHERE winning_bid > 0 AND second >= winning_bid"""

INDICATOR = ThaiIndicator(
    spec=SPEC,
    candidates=_DIFFS,
    fences=fence_sql("SELECT '*' AS group_key, v FROM ${candidates} d", "1", "${threshold}"),
    flags="""SELECT 'process' AS subject_kind, d.process_id AS subject_id, d.process_id, d.winner_id AS org_id,
       p.fiscal_year, d.v AS value,
       to_json({'winning_bid': d.winning_bid, 'winner': d.winner_id, 'second_bid': d.second,
                 'second_bidder': d.second_bidder, 'difference_pct': round(d.v, 4),
                 'upper_fence': round(f.upper_fence, 4)}) AS details
FROM ${candidates} d JOIN ${fence} f ON f.group_key = '*'
JOIN th_process p ON p.process_id = d.process_id
WHERE d.v >= f.upper_fence AND f.upper_fence > 0""",
    checked="SELECT count(*) FROM ${candidates} d",
)
