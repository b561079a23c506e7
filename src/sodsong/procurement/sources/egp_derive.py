"""Build processes, awards, contracts and organisations from every staged e-GP row.

Rows are grouped by project number into one process. Rows of one project that state the same
winner, agreed price and contract amount are one award (two files that both hold a row, e.g. an
extract and the original part, give one award, not two); distinct contract numbers keep awards
apart. When rows disagree on a field, the row from an original data.go.th layout wins over an
extract, then the file and line order decide, so the result never depends on import order.
Everything is rebuilt from `egp_row` in a few set-based statements.
"""

from __future__ import annotations

import duckdb

from sodsong.procurement.sources.organisations import add_name_keys, merge_organisations
from sodsong.procurement.warehouse.keys import EGP_OCID_PREFIX
from sodsong.procurement.warehouse.schema import table

__all__ = ["PERSON_TITLES", "derive_egp"]

# A winner named with one of these is a person, not a company.
PERSON_TITLES = ("นาย", "นาง", "นางสาว", "น.ส.", "ด.ต.", "ว่าที่", "พล.", "พ.ต.", "ร.ต.", "จ.ส.", "ส.ต.")


def _pick(column: str, order: str = "ord") -> str:
    return f"arg_min({column}, {order}) FILTER (WHERE {column} IS NOT NULL)"


def _cols(name: str, exprs: dict[str, str]) -> str:
    """A SELECT list in the table's column order; columns not given are NULL."""
    return ",\n  ".join(f"{exprs.get(c, 'NULL')} AS {c}" for c in table(name).column_names)


