"""Shared relations every Thai flag reads, built once per run (DuckDB dialect, like the flags).

- `th_org`: each organisation and the one it resolves to (confirmed name matches);
- `th_alias`: only the organisations that resolve to another one (few): the big relations
  resolve their organisations through it, a join with a small table instead of every
  organisation (`coalesce(a.rid, x)` is the same as `coalesce(th_org.rid, x)`);
- `th_supplier`: per process and resolved supplier, the awarded amount and the award date;
- `th_win`: per process, the agreed price of its active awards (ราคาตกลง) and its winner(s),
  and how many suppliers were awarded an amount above 0 and their total (every process with
  such a supplier has a `th_win` row: its active awards add up to more than 0);
- `th_winner`: `th_win`'s process and winner where one supplier won, all the flags read of it
  once `th_process` carries the rest (`th_win` is dropped after: half its size, about 0.7 GB at
  10 M projects, less to keep in memory or spill);
- `th_bid`: per process and resolved bidder who got past buying the documents, the price
  offered (summed over items; null when the bid was not priced);
- `th_bid_count`: per process with a `th_bid` row, its bidders, priced bids, bids above 0 and
  highest bid (the readiness counts and the candidate processes of the bid-list flags);
- `th_bid_multi`: the `th_bid` rows of processes with two bidders or more, the only ones the
  flags comparing bidders of one process can fire on;
- `th_method`: each distinct method text (`method_details`, Thai) and a small integer key for
  it: `th_process` carries the key, not the text (at 10 M processes the text was about 0.6 GB of
  the relations kept in memory), and the flags that match the text against a pattern match each
  distinct text once and join the key;
- `th_process`: processes not cancelled, with money as DECIMAL and the method and dates, and
  their `th_win` and `th_bid_count` rows beside them (`win_amount` null without a win,
  `bidders` null without a bid): most flags read a process with its win or its bid counts, so
  the joins are made once here, not once per flag. The two narrow relations (one row per
  process each) are joined first and the process joins the result once: one hash join carrying
  the process's wide columns (method text in Thai, ids) instead of two;
- `th_politician`: persons holding or having held a public position (politicians and officials
  who declare assets), from `relation.kind = 'holds_position'`;
- `th_director`: directors of companies, companies resolved.

Sums of amounts are kept as DECIMAL(18, 2), the type of the amounts summed (a sum is DECIMAL(38,
2), twice the bytes; 18 digits are 10^16 baht, far above any process): with `th_win` dropped
before `th_bid_multi` is built (the order here), the 10 M run spills about 0.6 GB less.
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
        "th_win",
        """SELECT a.process_id, a.amount, a.award_date, s.winner_id, coalesce(s.winners, 0) AS winners,
                  s.paid_suppliers, s.paid_amount
           FROM (SELECT process_id, CAST(sum(value_amount) AS DECIMAL(18, 2)) AS amount, min(coalesce(date, transaction_date)) AS award_date
                 FROM award
                 WHERE coalesce(status, 'active') NOT IN ('cancelled', 'unsuccessful') AND value_amount > 0
                 GROUP BY process_id) a
           LEFT JOIN (SELECT process_id, min(org_id) AS winner_id, count(*) AS winners,
                             count(CASE WHEN amount > 0 THEN 1 END) AS paid_suppliers,
                             CAST(sum(CASE WHEN amount > 0 THEN amount END) AS DECIMAL(18, 2)) AS paid_amount
                      FROM th_supplier GROUP BY process_id) s ON s.process_id = a.process_id""",
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
        "th_bid_count",
        """SELECT process_id, count(*) AS bidders, count(amount) AS priced,
                  count(CASE WHEN amount > 0 THEN 1 END) AS positive, max(amount) AS max_amount
           FROM th_bid GROUP BY process_id""",
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
                  wc.win_amount, wc.award_date, wc.winner_id, wc.winners, wc.paid_suppliers, wc.paid_amount,
                  wc.bidders, wc.priced, wc.max_amount
           FROM process p
           LEFT JOIN (SELECT coalesce(w.process_id, c.process_id) AS process_id, w.amount AS win_amount,
                             w.award_date, w.winner_id, w.winners, w.paid_suppliers, w.paid_amount,
                             c.bidders, c.priced, c.max_amount
                      FROM th_win w FULL JOIN th_bid_count c ON c.process_id = w.process_id) wc
             ON wc.process_id = p.process_id
           LEFT JOIN th_method m ON m.method_details = p.method_details
           WHERE coalesce(p.tender_status, '') <> 'cancelled'""",
    ),
    ("th_winner", "SELECT process_id, winner_id FROM th_win WHERE winners = 1"),
    (
        "th_bid_multi",
        """SELECT b.process_id, b.tenderer_id, b.amount
           FROM th_bid b JOIN th_bid_count c ON c.process_id = b.process_id WHERE c.bidders >= 2""",
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
