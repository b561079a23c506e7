"""What the agency and company pages show: the organisation's record, its projects, winners,
checks and relations, read from the index's page tables (or the details file of older indexes).

Split from `pages.py` (the project page) because the two share only the flag and row helpers.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import duckdb

from sodsong.procurement.search.engine import Index, OrgRow, ProjectRow
from sodsong.procurement.search.page_rows import typed_rows
from sodsong.procurement.search.pages import FlagView, _rows

__all__ = ["AgencyPage", "Check", "CompanyPage", "agency_page", "company_page"]


@dataclass
class AgencyPage:
    org: OrgRow
    record: dict[str, Any]
    parent: OrgRow | None
    children: list[OrgRow]
    by_year: list[dict[str, Any]]
    non_open_share: float | None
    contractors: list[dict[str, Any]]
    flagged: list[ProjectRow]
    recent: list[ProjectRow]
    provinces: dict[str, int]


def _org_rows(index: Index) -> bool:
    """The company and agency pages' tables are in the index (built since they were added)."""
    return index.meta.get("org_rows") == "1"


_ORG_SQL = {
    # DuckDB (the page-details file) and SQLite (the index's page_ tables) forms of each query.
    "directors": (
        "SELECT r.*, p.name AS person_name, p.org_id AS person_id FROM relation r "
        "JOIN organisation p ON p.org_id = r.subject_id WHERE r.object_id = ? AND r.kind IN ('director_of', "
        "'shareholder_of') ORDER BY r.end_date NULLS FIRST, r.start_date, p.name",
        "SELECT r.*, p.name AS person_name, p.org_id AS person_id FROM page_relation r "
        "JOIN page_organisation p ON p.org_id = r.subject_id WHERE r.object_id = ? AND r.kind IN ('director_of', "
        "'shareholder_of') ORDER BY r.end_date NULLS FIRST, r.start_date NULLS LAST, p.name NULLS LAST, "
        "r.rowid, p.rowid",
    ),
    "relations": (
        "SELECT r.*, s.name AS subject_name, o.name AS object_name, o.kind AS object_kind FROM relation r "
        "JOIN organisation s ON s.org_id = r.subject_id JOIN organisation o ON o.org_id = r.object_id "
        "WHERE (r.subject_id = ? OR r.object_id = ? OR list_contains(?, r.subject_id)) "
        "AND r.kind NOT IN ('director_of', 'shareholder_of') ORDER BY r.kind, r.start_date NULLS LAST",
        "SELECT r.*, s.name AS subject_name, o.name AS object_name, o.kind AS object_kind FROM page_relation r "
        "JOIN page_organisation s ON s.org_id = r.subject_id JOIN page_organisation o ON o.org_id = r.object_id "
        "WHERE r.rowid IN (SELECT rowid FROM page_relation WHERE subject_id = ? UNION "
        "SELECT rowid FROM page_relation WHERE object_id = ? UNION "
        "SELECT rowid FROM page_relation WHERE subject_id IN (SELECT value FROM json_each(?))) "
        "AND r.kind NOT IN ('director_of', 'shareholder_of') ORDER BY r.kind NULLS LAST, "
        "r.start_date NULLS LAST, r.rowid, s.rowid, o.rowid",
    ),
    "sanctions": (
        "SELECT * FROM sanction WHERE org_id = ? OR (juristic_id IS NOT NULL AND juristic_id = ?) "
        "ORDER BY date_listed",
        "SELECT * FROM page_sanction WHERE rowid IN (SELECT rowid FROM page_sanction WHERE org_id = ? "
        "UNION SELECT rowid FROM page_sanction WHERE juristic_id = ?) ORDER BY date_listed NULLS LAST, rowid",
    ),
    "name_matches": (
        "SELECT * FROM name_match WHERE (subject_id = ? OR candidate_id = ?) ORDER BY status, candidate_name",
        "SELECT * FROM page_name_match WHERE rowid IN (SELECT rowid FROM page_name_match WHERE subject_id = ? "
        "UNION SELECT rowid FROM page_name_match WHERE candidate_id = ?) "
        "ORDER BY status NULLS LAST, candidate_name NULLS LAST, rowid",
    ),
}


