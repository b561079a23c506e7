"""What a search returns: result rows, honest counts and summaries, as plain values.

Kept apart from the engine that computes them so pages, downloads and the API can name the
types without importing the query machinery.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ORG_COLUMNS",
    "PROJECT_COLUMNS",
    "PROJECT_JOINS",
    "Count",
    "OrgRow",
    "ProjectResults",
    "ProjectRow",
    "Summary",
    "org_row",
]

PROJECT_COLUMNS = (
    "p.rowid, p.process_id, p.project_no, p.title, b.org_id, b.name, e.org_id, e.name, p.province_code, "
    "p.fiscal_year, p.method, p.method_details, p.category, p.category_raw, p.status, p.budget, "
    "p.reference_price, p.contract_value, w.org_id, coalesce(w.name, p.winner_name), p.flags, p.indicators, "
    "p.date_published, p.winners"
)
PROJECT_JOINS = "LEFT JOIN org b ON b.rowid = p.buyer LEFT JOIN org e ON e.rowid = p.entity LEFT JOIN org w ON w.rowid = p.winner"


@dataclass(frozen=True)
class ProjectRow:
    """One project as a result list shows it."""

    rowid: int
    process_id: str
    project_no: str | None
    title: str | None
    buyer_id: str | None
    buyer_name: str | None
    entity_id: str | None
    entity_name: str | None
    province_code: str | None
    fiscal_year: int | None
    method: str | None
    method_details: str | None
    category: str | None
    category_raw: str | None
    status: str | None
    budget: float | None
    reference_price: float | None
    contract_value: float | None
    winner_id: str | None
    winner_name: str | None
    flags: int
    indicators: str | None
    date_published: str | None
    winners: int

    @property
    def indicator_codes(self) -> list[str]:
        return self.indicators.split(" ") if self.indicators else []


@dataclass(frozen=True)
class OrgRow:
    """An agency or contractor as the other two tabs list it."""

    rowid: int
    org_id: str
    kind: str
    name: str
    juristic_id: str | None
    province_code: str | None
    projects: int
    budget: float | None
    contract_value: float | None
    flagged: int
    wins: int
    won_value: float | None
    bids: int
    is_agency: bool
    is_contractor: bool


ORG_COLUMNS = (
    "o.rowid, o.org_id, o.kind, o.name, o.juristic_id, o.province_code, o.projects, o.budget, o.contract_value, "
    "o.flagged, o.wins, o.won_value, o.bids, o.is_agency, o.is_contractor"
)


def org_row(row: tuple[Any, ...]) -> OrgRow:
    return OrgRow(*row[:13], bool(row[13]), bool(row[14]))  # type: ignore[call-arg]


@dataclass(frozen=True)
class Count:
    """How many matched: exact, or at least `n` when the cap or the time budget was reached."""

    n: int
    exact: bool = True


@dataclass
class Summary:
    """Totals above the projects: what they cost, how many are flagged, who, when, where."""

    projects: Count
    budget: float = 0.0
    contract_value: float = 0.0
    flagged: int = 0
    by_year: list[tuple[int, int, float]] = field(default_factory=list)  # (fy, projects, budget)
    by_province: dict[str, int] = field(default_factory=dict)
    top_agencies: list[tuple[str, str, int, float]] = field(default_factory=list)  # (org_id, name, n, budget)
    top_contractors: list[tuple[str, str, int, float]] = field(default_factory=list)
    exact: bool = True  # False: computed over the newest `basis` matches only
    basis: int = 0
    top_sample: int | None = None  # the top lists cover only the newest `top_sample` matches


@dataclass
class ProjectResults:
    rows: list[ProjectRow]
    count: Count
    summary: Summary
    sorted_exactly: bool = True  # False: a non-default sort over the first COUNT_CAP matches only
    elapsed_ms: float = 0.0
