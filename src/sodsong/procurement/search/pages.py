"""What the project, agency and company pages show, read from the warehouse and the index.

Each function takes open connections (a warehouse snapshot and its search index) and returns
plain dataclasses and dicts; the views only format them. Nothing here knows about HTTP.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import duckdb

from sodsong.procurement.search.engine import Index, OrgRow, ProjectRow
from sodsong.procurement.search.labels import NEEDS_BIDS
from sodsong.procurement.search.page_rows import page_rows, typed_rows

__all__ = [
    "AgencyPage",
    "Bidder",
    "CompanyPage",
    "FlagView",
    "ProjectPage",
    "agency_page",
    "company_page",
    "linked_reports",
    "project_page",
]


def _linked_projects() -> frozenset[str]:
    from sodsong.watch.models import CaseProjectLink

    return frozenset(CaseProjectLink.objects.filter(confirmed=True).values_list("process_id", flat=True))


def linked_reports(process_id: str) -> list[Any]:
    """Published citizen reports whose link to this project staff confirmed (the watch part).

    The few projects with a confirmed link are known per thread until the app database changes;
    the others are answered without a query.
    """
    from sodsong.procurement.dbstate import cached_on_db_state
    from sodsong.watch.casework.procurement import published_cases_for_project

    if process_id not in cached_on_db_state("linked_projects", _linked_projects):
        return []
    return list(published_cases_for_project(process_id))


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _pct(part: Decimal | float | None, whole: Decimal | float | None) -> float | None:
    if part is None or whole is None or not whole:
        return None
    return (float(part) - float(whole)) / float(whole)


@dataclass
class FlagView:
    """One flag with the values that fired it."""

    indicator: str
    subject_kind: str
    subject_id: str | None
    value: float | None
    details: dict[str, Any]
    org_id: str | None = None
    process_id: str | None = None


def _details(raw: str | None) -> dict[str, Any]:
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {"details": raw}
    return value if isinstance(value, dict) else {"details": value}


@dataclass
class Bidder:
    """One firm in the funnel: how far it got and how it ended."""

    org_id: str
    name: str
    stage: str
    status: str | None
    amount: Decimal | None
    outcome: str  # winner, next_round, out
    stages_reached: tuple[bool, bool, bool, bool] = (False, False, False, False)


@dataclass
class ProjectPage:
    process: dict[str, Any]
    summary: ProjectRow | None
    items: list[dict[str, Any]]
    bidders: list[Bidder]
    funnel: list[tuple[str, int]]
    bids_by_item: list[dict[str, Any]]
    awards: list[dict[str, Any]]
    contracts: list[dict[str, Any]]
    flags: list[FlagView]
    not_computable: list[tuple[str, str]]  # (indicator, why)
    checked: list[str]  # indicators computed for this project that did not fire
    flags_computed: bool
    attribution: list[str]
    reports: list[Any] = field(default_factory=list)

    @property
    def budget_vs_reference(self) -> float | None:
        return _pct(self.process.get("reference_price"), self.process.get("budget"))

    @property
    def contract_value(self) -> Decimal | None:
        values = [c["value_amount"] for c in self.contracts if c.get("value_amount") is not None]
        if values:
            return Decimal(sum(values))
        awards = [a["value_amount"] for a in self.awards if a.get("value_amount")]
        return Decimal(sum(awards)) if awards else None

    @property
    def contract_vs_reference(self) -> float | None:
        return _pct(self.contract_value, self.process.get("reference_price"))

    @property
    def contract_vs_budget(self) -> float | None:
        return _pct(self.contract_value, self.process.get("budget"))


STAGES = ("bought_documents", "submitted", "qualified", "priced")


def project_page(con: duckdb.DuckDBPyConnection, index: Index, process_id: str) -> ProjectPage | None:
    """Everything the project page shows, or None for an unknown project.

    `con` is the page-details file of the index (`store.connect_details`): its tables are sorted
    by the project's number in the index, so `WHERE rid = <n>` reads one row group.
    """
    summary = index.project(process_id)
    if summary is None:
        return None
    rid = int(summary.rowid)  # an integer literal lets DuckDB skip every other row group

    def rows(table: str, order: str = "") -> list[dict[str, Any]]:
        if index.meta.get("page_rows") == "1":  # copied into the index: a b-tree lookup
            terms = order.removeprefix("ORDER BY ").split(", ") if order else []
            return page_rows(index.con, table, rid, ", ".join(t + " NULLS LAST" for t in terms))
        return _rows(con, f"SELECT * EXCLUDE (rid) FROM {table} WHERE rid = {rid} {order}", [])  # noqa: S608

    found = rows("process")
    if not found:
        return None
    process = found[0]
    items = rows("item", "ORDER BY item_no")
    bids = rows("bid", "ORDER BY bid_id")
    awards = rows("award", "ORDER BY award_id")
    contracts = rows("contract")
    winners = {a["resolved_id"] for a in awards if a.get("resolved_id") and a.get("status") != "cancelled"}
    bidders = _bidders(bids, winners)
    funnel = [(stage, sum(1 for b in bidders if b.stages_reached[i])) for i, stage in enumerate(STAGES)]
    flags_computed = index.meta.get("has_flags") == "1"
    flags = [
        FlagView(
            r["indicator"],
            r["subject_kind"],
            r["subject_id"],
            r["value"],
            _details(r["details"]),
            r["org_id"],
            r["process_id"],
        )
        for r in rows("flag", "ORDER BY indicator, flag_id")
    ]
    readiness = _readiness(con, index) if flags_computed else []
    fired = {f.indicator for f in flags}
    priced = any(b.get("amount") is not None for b in bids)
    not_computable: list[tuple[str, str]] = []
    checked: list[str] = []
    for r in readiness:
        code = r["indicator"]
        if code in fired:
            continue
        if not r["computable"]:
            not_computable.append((code, r.get("missing_fields") or ""))
        elif code in NEEDS_BIDS and not priced:
            not_computable.append((code, "bids"))
        else:
            checked.append(code)
    files = sorted(
        str(f) for f in {process.get("source_file_id"), *(a.get("source_file_id") for a in awards)} if f
    )
    marks = ",".join("?" * len(files))
    sources = [
        {"attribution": r[0]}
        for r in index.con.execute(
            f"SELECT DISTINCT attribution FROM source WHERE attribution IS NOT NULL "  # noqa: S608
            f"AND source_file_id IN ({marks}) ORDER BY attribution",
            files,
        )
    ]
    return ProjectPage(
        process=process,
        summary=summary,
        items=items,
        bidders=bidders,
        funnel=funnel,
        bids_by_item=_bids_by_item(bids, items, winners, process),
        awards=awards,
        contracts=contracts,
        flags=flags,
        not_computable=not_computable,
        checked=checked,
        flags_computed=flags_computed,
        attribution=[s["attribution"] for s in sources],
        reports=linked_reports(process_id),
    )


_READINESS: dict[tuple[str, int, int], list[dict[str, Any]]] = {}


def _readiness(con: duckdb.DuckDBPyConnection, index: Index) -> list[dict[str, Any]]:
    """Which indicators could be computed: one small table per index, read once per process."""
    found = _READINESS.get(index.key)
    if found is None:
        found = _rows(con, "SELECT * FROM flag_readiness ORDER BY indicator", [])
        if len(_READINESS) > 8:
            _READINESS.clear()
        _READINESS[index.key] = found
    return found


def _bidders(bids: list[dict[str, Any]], winners: set[str]) -> list[Bidder]:
    best: dict[str, Bidder] = {}
    for bid in bids:
        org = bid["org_id"]
        rank = STAGES.index(bid["stage"]) if bid["stage"] in STAGES else 0
        current = best.get(org)
        amount = bid.get("amount")
        if current is None or STAGES.index(current.stage) < rank:
            reached = (rank >= 0, rank >= 1, rank >= 2, rank >= 3)
            best[org] = Bidder(
                org, bid["name"] or org, bid["stage"], bid.get("status"), amount, "out", reached
            )
        elif amount is not None and (current.amount is None or amount < current.amount):
            current.amount = amount
    for bidder in best.values():
        if bidder.org_id in winners:
            bidder.outcome = "winner"
        elif bidder.status == "disqualified" or bidder.stage in ("bought_documents", "submitted"):
            bidder.outcome = "out"
        else:
            bidder.outcome = "next_round"
    order = {"winner": 0, "next_round": 1, "out": 2}
    return sorted(
        best.values(),
        key=lambda b: (
            order[b.outcome],
            -STAGES.index(b.stage),
            b.amount if b.amount is not None else Decimal("1e18"),
        ),
    )


def _bids_by_item(
    bids: list[dict[str, Any]], items: list[dict[str, Any]], winners: set[str], process: dict[str, Any]
) -> list[dict[str, Any]]:
    """Priced bids grouped by item, with the difference to the winner's and to the reference price."""
    item_by_id = {i["item_id"]: i for i in items}
    groups: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for bid in bids:
        if bid.get("amount") is not None:
            groups[bid.get("item_id")].append(bid)
    result = []
    for item_id, group in groups.items():
        item = item_by_id.get(item_id) if item_id else None
        reference = (item or {}).get("reference_price") or (
            process.get("reference_price") if len(groups) == 1 else None
        )
        winning = [b["amount"] for b in group if b["org_id"] in winners]
        winner_amount = min(winning) if winning else None
        rows = []
        for bid in sorted(group, key=lambda b: b["amount"]):
            rows.append(
                {
                    "org_id": bid["org_id"],
                    "name": bid["name"],
                    "amount": bid["amount"],
                    "status": bid.get("status"),
                    "winner": bid["org_id"] in winners,
                    "vs_winner": _pct(bid["amount"], winner_amount),
                    "vs_reference": _pct(bid["amount"], reference),
                }
            )
        result.append(
            {
                "item_no": (item or {}).get("item_no"),
                "description": (item or {}).get("description"),
                "reference_price": reference,
                "bids": rows,
            }
        )
    return sorted(result, key=lambda g: str(g["item_no"] or ""))


# -- agencies ---------------------------------------------------------------------------------


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
        sql = f"SELECT * FROM org_flag WHERE org_rid = {int(org.rowid)} LIMIT 200"  # noqa: S608
        flag_rows = _rows(con, sql, [])
    flags = [
        FlagView(
            r["indicator"],
            r["subject_kind"],
            r["subject_id"],
            r["value"],
            _details(r["details"]),
            r["org_id"],
            r["process_id"],
        )
        for r in flag_rows
    ]
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


def _agency_shares(index: Index, org: OrgRow) -> list[dict[str, Any]]:
    """The agencies that paid this company most, with its share of each agency's spending."""
    rows = index.con.execute(
        "SELECT p.buyer, count(*), sum(p.contract_value) FROM project p WHERE p.winner = ? AND p.buyer IS NOT NULL "
        "GROUP BY p.buyer ORDER BY sum(p.contract_value) DESC NULLS LAST LIMIT 10",
        [org.rowid],
    ).fetchall()
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
        row = index.con.execute(
            "SELECT min(date_published) FROM project WHERE winner = ? AND date_published IS NOT NULL",
            [org.rowid],
        ).fetchone()
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