def _org_query(
    con: duckdb.DuckDBPyConnection, index: Index, name: str, params: list[Any], tables: tuple[str, ...]
) -> list[dict[str, Any]]:
    duck, lite = _ORG_SQL[name]
    if _org_rows(index):
        return typed_rows(index.con, lite, params, tables)
    return _rows(con, duck, params)


def _org_record(con: duckdb.DuckDBPyConnection, org: OrgRow, index: Index | None = None) -> dict[str, Any]:
    if index is not None and _org_rows(index):
        found = typed_rows(
            index.con,
            "SELECT * FROM page_organisation WHERE org_rid = ? ORDER BY rowid LIMIT 1",
            [int(org.rowid)],
            ("organisation",),
        )
        for row in found:
            row.pop("org_rid", None)
    else:
        sql = f"SELECT * EXCLUDE (org_rid) FROM organisation WHERE org_rid = {int(org.rowid)}"  # noqa: S608
        found = _rows(con, sql, [])
    return found[0] if found else {}


def agency_page(con: duckdb.DuckDBPyConnection, index: Index, org: OrgRow) -> AgencyPage:
    c = index.con
    record = _org_record(con, org, index)
    years = [
        {
            "fiscal_year": r[0],
            "projects": r[1],
            "budget": r[2],
            "contract_value": r[3],
            "flagged": r[4],
            "non_open": r[5],
        }
        for r in c.execute(
            "SELECT fiscal_year, sum(projects), sum(budget), sum(contract_value), sum(flagged), sum(non_open) "
            "FROM org_year WHERE org = ? AND role = 'agency' AND fiscal_year IS NOT NULL GROUP BY fiscal_year "
            "ORDER BY fiscal_year",
            [org.rowid],
        )
    ]
    total = sum(y["projects"] for y in years)
    non_open = sum(y["non_open"] for y in years)
    spending = org.contract_value or 0.0
    contractors = []
    for other, projects, value in c.execute(
        "SELECT winner, projects, value FROM winner_share WHERE org = ? ORDER BY value DESC NULLS LAST, projects DESC",
        [org.rowid],
    ):
        name = index.org_names([other]).get(other)
        if name:
            contractors.append(
                {
                    "org_id": name[0],
                    "name": name[1],
                    "projects": projects,
                    "value": value,
                    "share": (value or 0.0) / spending if spending else None,
                }
            )
    parent_row = c.execute(
        "SELECT org_id FROM org WHERE rowid = (SELECT parent FROM org WHERE rowid = ?)", [org.rowid]
    ).fetchone()
    children = [
        index.org(r[0])
        for r in c.execute(
            "SELECT org_id FROM org WHERE parent = ? ORDER BY budget DESC NULLS LAST LIMIT 50", [org.rowid]
        )
    ]
    return AgencyPage(
        org=org,
        record=record,
        parent=index.org(parent_row[0]) if parent_row else None,
        children=[ch for ch in children if ch is not None],
        by_year=years,
        non_open_share=non_open / total if total else None,
        contractors=contractors,
        flagged=index.agency_projects(org.rowid, flagged=True),
        recent=index.agency_projects(org.rowid),
        provinces={
            r[0]: r[1]
            for r in c.execute(
                "SELECT province_code, projects FROM province_count WHERE org = ? AND role = 'agency'",
                [org.rowid],
            )
        },
    )


# -- companies --------------------------------------------------------------------------------


@dataclass
class Check:
    """One company-level finding ("ตรวจพบความน่าสนใจ"), with its evidence."""

    code: str
    evidence: list[str]
    links: list[tuple[str, str]] = field(default_factory=list)  # (org_id, name)


@dataclass
class CompanyPage:
    org: OrgRow
    record: dict[str, Any]
    directors: list[dict[str, Any]]
    relations: list[dict[str, Any]]
    sanctions: list[dict[str, Any]]
    checks: list[Check]
    flags: list[FlagView]
    by_year: list[dict[str, Any]]
    bid_hist: list[tuple[int, int]]
    win_rate: float | None
    cobidders: list[dict[str, Any]]
    cobid_edges: list[tuple[str, str, int]]
    won: list[ProjectRow]
    name_matches: list[dict[str, Any]]
    agencies: list[dict[str, Any]]
    provinces: dict[str, int]


