"""Shared relations every Thai flag reads, built once per run (DuckDB dialect, like the flags).

- `th_org`: each organisation and the one it resolves to (confirmed name matches);
- `th_alias`: only the organisations that resolve to another one (few): the big relations
  resolve their organisations through it, a join with a small table instead of every
  organisation (`coalesce(a.rid, x)` is the same as `coalesce(th_org.rid, x)`);
- `th_supplier`: per process and resolved supplier, the awarded amount and the award date;
- `th_bid`: per process and resolved bidder who got past buying the documents, the price
  offered (summed over items; null when the bid was not priced);
- `th_tally`: per process with an active award above 0 or a bid, the agreed price of its
  active awards (ราคาตกลง, `win_amount`), its winner(s) (`winner_id` the smallest), how many
  suppliers were awarded an amount above 0 and their total (every process with such a supplier
  has a win: its active awards add up to more than 0); and its bidders, priced bids, bids above 0
  and highest bid (null without a bid). Counts are INTEGER (half a count's BIGINT, here and in
  `th_process`). One relation instead of two (a win's, a bid count's): one `process_id` fewer
  at 10 M processes, and `th_process` joins it once;
- `th_bid_stats`: one row, the processes with a bid above 0, with two priced bids or more and
  with two bidders or more (readiness counts of the bid-list flags);
- `th_winner`: `th_tally`'s process and winner where one supplier won (cancelled processes
  included, as the flags comparing bids of a winner read them);
- `th_bid_multi`: the `th_bid` rows of processes with two bidders or more, the only ones the
  flags comparing bidders of one process can fire on;
- `th_method`: each distinct method text (`method_details`, Thai) and a small integer key for
  it: `th_process` carries the key, not the text (at 10 M processes the text was about 0.6 GB of
  the relations kept in memory), and the flags that match the text against a pattern match each
  distinct text once and join the key;
- `th_process`: processes not cancelled, with money as DECIMAL and the method and dates, and
  their `th_tally` row beside them (`win_amount` null without a win, `priced` null without a
  bid): most flags read a process with its win or its bid counts, so the join is made once
  here, not once per flag;
- `th_politician`: persons holding or having held a public position (politicians and officials
  who declare assets), from `relation.kind = 'holds_position'`;
- `th_director`: directors of companies, companies resolved.

Sums of amounts are kept as DECIMAL(18, 2), the type of the amounts summed (a sum is DECIMAL(38,
2), twice the bytes; 18 digits are 10^16 baht, far above any process). No flag reads
`th_tally`: the DuckDB engine drops it once `th_bid_multi` is built, and runs the flags reading
`th_bid` or `th_supplier` first and drops those after them (`engine.EARLY`); at 10 M projects
each of these relations is about 1 GB, and the memory limit is 7 GB.
"""

from __future__ import annotations

__all__ = ["COMMON", "SOURCE_TABLES"]

# The warehouse tables the flags read (the Spark engine copies exactly these).
SOURCE_TABLES = (
    "process",
    "bid",
    "award",
    "award_supplier",
    "contract",
    "organisation",
    "relation",
    "sanction",
)

