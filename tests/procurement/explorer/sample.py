"""A small, realistic procurement warehouse for the explorer tests (Thai rows, bids, flags).

The story it tells: a road builder (ศิลาทองก่อสร้าง) keeps winning road projects in Khon Kaen
against the same two co-bidders, one of which shares its director; an office-supplies shop known
only by name splits purchases just under 500,000 baht; a blacklisted IT firm wins a computer
purchase in Chiang Mai; drone purchases come from the real e-GP sample (no bid lists, so price
indicators are not computable there).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from sodsong.procurement import warehouse
from sodsong.procurement.search.build import build_index
from tests.procurement.explorer.sample_ids import (
    ATTRIBUTION,
    CM_SCHOOL,
    CMIT,
    DLA,
    DRR,
    DRR_KK,
    KORAT,
    MALEE,
    NADI,
    NADI_UNIT,
    PARKS,
    PARKS_BKK,
    PARTY,
    PROJECTS,
    SILATHONG,
    SKY,
    SOMCHAI,
    SOMYING_CO,
    SOMYING_SHOP,
    SOURCE,
    UDON,
    pid,
)
from tests.procurement.explorer.sample_parties import load_parties
from tests.procurement.explorer.sample_projects import load_projects

__all__ = [
    "ATTRIBUTION",
    "CMIT",
    "CM_SCHOOL",
    "DLA",
    "DRR",
    "DRR_KK",
    "FLAG_DDL",
    "KORAT",
    "MALEE",
    "NADI",
    "NADI_UNIT",
    "PARKS",
    "PARKS_BKK",
    "PARTY",
    "PROJECTS",
    "SILATHONG",
    "SKY",
    "SOMCHAI",
    "SOMYING_CO",
    "SOMYING_SHOP",
    "SOURCE",
    "UDON",
    "build_sample",
    "load",
    "pid",
]

# docs/flags.md, as DDL: the indicator engines create these tables; tests create them here.
FLAG_DDL = (
    """CREATE TABLE IF NOT EXISTS flag (flag_id VARCHAR, run_id VARCHAR, indicator VARCHAR, family VARCHAR,
    subject_kind VARCHAR, subject_id VARCHAR, process_id VARCHAR, org_id VARCHAR, fiscal_year INTEGER,
    value DOUBLE, details VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS flag_fence (run_id VARCHAR, indicator VARCHAR, group_key VARCHAR, n BIGINT,
    q1 DOUBLE, q3 DOUBLE, lower_fence DOUBLE, upper_fence DOUBLE, threshold DOUBLE)""",
    """CREATE TABLE IF NOT EXISTS flag_readiness (run_id VARCHAR, indicator VARCHAR, computable BOOLEAN,
    subjects_checked BIGINT, subjects_flagged BIGINT, missing_fields VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS flag_run (run_id VARCHAR, engine VARCHAR, family VARCHAR, settings VARCHAR,
    started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ)""",
)


def load(con: duckdb.DuckDBPyConnection) -> None:
    """Insert the sample rows into an open (writable) warehouse connection."""
    for statement in FLAG_DDL:
        con.execute(statement)
    load_parties(con)
    load_projects(con)


def build_sample(path: Path) -> Path:
    """A fresh warehouse at `path` with the sample rows, and its search index; returns the index."""
    with warehouse.write(path, fresh=True) as con:
        load(con)
    return build_index(path).path
