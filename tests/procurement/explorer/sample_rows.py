"""Row writers of the sample warehouse: one call a row, with the defaults every sample row shares."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import duckdb

from sodsong.procurement.warehouse.keys import egp_process_id
from tests.procurement.explorer.sample_ids import (
    PROJECTS,
    SOURCE,
    pid,
)


def insert_row(con: duckdb.DuckDBPyConnection, table: str, **values: Any) -> None:
    columns = ", ".join(f'"{k}"' for k in values)
    marks = ", ".join("?" for _ in values)
    con.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(values.values()))  # noqa: S608


def add_org(con: duckdb.DuckDBPyConnection, org_id: str, kind: str, name: str, **extra: Any) -> None:
    insert_row(
        con,
        "organisation",
        org_id=org_id,
        kind=kind,
        name=name,
        resolved_id=extra.pop("resolved_id", org_id),
        source_kind="egp_csv",
        source_file_id=SOURCE,
        source_line=1,
        **extra,
    )


def add_process(con: duckdb.DuckDBPyConnection, key: str, **values: Any) -> None:
    no = PROJECTS[key]
    values.setdefault("currency", "THB")
    published = values.get("date_published")
    insert_row(
        con,
        "process",
        process_id=egp_process_id(no),
        source_kind="egp_csv",
        project_no=no,
        source_url=f"https://process3.gprocurement.go.th/egp2procmainWeb/jsp/procsearch.sch?projectId={no}",
        date_published_raw=None if published is None else published.isoformat(),
        source_file_id=SOURCE,
        source_line=10 + list(PROJECTS).index(key),
        **values,
    )


def add_award(
    con: duckdb.DuckDBPyConnection, key: str, winner: str, name: str, amount: str, contract_status: str
) -> None:
    process = pid(key)
    award = f"{process}/award/1"
    juristic = winner.removeprefix("th-dbd-") if winner.startswith("th-dbd-") else None
    insert_row(
        con,
        "award",
        award_id=award,
        process_id=process,
        status="active",
        value_amount=Decimal(amount),
        currency="THB",
        winner_id_raw=juristic,
        winner_id=juristic,
        winner_id_status="valid" if juristic else "missing",
        winner_name=name,
        source_file_id=SOURCE,
        source_line=1,
    )
    insert_row(con, "award_supplier", award_id=award, org_id=winner, process_id=process)
    insert_row(
        con,
        "contract",
        contract_id=f"{process}/contract/1",
        process_id=process,
        award_id=award,
        contract_no=f"{PROJECTS[key][-4:]}/25{PROJECTS[key][:2]}",
        value_amount=Decimal(amount),
        currency="THB",
        status_details=contract_status,
        status="active",
        date_signed=dt.date(2000 + int(PROJECTS[key][:2]) - 43, 2, 1),
        source_file_id=SOURCE,
        source_line=1,
    )


def add_bids(
    con: duckdb.DuckDBPyConnection, key: str, rows: list[tuple[str, str, str, str, str | None]]
) -> None:
    """rows: (tenderer, name, stage, status, amount)."""
    process = pid(key)
    for tenderer, name, stage, status, amount in rows:
        insert_row(
            con,
            "bid",
            bid_id=f"{process}/bid/{tenderer}/1",
            process_id=process,
            item_id=f"{process}/item/1",
            tenderer_id=tenderer,
            tenderer_name=name,
            stage=stage,
            status=status,
            amount=None if amount is None else Decimal(amount),
            currency="THB",
            source_file_id=SOURCE,
            source_line=1,
        )


def add_item(con: duckdb.DuckDBPyConnection, key: str, description: str, reference: str) -> None:
    process = pid(key)
    insert_row(
        con,
        "item",
        item_id=f"{process}/item/1",
        process_id=process,
        item_no="1",
        description=description,
        quantity=Decimal(1),
        unit="งาน",
        reference_price=Decimal(reference),
        currency="THB",
        source_file_id=SOURCE,
        source_line=1,
    )


def add_flag(
    con: duckdb.DuckDBPyConnection,
    indicator: str,
    *,
    process: str | None,
    org: str | None = None,
    subject_kind: str = "process",
    subject_id: str | None = None,
    fiscal_year: int | None = None,
    value: float | None = None,
    details: dict[str, Any],
) -> None:
    subject = subject_id or process or org
    insert_row(
        con,
        "flag",
        flag_id=f"{indicator}|{subject_kind}|{subject}|{process}",
        run_id="run-sample",
        indicator=indicator,
        family="thai",
        subject_kind=subject_kind,
        subject_id=subject,
        process_id=process,
        org_id=org,
        fiscal_year=fiscal_year,
        value=value,
        details=json.dumps(details, ensure_ascii=False),
    )
