# ruff: noqa: S608 - every statement is built from the constants of the generator, never from input
"""The ground truth: one row per planted anomaly, with the ids it will have in the warehouse.

Columns `indicator, subject_kind, subject_id, process_id, details` (subject kinds as in
docs/flags.md; a pair is the two org ids joined by `|` in sorted order; process_id is empty for
anomalies that are not about one process). docs/synthetic-data.md says how each is planted.
"""

from __future__ import annotations

from sodsong.procurement.generator.plan import PROCESS_CODES, Sizes
from sodsong.procurement.generator.tables import PID

__all__ = ["COLUMNS", "truth_query"]

COLUMNS = ("indicator", "subject_kind", "subject_id", "process_id", "details")


def _code(pcode: int) -> str:
    return f"'{PROCESS_CODES[pcode - 1]}'"


def truth_query(z: Sizes, base: str) -> str:
    """SELECT of every planted anomaly, sorted."""
    read = f"read_parquet('{base}')"
    org = "(SELECT cidx, org_id, registration_date FROM company)"
    pair = (
        "CASE WHEN a.org_id < b.org_id THEN a.org_id || '|' || b.org_id ELSE b.org_id || '|' || a.org_id END"
    )
    price = "json_object('winning_bid', win_amount, 'reference_price', ref, 'ratio', round(w, 4))::VARCHAR"
    simple = ", ".join(str(c) for c in range(1, 12))
    names = "[" + ", ".join(f"'{c}'" for c in PROCESS_CODES) + "]"
    return f"""
    SELECT * FROM (
        SELECT {names}[pcode] AS indicator, 'process' AS subject_kind, {PID} AS subject_id, {PID} AS process_id,
               CASE WHEN pcode = 10 THEN json_object('reference_price', ref, 'budget', budget)::VARCHAR
                    WHEN pcode = 11 THEN json_object('method', 'เฉพาะเจาะจง', 'date_published', date_published)::VARCHAR
                    WHEN pcode = 9 THEN json_object('priced_bids', np, 'method', 'e-bidding')::VARCHAR
                    ELSE {price} END AS details
        FROM {read} WHERE pcode IN ({simple})
        UNION ALL
        SELECT {_code(12)}, 'pair', {pair}, {PID},
               json_object('shared', CASE WHEN i % 2 = 0 THEN 'director' ELSE 'address' END)::VARCHAR
        FROM {read} JOIN {org} a ON a.cidx = special0 JOIN {org} b ON b.cidx = special1 WHERE pcode = 12
        UNION ALL
        SELECT {names}[pcode], CASE WHEN pcode = 13 THEN 'tenderer' ELSE 'company' END, a.org_id,
               CASE WHEN pcode IN (13, 14) THEN {PID} END,
               CASE WHEN pcode = 14 THEN json_object('registration_date', a.registration_date, 'award_date', award_date)::VARCHAR
                    ELSE json_object('won', {PID})::VARCHAR END
        FROM {read} JOIN {org} a ON a.cidx = special0 WHERE pcode BETWEEN 13 AND 18
        UNION ALL
        SELECT 'TH-SPLITTING', 'process', {PID}, {PID},
               json_object('group', blk, 'supplier', a.org_id, 'amount', win_amount)::VARCHAR
        FROM {read} JOIN {org} a ON a.cidx = special0 WHERE bcode = 1
        UNION ALL
        SELECT 'TH-FREQUENT-COBIDDERS', 'pair', {pair}, NULL,
               json_object('co_bids', count(*), 'winner', min(a.org_id))::VARCHAR
        FROM {read} JOIN {org} a ON a.cidx = special0 JOIN {org} b ON b.cidx = special1 WHERE bcode = 2
        GROUP BY blk, a.org_id, b.org_id
        UNION ALL
        SELECT 'TH-CONCENTRATION', 'agency', 'th-agency-syn' || ag, NULL,
               json_object('supplier', min(a.org_id), 'share', 1.0, 'awards', count(*))::VARCHAR
        FROM {read} JOIN {org} a ON a.cidx = special0 WHERE bcode = 3 GROUP BY ag
        UNION ALL
        SELECT 'TH-NON-OPEN-SHARE', 'agency', 'th-agency-syn' || ag, NULL,
               json_object('non_open_share', 1.0, 'processes', count(*))::VARCHAR
        FROM {read} WHERE bcode = 4 GROUP BY ag
    ) ORDER BY indicator, subject_kind, subject_id, process_id NULLS FIRST
    """
