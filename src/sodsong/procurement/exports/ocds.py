"""Every process as an OCDS compiled release, one JSON object per line.

OCDS-sourced processes are written as compiled on import. Every other process (e-GP rows, the
synthetic generator) is built in DuckDB following the e-GP -> OCDS mapping table of
docs/warehouse.md exactly; fields the warehouse does not have are left out, never invented.
Money is a JSON number, dates are ISO 8601 in CE with Thailand's offset.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import duckdb
import orjson

__all__ = ["LANGUAGE", "releases"]

LANGUAGE = "th"
THAI_OFFSET = "+07:00"


def _iso(column: str) -> str:
    return (
        f"CASE WHEN {column} IS NOT NULL THEN strftime({column}, '%Y-%m-%d') || 'T00:00:00{THAI_OFFSET}' END"
    )


def _money(column: str, currency: str = "'THB'") -> str:
    return f"CASE WHEN {column} IS NOT NULL THEN {{'amount': CAST({column} AS DOUBLE), 'currency': coalesce({currency}, 'THB')}} END"


_RELEASE = f"""
WITH supplier AS (
    SELECT s.award_id, s.process_id, s.org_id,
           coalesce(a.winner_name, o.name) AS name,
           CASE WHEN s.org_id LIKE 'th-dbd-%' THEN {{'scheme': 'TH-DBD', 'id': substr(s.org_id, 8)}} END AS identifier
    FROM award_supplier s JOIN award a USING (award_id) LEFT JOIN organisation o USING (org_id)
    WHERE s.process_id IN (SELECT process_id FROM process WHERE source_kind <> 'ocds')
),
awards AS (
    SELECT a.process_id, list({{
        'id': split_part(a.award_id, '/award/', 2),
        'status': a.status,
        'value': {_money("a.value_amount", "a.currency")},
        'suppliers': (SELECT list({{'id': s.org_id, 'name': s.name}} ORDER BY s.org_id) FROM supplier s
                      WHERE s.award_id = a.award_id)
    }} ORDER BY a.award_id) AS awards
    FROM award a WHERE a.process_id IN (SELECT process_id FROM process WHERE source_kind <> 'ocds') GROUP BY 1
),
contracts AS (
    SELECT c.process_id, list({{
        'id': CASE WHEN c.contract_no IS NOT NULL AND c.same_no = 1 THEN c.contract_no
                   ELSE coalesce(c.contract_no || '-', '') || split_part(c.contract_id, '/contract/', 2) END,
        'awardID': split_part(c.award_id, '/award/', 2),
        'dateSigned': {_iso("c.date_signed")},
        'period': CASE WHEN c.period_end IS NOT NULL THEN {{'endDate': {_iso("c.period_end")}}} END,
        'value': {_money("c.value_amount", "c.currency")},
        'status': c.status,
        'statusDetails': c.status_details
    }} ORDER BY c.contract_id) AS contracts
    FROM (SELECT *, count(*) OVER (PARTITION BY process_id, contract_no) AS same_no FROM contract
          WHERE process_id IN (SELECT process_id FROM process WHERE source_kind <> 'ocds')) c
    GROUP BY c.process_id
),
supplier_parties AS (
    SELECT process_id, list({{'id': org_id, 'name': name, 'identifier': identifier, 'roles': ['supplier']}}
                            ORDER BY org_id) AS parties
    FROM (SELECT process_id, org_id, min(name) AS name, any_value(identifier) AS identifier FROM supplier GROUP BY 1, 2)
    GROUP BY 1
)
SELECT p.process_id, {{
    'ocid': p.process_id,
    'id': p.process_id || '-compiled',
    'date': coalesce({_iso("greatest(p.date_published, (SELECT max(transaction_date) FROM award x WHERE x.process_id = p.process_id))")},
                     {_iso("p.date_published")}),
    'tag': ['compiled'],
    'initiationType': 'tender',
    'language': '{LANGUAGE}',
    'parties': list_concat(
        CASE WHEN p.buyer_id IS NOT NULL THEN [{{'id': p.buyer_id, 'name': p.buyer_name, 'identifier': NULL, 'roles': ['buyer']}}] ELSE [] END,
        CASE WHEN p.procuring_entity_id IS NOT NULL THEN [{{'id': p.procuring_entity_id, 'name': p.procuring_entity_name,
              'identifier': NULL, 'roles': ['procuringEntity']}}] ELSE [] END,
        coalesce(sp.parties, [])),
    'buyer': CASE WHEN p.buyer_id IS NOT NULL THEN {{'id': p.buyer_id, 'name': p.buyer_name}} END,
    'planning': CASE WHEN p.budget IS NOT NULL THEN {{'budget': {{'amount': {_money("p.budget", "p.currency")}}}}} END,
    'tender': {{
        'id': p.project_no,
        'title': p.title,
        'status': p.tender_status,
        'statusDetails': p.status_details,
        'procuringEntity': CASE WHEN p.procuring_entity_id IS NOT NULL
                                THEN {{'id': p.procuring_entity_id, 'name': p.procuring_entity_name}} END,
        'procurementMethod': p.procurement_method,
        'procurementMethodDetails': p.method_details,
        'mainProcurementCategory': p.main_procurement_category,
        'value': {_money("p.reference_price", "p.currency")},
        'datePublished': {_iso("p.date_published")},
        'items': CASE WHEN coalesce(p.province, p.district, p.subdistrict, p.location_raw) IS NOT NULL
                        OR p.latitude IS NOT NULL THEN [{{
            'id': '1',
            'deliveryAddress': CASE WHEN coalesce(p.province, p.district, p.subdistrict) IS NOT NULL
                THEN {{'streetAddress': p.subdistrict, 'locality': p.district, 'region': p.province}} END,
            'deliveryLocation': CASE WHEN p.latitude IS NOT NULL AND p.longitude IS NOT NULL THEN {{
                'description': p.location_raw,
                'geometry': {{'type': 'Point', 'coordinates': [p.longitude, p.latitude]}}}}
                WHEN p.location_raw IS NOT NULL THEN {{'description': p.location_raw, 'geometry': NULL}} END
        }}] END
    }},
    'awards': a.awards,
    'contracts': c.contracts
}} AS release
FROM process p
LEFT JOIN awards a USING (process_id)
LEFT JOIN contracts c USING (process_id)
LEFT JOIN supplier_parties sp USING (process_id)
WHERE p.source_kind <> 'ocds'
"""


def _prune(value: Any) -> Any:
    """Drop nulls, empty objects and empty lists (OCDS omits what is unknown)."""
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v is not None and v != {} and v != []}
    if isinstance(value, list):
        items = [_prune(v) for v in value]
        return [v for v in items if v is not None and v != {} and v != []]
    return value


def releases(con: duckdb.DuckDBPyConnection, *, batch: int = 2000) -> Iterator[bytes]:
    """Every process's compiled release as JSON bytes (no newline), ordered by ocid."""
    cursor = con.cursor()
    cursor.execute(
        f"SELECT process_id, to_json(release)::VARCHAR FROM ({_RELEASE}) "
        "UNION ALL SELECT process_id, release FROM ocds_compiled ORDER BY 1"
    )
    try:
        while rows := cursor.fetchmany(batch):
            for _process_id, text in rows:
                yield orjson.dumps(_prune(orjson.loads(text)))
    finally:
        cursor.close()
