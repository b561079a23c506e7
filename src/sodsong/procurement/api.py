"""The procurement API (mounted at /api/procurement/): search, project, agency, company, flags.

Lists use cursor pagination: each answer carries `next_cursor`; pass it back as `cursor` to get
the next page (null when there is none). Every answer carries the data licence and the source
credit. Wrong parameter values get a 422 answer naming the parameter and what was expected.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

import duckdb
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from sodsong.procurement import page_json
from sodsong.procurement.search import exports
from sodsong.procurement.search.engine import open_index
from sodsong.procurement.search.labels import DISCLAIMER_TH, indicator_title
from sodsong.procurement.search.org_pages import agency_page, company_page
from sodsong.procurement.search.pages import project_page
from sodsong.procurement.search.query import KINDS, SearchRequest, parse_request
from sodsong.procurement.search.store import NoIndexError, connect_details

router = Router(tags=["procurement"])

MAX_LIMIT = 100
FLAG_COLUMNS = (
    "flag_id, indicator, family, subject_kind, subject_id, process_id, org_id, fiscal_year, value, details"
)


class Licence(Schema):
    name: str
    url: str
    source: str
    source_th: str


class CountOut(Schema):
    n: int
    exact: bool


class SearchParams(Schema):
    q: str | None = None
    kind: str | None = None
    fy: str | None = None
    agency: str | None = None
    parent: str | None = None
    province: str | None = None
    method: str | None = None
    category: str | None = None
    status: str | None = None
    min: str | None = None
    max: str | None = None
    flagged: str | None = None
    sort: str | None = None
    cursor: str | None = None
    limit: int = 20


class SearchOut(Schema):
    licence: Licence
    attribution: list[dict[str, Any]]
    query: str
    kind: str
    count: CountOut
    rows: list[dict[str, Any]]
    next_cursor: str | None


class FlagParams(Schema):
    indicator: str | None = None
    fiscal_year: int | None = None
    process_id: str | None = None
    org_id: str | None = None
    cursor: str | None = None
    limit: int = 50


class FlagsOut(Schema):
    licence: Licence
    disclaimer: str
    rows: list[dict[str, Any]]
    next_cursor: str | None


def _encode(value: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def _decode(cursor: str | None) -> dict[str, Any]:
    if not cursor:
        return {}
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise HttpError(422, "cursor: expected a next_cursor value from a previous answer") from None
    if not isinstance(value, dict):
        raise HttpError(422, "cursor: expected a next_cursor value from a previous answer")
    return value


def _limit(limit: int, most: int = MAX_LIMIT) -> int:
    if not 1 <= limit <= most:
        raise HttpError(422, f"limit: expected a number from 1 to {most}")
    return limit


def _open() -> Any:
    try:
        return open_index()
    except NoIndexError:
        raise HttpError(503, "no procurement data has been indexed yet") from None


@router.get("/search", response=SearchOut, summary="Search projects, agencies or contractors")
def search(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    """The search box and filters of /procurement/search, as JSON. `kind`: projects (default),
    agencies or companies. Counts are exact unless `count.exact` is false (more than `count.n`)."""
    raw = {k: v for k, v in params.dict().items() if isinstance(v, str)}
    limit = _limit(params.limit)
    if params.kind and params.kind not in KINDS:
        raise HttpError(422, "kind: expected one of " + ", ".join(KINDS))
    req = parse_request(raw)
    if req.errors:
        raise HttpError(422, "; ".join(f"{field}: expected {expected}" for field, expected in req.errors))
    cursor = _decode(params.cursor)
    with _open() as idx:
        body: dict[str, Any] = {
            "licence": exports.LICENCE,
            "attribution": exports.attribution(idx),
            "query": req.query.text,
            "kind": req.kind,
        }
        if req.kind == "projects" and req.sort == "newest":
            count = idx.projects(
                SearchRequest(query=req.query, filters=req.filters, per_page=1), summary=False
            ).count
            after = int(cursor.get("after", 0)) if str(cursor.get("after", 0)).isdecimal() else 0
            rows = idx.projects_after(req, after, limit + 1)
            more = len(rows) > limit
            rows = rows[:limit]
            body["rows"] = [exports.project_json(r) for r in rows]
            body["next_cursor"] = _encode({"after": rows[-1].rowid}) if more and rows else None
        else:
            offset = cursor.get("offset", 0)
            if not isinstance(offset, int) or not 0 <= offset <= 10_000:
                raise HttpError(422, "cursor: expected a next_cursor value from a previous answer")
            page_req = SearchRequest(
                query=req.query,
                filters=req.filters,
                kind=req.kind,
                sort=req.sort,
                page=1,
                per_page=offset + limit,
            )
            if req.kind == "projects":
                results = idx.projects(page_req, summary=False)
                items = [exports.project_json(r) for r in results.rows[offset:]]
                count = results.count
            else:
                orgs, count = idx.orgs(page_req, "agency" if req.kind == "agencies" else "company")
                items = [exports.org_json(o) for o in orgs[offset:]]
            body["rows"] = items
            more = len(items) == limit and offset + limit < min(count.n, 10_000)
            body["next_cursor"] = _encode({"offset": offset + limit}) if more else None
        body["count"] = exports.count_json(count)
        return body


def _warehouse(idx: Any) -> duckdb.DuckDBPyConnection:
    """The page details that go with the index (a cursor; close it after use)."""
    return connect_details(idx.location.path)


@router.get(
    "/projects/{process_id}", response=dict[str, Any], summary="One project with bids, contracts and flags"
)
def project(request: HttpRequest, process_id: str) -> dict[str, Any]:
    with _open() as idx:
        con = _warehouse(idx)
        try:
            page = project_page(con, idx, process_id[:200])
        finally:
            con.close()
        if page is None:
            raise HttpError(404, f"no project {process_id[:200]}")
        return page_json.project(page)


@router.get(
    "/agencies/{org_id}", response=dict[str, Any], summary="One agency: spending by year, winners, flags"
)
def agency(request: HttpRequest, org_id: str) -> dict[str, Any]:
    with _open() as idx:
        org = idx.org(org_id[:200])
        if org is None or not org.is_agency:
            raise HttpError(404, f"no agency {org_id[:200]}")
        con = _warehouse(idx)
        try:
            page = agency_page(con, idx, org)
        finally:
            con.close()
        return page_json.agency(org, page)


@router.get(
    "/companies/{org_id}", response=dict[str, Any], summary="One company: registry, work won, relations"
)
def company(request: HttpRequest, org_id: str) -> dict[str, Any]:
    with _open() as idx:
        org = idx.org(org_id[:200])
        if org is None or org.is_agency:
            raise HttpError(404, f"no company {org_id[:200]}")
        con = _warehouse(idx)
        try:
            page = company_page(con, idx, org)
        finally:
            con.close()
        return page_json.company(org, page)


@router.get("/flags", response=FlagsOut, summary="Red flags with the values that fired them")
def flags(request: HttpRequest, params: Query[FlagParams]) -> dict[str, Any]:
    """Flags ordered by their id; filter by indicator code, fiscal year, project or organisation."""
    limit = _limit(params.limit, 500)
    after = _decode(params.cursor).get("after", "")
    if not isinstance(after, str):
        raise HttpError(422, "cursor: expected a next_cursor value from a previous answer")
    clauses: list[str] = ["flag_id > ?"]
    values: list[object] = [after]
    for column, value in (
        ("indicator", params.indicator),
        ("fiscal_year", params.fiscal_year),
        ("process_id", params.process_id),
        ("org_id", params.org_id),
    ):
        if value is not None:
            clauses.append(f"{column} = ?")
            values.append(value)
    with _open() as idx:
        con = _warehouse(idx)
        try:
            exists = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'flag'").fetchone()
            rows: list[dict[str, Any]] = []
            if exists and exists[0]:
                where = " AND ".join(clauses)  # fixed text; the values are parameters
                sql = f"SELECT {FLAG_COLUMNS} FROM flag WHERE {where} ORDER BY flag_id LIMIT ?"  # noqa: S608
                cursor = con.execute(sql, [*values, limit + 1])
                names = [d[0] for d in cursor.description or []]
                rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
        finally:
            con.close()
    more = len(rows) > limit
    rows = rows[:limit]
    for row in rows:
        try:
            row["details"] = json.loads(row["details"]) if row["details"] else {}
        except ValueError:
            row["details"] = {"details": row["details"]}
        row["title_th"] = indicator_title(row["indicator"], "th")
        row["title_en"] = indicator_title(row["indicator"], "en")
    return {
        "licence": exports.LICENCE,
        "disclaimer": DISCLAIMER_TH,
        "rows": rows,
        "next_cursor": _encode({"after": rows[-1]["flag_id"]}) if more and rows else None,
    }