def derive_egp(con: duckdb.DuckDBPyConnection) -> None:
    """Replace every e-GP-derived row with a fresh derivation from `egp_row`."""
    add_name_keys(con, "egp_row", "winner_name", "egp_winner_key")
    con.execute(
        r"""
        CREATE OR REPLACE TEMP TABLE egp_keyed AS
        SELECT *, process_id || '/award/' || hashed(row_key || '|' ||
                  coalesce(contract_no, min(contract_no) OVER (PARTITION BY row_key), '')) AS award_id
        FROM (
            SELECT e.*, w.name_key AS winner_key,
                   egp_process_id(e.project_no) AS process_id,
                   printf('%d|%s|%012d', e.layout_rank, e.source_file_id, e.source_line) AS ord,
                   (CASE e.method_source WHEN 'column' THEN 0 WHEN 'project_name' THEN 1 ELSE 2 END)::VARCHAR
                     || printf('%d|%s|%012d', e.layout_rank, e.source_file_id, e.source_line) AS method_ord,
                   hashed(concat_ws('|', e.project_no, coalesce(w.name_key, e.winner_id, ''),
                          coalesce(e.agreed_price::VARCHAR, ''), coalesce(e.contract_amount::VARCHAR, ''))) AS row_key
            FROM egp_row e LEFT JOIN egp_winner_key w ON w.name = e.winner_name
        )
        """
    )
    like = f"{EGP_OCID_PREFIX}-%"
    for name in ("award_supplier", "contract", "award", "item", "bid", "process"):
        con.execute(f"DELETE FROM {name} WHERE process_id LIKE ?", [like])
    method = (
        "arg_min({'raw': method_raw, 'group': method_group_raw, 'details': method_details, "
        "'source': method_source, 'ocds': procurement_method}, method_ord)"
    )
    process = {
        "process_id": "process_id",
        "source_kind": "'egp_csv'",
        "project_no": "any_value(project_no)",
        "title": _pick("title"),
        "buyer_id": f"agency_id({_pick('agency')})",
        "buyer_name": _pick("agency"),
        "procuring_entity_id": f"CASE WHEN {_pick('sub_agency')} IS NOT NULL THEN "
        f"agency_id(arg_min(agency || ' / ' || sub_agency, ord) FILTER (WHERE sub_agency IS NOT NULL "
        "AND agency IS NOT NULL)) END",
        "procuring_entity_name": _pick("sub_agency"),
        "category_raw": _pick("category_raw"),
        "main_procurement_category": "arg_min(main_procurement_category, ord) FILTER (WHERE category_raw IS NOT NULL)",
        "method_raw": "m.raw",
        "method_group_raw": "m.group",
        "method_details": "m.details",
        "method_source": "m.source",
        "procurement_method": "m.ocds",
        "budget": _pick("budget"),
        "reference_price": _pick("reference_price"),
        "currency": "'THB'",
        "date_published": "arg_min(date_published, ord) FILTER (WHERE date_published_raw IS NOT NULL)",
        "date_published_raw": _pick("date_published_raw"),
        "fiscal_year": _pick("fiscal_year"),
        "status_details": _pick("project_status"),
        "tender_status": f"tender_status({_pick('project_status')})",
        "province": _pick("province"),
        "province_code": "arg_min(province_code, ord) FILTER (WHERE province IS NOT NULL)",
        "district": _pick("district"),
        "subdistrict": _pick("subdistrict"),
        "location_raw": _pick("location_raw"),
        "latitude": _pick("latitude"),
        "longitude": _pick("longitude"),
        "source_file_id": "arg_min(source_file_id, ord)",
        "source_line": "arg_min(source_line, ord)",
    }
    # The method fields come from one row (the best-sourced), so they always agree.
    inner = ",\n  ".join(f"{expr} AS {name}" for name, expr in process.items() if not expr.startswith("m."))
    outer = {name: (expr if expr.startswith("m.") else name) for name, expr in process.items()}
    con.execute(
        f"""
        INSERT INTO process
        SELECT {_cols("process", outer)} FROM (
            SELECT {method} AS m, {inner} FROM egp_keyed GROUP BY process_id
        )
        """
    )
    supplier = (
        "coalesce(company_id(" + _pick("winner_id") + "), name_org_id_from_key(" + _pick("winner_key") + "))"
    )
    award = {
        "award_id": "award_id",
        "process_id": "any_value(process_id)",
        "status": "CASE WHEN " + _pick("agreed_price") + " > 0 THEN 'active' ELSE 'pending' END",
        "transaction_date": "arg_min(transaction_date, ord) FILTER (WHERE transaction_date_raw IS NOT NULL)",
        "transaction_date_raw": _pick("transaction_date_raw"),
        "value_amount": _pick("agreed_price"),
        "currency": "'THB'",
        "winner_id_raw": "arg_min(winner_id_raw, ord)",
        "winner_id": _pick("winner_id"),
        "winner_id_status": "coalesce("
        + _pick("CASE WHEN winner_id IS NOT NULL THEN 'valid' END")
        + ", arg_min(winner_id_status, ord))",
        "winner_name": _pick("winner_name"),
        "source_file_id": "arg_min(source_file_id, ord)",
        "source_line": "arg_min(source_line, ord)",
    }
    con.execute(f"INSERT INTO award SELECT {_cols('award', award)} FROM egp_keyed GROUP BY award_id")
    con.execute(
        f"""
        INSERT INTO award_supplier
        SELECT award_id, supplier, process_id FROM (
            SELECT award_id, any_value(process_id) AS process_id, {supplier} AS supplier
            FROM egp_keyed GROUP BY award_id
        ) WHERE supplier IS NOT NULL
        """
    )
    contract = {
        "contract_id": "any_value(process_id) || '/contract/' || split_part(award_id, '/award/', 2)",
        "process_id": "any_value(process_id)",
        "award_id": "award_id",
        "contract_no": _pick("contract_no"),
        "date_signed": "arg_min(contract_signed, ord) FILTER (WHERE contract_signed_raw IS NOT NULL)",
        "date_signed_raw": _pick("contract_signed_raw"),
        "period_end": "arg_min(contract_end, ord) FILTER (WHERE contract_end_raw IS NOT NULL)",
        "period_end_raw": _pick("contract_end_raw"),
        "value_amount": _pick("contract_amount"),
        "currency": "'THB'",
        "status_details": _pick("contract_status"),
        "status": "contract_status(" + _pick("contract_status") + ")",
        "source_file_id": "arg_min(source_file_id, ord)",
        "source_line": "arg_min(source_line, ord)",
    }
    con.execute(
        f"""
        INSERT INTO contract SELECT {_cols("contract", contract)} FROM egp_keyed GROUP BY award_id
        HAVING count(contract_no) + count(contract_signed_raw) + count(contract_end_raw)
               + count(contract_amount) + count(contract_status) > 0
        """
    )
    _derive_provenance(con)
    _derive_organisations(con, supplier)


