"""Import OCDS files: stage every release, compile each process with ocdsmerge, map it to rows.

Releases are staged as published (`ocds_release`), so a process whose releases are spread over
several files is compiled from all of them; re-importing a file replaces its own releases only.
The compiled release of each process is kept (`ocds_compiled`) and mapped to the canonical tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import orjson
from ocdsmerge import Merger

from sodsong.procurement.sources.common import (
    FileSummary,
    Rejection,
    excerpt,
    file_identity,
    forget_file,
    insert_rejections,
    insert_rows,
    redact_ids,
    register_file,
)
from sodsong.procurement.sources.ocds_map import MERGE_RULES, map_release
from sodsong.procurement.sources.ocds_read import Item, Problem, read_ocds
from sodsong.procurement.sources.organisations import merge_organisations

__all__ = ["ATTRIBUTION", "derive_ocds", "stage_file"]

ATTRIBUTION = "OCDS data published by its contracting authority (licence as stated by the publisher)"
BATCH = 5000


def _releases(
    items: Iterator[Item | Problem], path: Path, source_file_id: str
) -> Iterator[dict[str, Any] | Rejection]:
    for entry in items:
        if isinstance(entry, Problem):
            yield Rejection(
                str(path), entry.line, entry.field, entry.expected, excerpt(redact_ids(entry.value))
            )
            continue
        release = entry.release
        yield {
            "source_file_id": source_file_id,
            "source_line": entry.line,
            "position": entry.position,
            "ocid": str(release["ocid"]).strip(),
            "kind": entry.kind,
            "release_id": None if release.get("id") is None else str(release.get("id")),
            "date": None if release.get("date") is None else str(release.get("date")),
            "data": orjson.dumps(release).decode(),
        }


def stage_file(
    con: duckdb.DuckDBPyConnection, path: Path, *, max_line_bytes: int | None = None
) -> tuple[FileSummary, list[Rejection]]:
    """Stage one OCDS file's releases (replacing an earlier import of the same bytes)."""
    source_file_id, sha256, size = file_identity(path)
    summary = FileSummary(file=str(path), source_file_id=source_file_id, encoding="utf-8")
    forget_file(con, source_file_id, ("ocds_release",))
    layout, items = read_ocds(path, **({"max_line_bytes": max_line_bytes} if max_line_bytes else {}))
    summary.layout = layout
    rejections: list[Rejection] = []
    batch: list[dict[str, Any]] = []
    lines: set[int] = set()
    for entry in _releases(items, path, source_file_id):
        if isinstance(entry, Rejection):
            rejections.append(entry)
            continue
        batch.append(entry)
        lines.add(entry["source_line"])
        if len(batch) >= BATCH:
            insert_rows(con, "ocds_release", batch)
            batch = []
    insert_rows(con, "ocds_release", batch)
    # The same release twice in one file is staged once.
    con.execute(
        "DELETE FROM ocds_release WHERE source_file_id = ? AND rowid NOT IN (SELECT min(rowid) FROM ocds_release "
        "WHERE source_file_id = ? GROUP BY source_line, position)",
        [source_file_id, source_file_id],
    )
    rejected_lines = {r.line for r in rejections} - lines
    insert_rejections(con, source_file_id, list({(r.line, r.field): r for r in rejections}.values()))
    insert_rows(
        con,
        "source_row",
        [
            {"source_file_id": source_file_id, "source_line": line, "status": "rejected"}
            for line in sorted(rejected_lines)
        ],
    )
    summary.imported = len(lines)
    summary.rejected = len(rejected_lines)
    summary.read = summary.imported + summary.rejected
    register_file(
        con, summary, source_kind="ocds", path=path, sha256=sha256, size=size, attribution=ATTRIBUTION
    )
    return summary, rejections


