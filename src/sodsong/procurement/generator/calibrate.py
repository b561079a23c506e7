"""The measurements behind vocab.py, taken from a warehouse holding the real e-GP rows.

    sodsong import egp data/egp/*.csv
    python -m sodsong.procurement.generator.calibrate [synthetic]   # every measurement as JSON

docs/synthetic-data.md lists the results and what the generator does with each.
"""

from __future__ import annotations

import json
from typing import Any

import duckdb

__all__ = ["MEASUREMENTS", "measure"]

MEASUREMENTS: dict[str, str] = {
    "processes": "SELECT count(*) FROM process WHERE source_kind = 'egp_csv'",
    "agencies": "SELECT count(DISTINCT buyer_id) FROM process WHERE source_kind = 'egp_csv'",
    "winners": "SELECT count(DISTINCT org_id) FROM award_supplier JOIN process USING (process_id) "
    "WHERE source_kind = 'egp_csv'",
    "fiscal_years": "SELECT fiscal_year, count(*) FROM process WHERE source_kind = 'egp_csv' GROUP BY 1 ORDER BY 1",
    "methods": "SELECT coalesce(method_details, '-'), count(*) FROM process WHERE source_kind = 'egp_csv' "
    "GROUP BY 1 ORDER BY 2 DESC",
    "categories": "SELECT category_raw, count(*) FROM process WHERE source_kind = 'egp_csv' GROUP BY 1 ORDER BY 2 DESC",
    "publication_months": "SELECT month(date_published), count(*) FROM process WHERE source_kind = 'egp_csv' "
    "AND date_published IS NOT NULL GROUP BY 1 ORDER BY 1",
    "provinces": "SELECT province_code, count(*) FROM process WHERE source_kind = 'egp_csv' GROUP BY 1 ORDER BY 2 DESC",
    # log-normal reference prices per method and category: geometric mean and sd of ln
    "reference_price": "SELECT procurement_method || '/' || main_procurement_category, count(*), "
    "round(exp(avg(ln(reference_price)))), round(stddev(ln(reference_price)), 2) FROM process "
    "WHERE source_kind = 'egp_csv' AND reference_price > 0 AND procurement_method IS NOT NULL GROUP BY 1 ORDER BY 1",
    "agency_size_quantiles": "SELECT quantile_cont(n, [0.5, 0.9, 0.99]), max(n), max(n) / sum(n) FROM "
    "(SELECT buyer_id, count(*) AS n FROM process WHERE source_kind = 'egp_csv' GROUP BY 1)",
    "reference_equals_budget": "SELECT avg((reference_price = budget)::INTEGER), avg((reference_price > budget)::INTEGER), "
    "quantile_cont(reference_price / budget, [0.05, 0.25]) FROM process "
    "WHERE source_kind = 'egp_csv' AND budget > 0 AND reference_price > 0",
    "win_ratio": "SELECT p.procurement_method, count(*), avg((a.value_amount = p.reference_price)::INTEGER), "
    "quantile_cont(a.value_amount / p.reference_price, [0.05, 0.25, 0.5]) FROM award a JOIN process p USING (process_id) "
    "WHERE p.source_kind = 'egp_csv' AND p.reference_price > 0 AND a.value_amount > 0 "
    "AND p.procurement_method IS NOT NULL GROUP BY 1 ORDER BY 1",
    "contract_equals_award": "SELECT avg((c.value_amount = a.value_amount)::INTEGER), "
    "avg((c.value_amount > a.value_amount)::INTEGER) FROM contract c JOIN award a USING (award_id) "
    "JOIN process p ON p.process_id = a.process_id WHERE p.source_kind = 'egp_csv' AND a.value_amount > 0",
    "statuses": "SELECT status_details, count(*) FROM process WHERE source_kind = 'egp_csv' GROUP BY 1 ORDER BY 2 DESC",
    "contract_days": "SELECT quantile_cont(period_end - date_signed, [0.1, 0.5, 0.9]) FROM contract c "
    "JOIN process p USING (process_id) WHERE p.source_kind = 'egp_csv'",
}


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (int, float, str)) or value is None:
        return value
    return float(value)


def measure(con: duckdb.DuckDBPyConnection, source_kind: str = "egp_csv") -> dict[str, Any]:
    """Every measurement over the processes of one source kind (`egp_csv`: the real rows;
    `synthetic`: to compare the generator with them): one row as a list, several as a list of lists."""
    if source_kind not in ("egp_csv", "synthetic"):
        raise ValueError(f"source_kind must be egp_csv or synthetic, got {source_kind!r}")
    result: dict[str, Any] = {}
    for name, sql in MEASUREMENTS.items():
        rows = [_plain(list(r)) for r in con.execute(sql.replace("'egp_csv'", f"'{source_kind}'")).fetchall()]
        result[name] = rows[0] if len(rows) == 1 and len(rows[0]) > 1 else rows
    return result


if __name__ == "__main__":  # pragma: no cover - a maintenance helper
    import sys

    from sodsong.procurement import warehouse

    with warehouse.open() as con:
        print(json.dumps(measure(con, *sys.argv[1:2]), ensure_ascii=False, indent=1))