def company_page(con: duckdb.DuckDBPyConnection, index: Index, org: OrgRow) -> CompanyPage:
    c = index.con
    record = _org_record(con, org, index)
    directors = _org_query(con, index, "directors", [org.org_id], ("relation", "organisation"))
    people = sorted({d["person_id"] for d in directors})
    relations = _org_query(
        con,
        index,
        "relations",
        [org.org_id, org.org_id, json.dumps(people) if _org_rows(index) else people],
        ("relation", "organisation"),
    )
    sanctions = _org_query(con, index, "sanctions", [org.org_id, org.juristic_id], ("sanction",))
    if _org_rows(index):
        flag_rows = typed_rows(
            c,
            "SELECT * FROM page_org_flag WHERE org_rid = ? ORDER BY rowid LIMIT 200",
            [int(org.rowid)],
            ("org_flag",),
        )
    else:
        sql = (
            f"SELECT * FROM org_flag WHERE org_rid = {int(org.rowid)} "  # noqa: S608
            "ORDER BY fiscal_year DESC NULLS LAST, indicator, flag_id LIMIT 200"
        )
        flag_rows = _rows(con, sql, [])
    flags = [FlagView.from_row(r) for r in flag_rows]
    by_year = [
        {"fiscal_year": r[0], "projects": r[1], "contract_value": r[2]}
        for r in c.execute(
            "SELECT fiscal_year, projects, contract_value FROM org_year WHERE org = ? AND role = 'winner' "
            "AND fiscal_year IS NOT NULL ORDER BY fiscal_year",
            [org.rowid],
        )
    ]
    hist = [
        (int(r[0]), int(r[1]))
        for r in c.execute("SELECT bucket, n FROM bid_hist WHERE org = ? ORDER BY bucket", [org.rowid])
    ]
    cob = list(
        c.execute(
            "SELECT other, together, org_wins, other_wins FROM cobid WHERE org = ? ORDER BY together DESC",
            [org.rowid],
        )
    )
    names = index.org_names([r[0] for r in cob])
    cobidders = [
        {
            "org_id": names[r[0]][0],
            "name": names[r[0]][1],
            "together": r[1],
            "org_wins": r[2],
            "other_wins": r[3],
        }
        for r in cob
        if r[0] in names
    ]
    others = [r[0] for r in cob]
    edges: list[tuple[str, str, int]] = []
    if others:
        marks = ",".join("?" * len(others))
        for a, b, n in c.execute(
            f"SELECT org, other, together FROM cobid WHERE org IN ({marks}) AND other IN ({marks}) AND org < other",  # noqa: S608
            [*others, *others],
        ):
            edges.append((names[a][0], names[b][0], n))
    name_matches = _org_query(con, index, "name_matches", [org.org_id, org.org_id], ("name_match",))
    agencies = _agency_shares(index, org)
    checks = _checks(con, org, record, directors, relations, sanctions, index, agencies)
    return CompanyPage(
        org=org,
        record=record,
        directors=directors,
        relations=relations,
        sanctions=sanctions,
        checks=checks,
        flags=flags,
        by_year=by_year,
        bid_hist=hist,
        win_rate=org.wins / org.bids if org.bids else None,
        cobidders=cobidders,
        cobid_edges=edges,
        won=index.project_rows("p.winner = ?", [org.rowid], "p.rowid", 20),
        name_matches=name_matches,
        agencies=agencies,
        provinces={
            r[0]: r[1]
            for r in c.execute(
                "SELECT province_code, projects FROM province_count WHERE org = ? AND role = 'winner'",
                [org.rowid],
            )
        },
    )


def _winner_tables(index: Index) -> bool:
    """The index has each company's top agencies and first win (`winner_agency`, `winner_first`)."""
    return index.meta.get("winner_agency") == "1"


