"""Deterministic keys: the same source facts always get the same key, so re-imports are idempotent.

Keys are readable where the source has a real identifier (an e-GP project number, a juristic id)
and a short MD5 of a normalised name where it has none. SQL importers build the same keys with
DuckDB's `md5()`: `KEY_MACROS` defines them once for both sides, and a test checks they agree.
Nothing here is ever derived from a citizen id.
"""

from __future__ import annotations

import hashlib

import duckdb

from sodsong.thai import company_match_key, fold_spaces

__all__ = [
    "EGP_OCID_PREFIX",
    "KEY_MACROS",
    "agency_id",
    "company_id",
    "define_key_macros",
    "egp_process_id",
    "hashed",
    "name_org_id",
    "party_id",
    "person_id",
    "procuring_entity_id",
]

# A clearly local ocid prefix (not registered with OCP): e-GP projects exported as OCDS.
EGP_OCID_PREFIX = "ocds-sodsong-egp"
HASH_LENGTH = 16


def hashed(*parts: object) -> str:
    """First 16 hex digits of the MD5 of the parts joined by `|` (None as empty)."""
    text = "|".join("" if p is None else str(p) for p in parts)
    return hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:HASH_LENGTH]


def egp_process_id(project_no: str) -> str:
    """`65057360721` -> `ocds-sodsong-egp-65057360721` (the process key is its ocid)."""
    return f"{EGP_OCID_PREFIX}-{project_no}"


def company_id(juristic_id: str) -> str:
    """A company with a checksum-valid juristic id: `th-dbd-0305560001659`."""
    return f"th-dbd-{juristic_id}"


def name_org_id(name: str) -> str:
    """A supplier known only by its name: keyed by `company_match_key`, so spellings that differ
    only in legal form or spacing are one supplier (a name match to a registered company is only
    ever a suggestion)."""
    return f"th-name-{hashed(company_match_key(name))}"


def agency_id(name: str) -> str:
    """A public body keyed by its folded Thai name."""
    return f"th-agency-{hashed(fold_spaces(name))}"


def procuring_entity_id(agency: str, sub_agency: str) -> str:
    """An e-GP sub-agency (ชื่อหน่วยงานย่อย) keyed within its agency: names like
    `สำนักงานอธิการบดี` recur across agencies, so the agency is part of the key."""
    return agency_id(f"{agency} / {sub_agency}")


def person_id(*parts: str) -> str:
    """A person keyed by source-given parts (e.g. directory id, or name and birth date)."""
    return f"th-person-{hashed(*parts)}"


def party_id(name: str) -> str:
    """A political party keyed by its folded name."""
    return f"th-party-{hashed(fold_spaces(name))}"


# The same keys in SQL. `fold(x)` mirrors sodsong.thai.fold_spaces.
KEY_MACROS = (
    "CREATE OR REPLACE TEMP MACRO fold(x) AS trim(regexp_replace(x, '[\\s\\p{Z}\\x{0b}\\x{1c}-\\x{1f}\\x{85}\\x{200b}]+', ' ', 'g'))",
    f"CREATE OR REPLACE TEMP MACRO hashed(x) AS left(md5(x), {HASH_LENGTH})",
    f"CREATE OR REPLACE TEMP MACRO egp_process_id(p) AS '{EGP_OCID_PREFIX}-' || p",
    "CREATE OR REPLACE TEMP MACRO company_id(j) AS 'th-dbd-' || j",
    "CREATE OR REPLACE TEMP MACRO agency_id(n) AS 'th-agency-' || hashed(fold(n))",
    # name_org_id needs company_match_key (Python); SQL callers pass the precomputed key.
    "CREATE OR REPLACE TEMP MACRO name_org_id_from_key(k) AS 'th-name-' || hashed(k)",
)


def define_key_macros(con: duckdb.DuckDBPyConnection) -> None:
    """Define the key macros on a connection (temporary: they do not end up in the file)."""
    for statement in KEY_MACROS:
        con.execute(statement)
