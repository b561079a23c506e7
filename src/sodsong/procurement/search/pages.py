"""What the project page shows (agency and company pages: `org_pages.py`), read from the warehouse and the index.

Each function takes open connections (a warehouse snapshot and its search index) and returns
plain dataclasses and dicts; the views only format them. Nothing here knows about HTTP.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import duckdb

from sodsong.procurement.search.engine import Index, ProjectRow
from sodsong.procurement.search.labels import NEEDS_BIDS
from sodsong.procurement.search.page_rows import page_rows

__all__ = [
    "Bidder",
    "FlagView",
    "ProjectPage",
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

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> FlagView:
        """A flag row of a page table (project or organisation), its details JSON decoded."""
        return cls(
            row["indicator"],
            row["subject_kind"],
            row["subject_id"],
            row["value"],
            _details(row["details"]),
            row["org_id"],
            row["process_id"],
        )


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
    flags = [FlagView.from_row(r) for r in rows("flag", "ORDER BY indicator, flag_id")]
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