COMMON: tuple[tuple[str, str], ...] = (
    (
        "th_org",
        "SELECT org_id, coalesce(resolved_id, org_id) AS rid, kind, name, address_key, registration_date "
        "FROM organisation",
    ),
    ("th_alias", "SELECT org_id, rid FROM th_org WHERE rid <> org_id"),
    (
        "th_supplier",
        """SELECT s.process_id, coalesce(o.rid, s.org_id) AS org_id, CAST(sum(a.value_amount) AS DECIMAL(18, 2)) AS amount,
                  min(coalesce(a.date, a.transaction_date)) AS award_date
           FROM award_supplier s
           JOIN award a ON a.award_id = s.award_id
           LEFT JOIN th_alias o ON o.org_id = s.org_id
           WHERE coalesce(a.status, 'active') NOT IN ('cancelled', 'unsuccessful')
           GROUP BY s.process_id, coalesce(o.rid, s.org_id)""",
    ),
    (
        "th_bid",
        """SELECT b.process_id, coalesce(o.rid, b.tenderer_id) AS tenderer_id, CAST(sum(b.amount) AS DECIMAL(18, 2)) AS amount
           FROM bid b LEFT JOIN th_alias o ON o.org_id = b.tenderer_id
           WHERE b.tenderer_id IS NOT NULL AND b.stage <> 'bought_documents'
             AND coalesce(b.status, '') NOT IN ('withdrawn', 'invited')
           GROUP BY b.process_id, coalesce(o.rid, b.tenderer_id)""",
    ),
    (
        "th_tally",
        """SELECT coalesce(w.process_id, c.process_id) AS process_id, w.amount AS win_amount, w.award_date,
                  w.winner_id, w.winners, w.paid_suppliers, w.paid_amount,
                  c.bidders, c.priced, c.positive, c.max_amount
           FROM (SELECT a.process_id, a.amount, a.award_date, s.winner_id,
                        CAST(coalesce(s.winners, 0) AS INTEGER) AS winners, s.paid_suppliers, s.paid_amount
                 FROM (SELECT process_id, CAST(sum(value_amount) AS DECIMAL(18, 2)) AS amount,
                              min(coalesce(date, transaction_date)) AS award_date
                       FROM award
                       WHERE coalesce(status, 'active') NOT IN ('cancelled', 'unsuccessful') AND value_amount > 0
                       GROUP BY process_id) a
                 LEFT JOIN (SELECT process_id, min(org_id) AS winner_id, count(*) AS winners,
                                   CAST(count(CASE WHEN amount > 0 THEN 1 END) AS INTEGER) AS paid_suppliers,
                                   CAST(sum(CASE WHEN amount > 0 THEN amount END) AS DECIMAL(18, 2)) AS paid_amount
                            FROM th_supplier GROUP BY process_id) s ON s.process_id = a.process_id) w
           FULL JOIN (SELECT process_id, CAST(count(*) AS INTEGER) AS bidders, CAST(count(amount) AS INTEGER) AS priced,
                             CAST(count(CASE WHEN amount > 0 THEN 1 END) AS INTEGER) AS positive,
                             max(amount) AS max_amount
                      FROM th_bid GROUP BY process_id) c ON c.process_id = w.process_id""",
    ),
    (
        "th_bid_stats",
        """SELECT count(CASE WHEN positive > 0 THEN 1 END) AS positive, count(CASE WHEN priced >= 2 THEN 1 END) AS priced,
                  count(CASE WHEN bidders >= 2 THEN 1 END) AS multi
           FROM th_tally""",
    ),
    (
        "th_method",
        """SELECT CAST(row_number() OVER (ORDER BY method_details) AS INTEGER) AS method_key, method_details
           FROM (SELECT DISTINCT method_details FROM process WHERE method_details IS NOT NULL) m""",
    ),
    (
        "th_process",
        """SELECT p.process_id, p.buyer_id, p.fiscal_year, p.reference_price AS ref, p.budget,
                  p.procurement_method, m.method_key, p.main_procurement_category AS category, p.date_published,
                  t.win_amount, t.award_date, t.winner_id, t.winners, t.paid_suppliers, t.paid_amount,
                  t.priced, t.positive, t.max_amount
           FROM process p
           LEFT JOIN th_tally t ON t.process_id = p.process_id
           LEFT JOIN th_method m ON m.method_details = p.method_details
           WHERE coalesce(p.tender_status, '') <> 'cancelled'""",
    ),
    ("th_winner", "SELECT process_id, winner_id FROM th_tally WHERE winners = 1"),
    (
        "th_bid_multi",
        """SELECT b.process_id, b.tenderer_id, b.amount
           FROM th_bid b JOIN th_tally c ON c.process_id = b.process_id WHERE c.bidders >= 2""",
    ),
    (
        "th_politician",
        "SELECT subject_id AS person_id, min(role) AS position FROM relation WHERE kind = 'holds_position' "
        "GROUP BY subject_id",
    ),
    (
        "th_director",
        """SELECT DISTINCT r.subject_id AS person_id, coalesce(o.rid, r.object_id) AS company_id
           FROM relation r LEFT JOIN th_alias o ON o.org_id = r.object_id
           WHERE r.kind = 'director_of'""",
    ),
)
