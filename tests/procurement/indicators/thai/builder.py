"""A tiny warehouse written row by row, for the flag tests: defaults for every column a flag
reads, so each case states only what makes it fire (or not)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import duckdb

AGENCY = "th-agency-default"


def _insert(con: duckdb.DuckDBPyConnection, table: str, **values: Any) -> None:
    columns = ", ".join(f'"{k}"' for k in values)
    marks = ", ".join("?" for _ in values)
    con.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(values.values()))


def money(value: float | int | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


class Builder:
    """Rows of one test warehouse; organisations are created once, on first use."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.orgs: set[str] = set()

    def org(self, org_id: str, kind: str = "company", **extra: Any) -> str:
        if org_id not in self.orgs:
            self.orgs.add(org_id)
            extra.setdefault("name", org_id)
            _insert(self.con, "organisation", org_id=org_id, kind=kind, resolved_id=org_id, **extra)
        return org_id

    def process(
        self,
        pid: str,
        *,
        ref: float | None = 1_000_000,
        budget: float | None = 1_000_000,
        method: str = "open",
        details: str = "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
        category: str = "works",
        date: dt.date = dt.date(2024, 3, 1),
        agency: str = AGENCY,
    ) -> str:
        self.org(agency, "agency")
        fiscal_year = date.year + 543 + (1 if date.month >= 10 else 0)
        _insert(
            self.con,
            "process",
            process_id=pid,
            source_kind="synthetic",
            buyer_id=agency,
            reference_price=money(ref),
            budget=money(budget),
            procurement_method=method,
            method_details=details,
            main_procurement_category=category,
            date_published=date,
            fiscal_year=fiscal_year,
        )
        return pid

    def bid(self, pid: str, tenderer: str, amount: float | None, stage: str = "priced") -> None:
        self.org(tenderer)
        _insert(
            self.con,
            "bid",
            bid_id=f"{pid}/bid/{tenderer}",
            process_id=pid,
            tenderer_id=tenderer,
            stage=stage,
            status="valid",
            amount=money(amount),
        )

    def award(self, pid: str, supplier: str, amount: float, date: dt.date | None = None) -> None:
        self.org(supplier)
        award_id = f"{pid}/award/{supplier}"
        _insert(
            self.con,
            "award",
            award_id=award_id,
            process_id=pid,
            status="active",
            value_amount=money(amount),
            date=date,
        )
        _insert(self.con, "award_supplier", award_id=award_id, org_id=supplier, process_id=pid)

    def contract(self, pid: str, amount: float) -> None:
        _insert(
            self.con, "contract", contract_id=f"{pid}/contract", process_id=pid, value_amount=money(amount)
        )

    def relation(self, kind: str, subject: str, obj: str, **extra: Any) -> None:
        _insert(
            self.con,
            "relation",
            relation_id=f"{kind}|{subject}|{obj}",
            kind=kind,
            subject_id=subject,
            object_id=obj,
            **extra,
        )

    def sanction(self, org_id: str, listed: dt.date, lifted: dt.date | None = None) -> None:
        self.org(org_id)
        _insert(
            self.con,
            "sanction",
            sanction_id=f"s-{org_id}",
            org_id=org_id,
            name=org_id,
            date_listed=listed,
            date_lifted=lifted,
            agency="กรมบัญชีกลาง",
        )

    def tender(self, pid: str, bids: dict[str, float], winner: str | None = None, **process: Any) -> str:
        """A process with its priced bids; the lowest bidder wins at its bid unless told otherwise."""
        self.process(pid, **process)
        for tenderer, amount in bids.items():
            self.bid(pid, tenderer, amount)
        if bids:
            chosen = winner or min(bids, key=lambda t: bids[t])
            self.award(pid, chosen, bids[chosen])
        return pid