def _derive_provenance(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "DELETE FROM source_row WHERE status <> 'rejected' AND source_file_id IN "
        "(SELECT source_file_id FROM source_file WHERE source_kind = 'egp_csv')"
    )
    con.execute(
        """
        INSERT INTO source_row
        SELECT source_file_id, source_line,
               CASE WHEN row_number() OVER (PARTITION BY award_id ORDER BY ord) = 1 THEN 'imported' ELSE 'merged' END,
               process_id, 'award', award_id
        FROM egp_keyed
        """
    )


def _derive_organisations(con: duckdb.DuckDBPyConnection, supplier: str) -> None:
    titles = " OR ".join(f"starts_with(name, '{t}')" for t in PERSON_TITLES)
    org = {
        "org_id": "org_id",
        "kind": "kind",
        "name": "name",
        "name_key": "name_key",
        "juristic_id": "juristic_id",
        "resolved_id": "org_id",
        "parent_id": "parent_id",
        "ftm_schema": "ftm_schema",
        "source_kind": "'egp_csv'",
        "source_file_id": "source_file_id",
        "source_line": "source_line",
    }
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE egp_orgs AS
        SELECT {_cols("organisation", org)} FROM (
            SELECT agency_id(agency) AS org_id, 'agency' AS kind, arg_min(agency, ord) AS name,
                   fold(any_value(agency)) AS name_key, NULL AS juristic_id, NULL AS parent_id,
                   'PublicBody' AS ftm_schema, arg_min(source_file_id, ord) AS source_file_id,
                   arg_min(source_line, ord) AS source_line
            FROM egp_keyed WHERE agency IS NOT NULL GROUP BY 1
            UNION ALL
            SELECT agency_id(agency || ' / ' || sub_agency), 'agency', arg_min(sub_agency, ord),
                   fold(any_value(sub_agency)), NULL, agency_id(any_value(agency)), 'PublicBody',
                   arg_min(source_file_id, ord), arg_min(source_line, ord)
            FROM egp_keyed WHERE agency IS NOT NULL AND sub_agency IS NOT NULL GROUP BY 1
            UNION ALL
            SELECT org_id, CASE WHEN bool_or(person) THEN 'person' ELSE 'company' END,
                   arg_min(name, ord), any_value(winner_key), any_value(winner_id), NULL,
                   CASE WHEN bool_or(person) THEN 'Person' ELSE 'Company' END,
                   arg_min(source_file_id, ord), arg_min(source_line, ord)
            FROM (
                SELECT {supplier} AS org_id, coalesce({_pick("winner_name")}, {_pick("winner_id")}) AS name,
                       min(ord) AS ord,
                       {_pick("winner_key")} AS winner_key, {_pick("winner_id")} AS winner_id,
                       bool_or(winner_id_status = 'person_id_withheld') AS person,
                       arg_min(source_file_id, ord) AS source_file_id, arg_min(source_line, ord) AS source_line
                FROM egp_keyed GROUP BY award_id
            ) WHERE org_id IS NOT NULL GROUP BY org_id
        )
        """
    )
    con.execute(
        f"UPDATE egp_orgs SET kind = 'person', ftm_schema = 'Person' WHERE kind = 'company' AND juristic_id IS NULL "
        f"AND ({titles})"
    )
    merge_organisations(con, "egp_orgs", "egp_csv")