def _compile(staged: list[dict[str, Any]], merger: Merger) -> tuple[dict[str, Any], int, str, int]:
    """(compiled release, releases merged, source file, line) from a process's staged rows: its
    releases merged with ocdsmerge (each release once), else its latest published compiled release."""
    unique: dict[tuple[Any, Any], tuple[dict[str, Any], str, int]] = {}
    for row in staged:
        if row["kind"] == "release":
            release = orjson.loads(row["data"])
            unique.setdefault((release.get("id"), release.get("date")), (release, row["file"], row["line"]))
    if unique:
        merged = merger.create_compiled_release([release for release, _file, _line in unique.values()])
        _release, file_id, line = min(unique.values(), key=lambda v: (v[1], v[2]))
        return merged, len(unique), file_id, line
    latest = max(staged, key=lambda row: (row["date"] or "", row["file"], -row["line"]))
    return orjson.loads(latest["data"]), 0, latest["file"], latest["line"]


def derive_ocds(con: duckdb.DuckDBPyConnection) -> None:
    """Compile every OCDS process from its staged releases and rebuild its canonical rows."""
    merger = Merger(merge_rules=MERGE_RULES)
    for name in ("award_supplier", "contract", "award", "bid", "item"):
        con.execute(
            f"DELETE FROM \"{name}\" WHERE process_id IN (SELECT process_id FROM process WHERE source_kind = 'ocds')"
        )
    con.execute("DELETE FROM ocds_compiled")
    con.execute("DELETE FROM process WHERE source_kind = 'ocds'")
    con.execute(
        "DELETE FROM source_row WHERE status <> 'rejected' AND source_file_id IN (SELECT source_file_id FROM source_file WHERE source_kind = 'ocds')"
    )
    tables: dict[str, list[dict[str, Any]]] = {}
    provenance: list[dict[str, Any]] = []
    cursor = con.cursor()
    order = "ORDER BY source_file_id, source_line, position"
    cursor.execute(
        f"SELECT ocid, list(kind {order}), list(data {order}), list(date {order}), "
        f"list(source_file_id {order}), list(source_line {order}) FROM ocds_release GROUP BY ocid ORDER BY ocid"
    )
    while chunk := cursor.fetchmany(1000):
        for ocid, *columns in chunk:
            staged = [
                dict(zip(("kind", "data", "date", "file", "line"), values, strict=True))
                for values in zip(*columns, strict=True)
            ]
            compiled, count, file_id, line = _compile(staged, merger)
            compiled["ocid"] = ocid
            rows = map_release(compiled, (file_id, line))
            rows["ocds_compiled"] = [
                {
                    "process_id": ocid,
                    "release": orjson.dumps(compiled).decode(),
                    "releases": count,
                    "source_file_id": file_id,
                    "source_line": line,
                }
            ]
            for name, values in rows.items():
                tables.setdefault(name, []).extend(values)
            for entry in staged:
                provenance.append(
                    {"source_file_id": entry["file"], "source_line": entry["line"], "process_id": ocid}
                )
    cursor.close()
    organisations = tables.pop("organisation", [])
    for name in ("process", "item", "bid", "award", "award_supplier", "contract", "ocds_compiled"):
        insert_rows(con, name, _unique(name, tables.get(name, [])))
    seen: set[tuple[str, int]] = set()
    source_rows = []
    for p in provenance:
        key = (p["source_file_id"], p["source_line"])
        if key not in seen:
            seen.add(key)
            source_rows.append({**p, "status": "imported", "row_table": "process", "row_id": p["process_id"]})
    insert_rows(con, "source_row", source_rows)
    con.execute("CREATE OR REPLACE TEMP TABLE ocds_orgs AS SELECT * FROM organisation LIMIT 0")
    insert_rows(con, "organisation", _unique("organisation", organisations), into="ocds_orgs")
    merge_organisations(con, "ocds_orgs", "ocds")


def _unique(name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep the first row per key (a party named in many processes is one organisation)."""
    from sodsong.procurement.warehouse.schema import table

    key = table(name).primary_key
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        seen.setdefault(tuple(row.get(k) for k in key), row)
    return list(seen.values())
