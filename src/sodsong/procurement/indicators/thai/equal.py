"""Identical bid prices (TH-EQUAL, เสนอราคาเท่ากัน).

A process is flagged when two or more different bidders offered exactly the same price (as
Cardinal's R028 does for OCDS). The lowest shared price and the bidders who offered it are
named. Needs bid lists. Value: the shared price.

Source: ACT Ai (actai.co) flag "เสนอราคาเท่ากัน"; OCP Cardinal R028.
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec
from sodsong.procurement.indicators.thai.base import ThaiIndicator

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-EQUAL",
    family="thai",
    title_th="เสนอราคาเท่ากัน",
    title_en="Identical bid prices",
    levels=("process",),
    output="process: the price two or more bidders offered",
    required_fields=("bid.amount", "bid.tenderer_id"),
    source="ACT Ai (actai.co): เสนอราคาเท่ากัน; cardinal-rs R028",
)

# The equal amounts are found by a count first (no lists): the bidder lists are made only for
# them, not for every (process, amount) of the multi-bidder bids (at 10 M projects 3.2-3.7 ->
# 1.8-2.2 CPU s for this step, the same rows).
INDICATOR = ThaiIndicator(
    spec=SPEC,
    flags="""SELECT 'process' AS subject_kind, e.process_id AS subject_id, e.process_id,
       CAST(NULL AS VARCHAR) AS org_id, p.fiscal_year, CAST(e.amount AS DOUBLE) AS value,
       to_json({'amount': e.amount, 'bidders': e.bidders}) AS details
FROM (
    SELECT process_id, min(amount) AS amount, min_by(bidders, amount) AS bidders
    FROM (SELECT b.process_id, b.amount, list_sort(list(b.tenderer_id)) AS bidders
          FROM th_bid_multi b
          JOIN (SELECT process_id, amount FROM th_bid_multi WHERE amount IS NOT NULL
                GROUP BY process_id, amount HAVING count(*) >= 2) d
            ON d.process_id = b.process_id AND d.amount = b.amount
          GROUP BY b.process_id, b.amount) g
    GROUP BY process_id
) e JOIN th_process p ON p.process_id = e.process_id""",
    checked="SELECT priced FROM th_bid_stats",
)
