"""Rows as JSON and CSV, with the licence and source credit every download carries."""

from __future__ import annotations

from typing import Any

from sodsong.procurement.search.engine import Count, Index, OrgRow, ProjectRow
from sodsong.procurement.search.query import SearchRequest

__all__ = [
    "LICENCE",
    "LICENCE_ASCII",
    "ORG_CSV_HEADER",
    "PROJECT_CSV_HEADER",
    "attribution",
    "count_json",
    "org_csv_row",
    "org_json",
    "project_csv_row",
    "project_json",
    "search_json",
]

LICENCE = {
    "name": "Creative Commons Attribution 4.0 (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "source": "Thai e-GP open data, Comptroller General's Department, via data.go.th",
    "source_th": "ข้อมูลเปิดระบบการจัดซื้อจัดจ้างภาครัฐ (e-GP) กรมบัญชีกลาง เผยแพร่ผ่าน data.go.th",
}
LICENCE_ASCII = "CC BY 4.0; e-GP open data (data.go.th); compiled by Sodsong"
CSV_ATTRIBUTION = "e-GP open data, data.go.th, CC BY 4.0"

PROJECT_CSV_HEADER = [
    "process_id", "project_no", "title", "buyer_id", "buyer_name", "procuring_entity_id", "procuring_entity_name",
    "province_code", "fiscal_year", "procurement_method", "method_details", "category", "category_raw", "status",
    "budget", "reference_price", "contract_value", "winner_id", "winner_name", "flags", "indicators",
    "date_published", "attribution",
]  # fmt: skip
ORG_CSV_HEADER = [
    "org_id", "kind", "name", "juristic_id", "province_code", "projects", "budget", "contract_value", "flagged",
    "wins", "won_value", "bids", "attribution",
]  # fmt: skip


def attribution(idx: Index) -> list[dict[str, str]]:
    """Each source file's own credit line (`source_file.attribution`)."""
    rows = idx.con.execute(
        "SELECT source_file_id, source_kind, file_name, attribution FROM source WHERE attribution IS NOT NULL"
    )
    return [
        {"source_file_id": r[0], "source_kind": r[1], "file_name": r[2], "attribution": r[3]} for r in rows
    ]


def project_json(row: ProjectRow) -> dict[str, Any]:
    return {
        "process_id": row.process_id,
        "project_no": row.project_no,
        "title": row.title,
        "buyer": {"org_id": row.buyer_id, "name": row.buyer_name} if row.buyer_id else None,
        "procuring_entity": {"org_id": row.entity_id, "name": row.entity_name} if row.entity_id else None,
        "province_code": row.province_code,
        "fiscal_year": row.fiscal_year,
        "procurement_method": row.method,
        "method_details": row.method_details,
        "category": row.category,
        "category_raw": row.category_raw,
        "status": row.status,
        "budget": row.budget,
        "reference_price": row.reference_price,
        "contract_value": row.contract_value,
        "winner": {"org_id": row.winner_id, "name": row.winner_name}
        if (row.winner_id or row.winner_name)
        else None,
        "flags": row.flags,
        "indicators": row.indicator_codes,
        "date_published": row.date_published,
        "url": f"/procurement/project/{row.process_id}",
    }


def org_json(org: OrgRow) -> dict[str, Any]:
    role = "agency" if org.is_agency else "company"
    return {
        "org_id": org.org_id,
        "kind": org.kind,
        "name": org.name,
        "juristic_id": org.juristic_id,
        "province_code": org.province_code,
        "projects": org.projects,
        "budget": org.budget,
        "contract_value": org.contract_value,
        "flagged": org.flagged,
        "wins": org.wins,
        "won_value": org.won_value,
        "bids": org.bids,
        "url": f"/procurement/{role}/{org.org_id}",
    }


def project_csv_row(row: ProjectRow) -> list[Any]:
    return [
        row.process_id, row.project_no, row.title, row.buyer_id, row.buyer_name, row.entity_id, row.entity_name,
        row.province_code, row.fiscal_year, row.method, row.method_details, row.category, row.category_raw,
        row.status, row.budget, row.reference_price, row.contract_value, row.winner_id, row.winner_name, row.flags,
        row.indicators or "", row.date_published, CSV_ATTRIBUTION,
    ]  # fmt: skip


def org_csv_row(org: OrgRow) -> list[Any]:
    return [
        org.org_id, org.kind, org.name, org.juristic_id, org.province_code, org.projects, org.budget,
        org.contract_value, org.flagged, org.wins, org.won_value, org.bids, CSV_ATTRIBUTION,
    ]  # fmt: skip


def count_json(count: Count) -> dict[str, Any]:
    return {"n": count.n, "exact": count.exact}


def search_json(idx: Index, req: SearchRequest, base_url: str) -> dict[str, Any]:
    """One page of a search as JSON (the `.json` twin of the search page)."""
    body: dict[str, Any] = {
        "licence": LICENCE,
        "attribution": attribution(idx),
        "query": req.query.text,
        "kind": req.kind,
        "page": req.page,
        "errors": [{"field": f, "expected": e} for f, e in req.errors],
    }
    if req.kind == "projects":
        results = idx.projects(req, summary=False)
        body["count"] = count_json(results.count)
        body["rows"] = [project_json(r) for r in results.rows]
        more = len(results.rows) == req.per_page and (
            req.page * req.per_page < results.count.n or not results.count.exact
        )
    else:
        orgs, count = idx.orgs(req, "agency" if req.kind == "agencies" else "company")
        body["count"] = count_json(count)
        body["rows"] = [org_json(o) for o in orgs]
        more = req.page * req.per_page < count.n
    body["next"] = base_url + req.url(page=req.page + 1) if more else None
    return body