def _agency_shares(index: Index, org: OrgRow) -> list[dict[str, Any]]:
    """The agencies that paid this company most, with its share of each agency's spending.

    Built indexes keep the ten per company (`winner_agency`); older ones sum every project it won.
    """
    if _winner_tables(index):
        sql = "SELECT buyer, projects, value FROM winner_agency WHERE org = ? ORDER BY rowid"
    else:
        sql = (
            "SELECT p.buyer, count(*), sum(p.contract_value) FROM project p WHERE p.winner = ? "
            "AND p.buyer IS NOT NULL GROUP BY p.buyer ORDER BY sum(p.contract_value) DESC NULLS LAST LIMIT 10"
        )
    rows = index.con.execute(sql, [org.rowid]).fetchall()
    result = []
    for buyer, n, value in rows:
        agency = index.con.execute(
            "SELECT org_id, name, contract_value FROM org WHERE rowid = ?", [buyer]
        ).fetchone()
        if agency:
            result.append(
                {
                    "org_id": agency[0],
                    "name": agency[1],
                    "projects": n,
                    "value": value,
                    "share": (value or 0.0) / agency[2] if agency[2] else None,
                }
            )
    return result


def _checks(
    con: duckdb.DuckDBPyConnection,
    org: OrgRow,
    record: dict[str, Any],
    directors: list[dict[str, Any]],
    relations: list[dict[str, Any]],
    sanctions: list[dict[str, Any]],
    index: Index,
    agencies: list[dict[str, Any]],
) -> list[Check]:
    """Company-level checks from the spec, each with the facts that found it."""
    checks: list[Check] = []
    director_ids = {d["person_id"]: d["person_name"] for d in directors}
    for r in relations:
        if r["kind"] == "holds_position" and r["subject_id"] in director_ids:
            checks.append(
                Check(
                    "director_holds_position",
                    [f"{r['subject_name']}: {r.get('role') or ''} ({r['object_name']})"],
                    [(r["subject_id"], r["subject_name"])],
                )
            )
        elif r["kind"] == "relative_of" and r["subject_id"] in director_ids:
            checks.append(
                Check(
                    "director_relative",
                    [f"{r['subject_name']} — {r['object_name']} ({r.get('role') or ''})"],
                    [(r["object_id"], r["object_name"])],
                )
            )
        elif r["kind"] == "donated_to" and r["subject_id"] == org.org_id:
            amount = f" {r['amount']:,.2f}" if r.get("amount") is not None else ""
            checks.append(
                Check(
                    "donated_to_party", [f"{r['object_name']}{amount}"], [(r["object_id"], r["object_name"])]
                )
            )
        elif r["kind"] == "same_address" and org.org_id in (r["subject_id"], r["object_id"]):
            other = (
                (r["object_id"], r["object_name"])
                if r["subject_id"] == org.org_id
                else (r["subject_id"], r["subject_name"])
            )
            checks.append(Check("same_address", [other[1]], [other]))
    for s in sanctions:
        checks.append(
            Check("blacklisted", [f"{s['name']} — {s.get('agency') or ''} {s.get('reason') or ''}".strip()])
        )
    registered = record.get("registration_date")
    if isinstance(registered, dt.date) and org.wins:
        sql = (
            "SELECT date_published FROM winner_first WHERE org = ?"
            if _winner_tables(index)
            else "SELECT min(date_published) FROM project WHERE winner = ? AND date_published IS NOT NULL"
        )
        row = index.con.execute(sql, [org.rowid]).fetchone()
        if row and row[0]:
            first = dt.date.fromisoformat(row[0])
            days = (first - registered).days
            if 0 <= days < 365:
                checks.append(
                    Check("new_company", [f"{registered.isoformat()} → {first.isoformat()} ({days})"])
                )
    for agency in agencies:
        if agency["share"] is not None and agency["share"] >= 0.5 and agency["projects"] >= 2:
            checks.append(
                Check(
                    "concentration",
                    [f"{agency['name']}: {agency['share'] * 100:.0f}%"],
                    [(agency["org_id"], agency["name"])],
                )
            )
    return checks
