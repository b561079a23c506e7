"""OCDS import: every real example file, every shape, compiled with ocdsmerge, bad JSON reported."""

from __future__ import annotations

import gzip
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pytest
from ocdsmerge import Merger

from sodsong.procurement import warehouse
from sodsong.procurement.sources import ocds_read
from sodsong.procurement.sources.ocds_map import MERGE_RULES
from sodsong.procurement.sources.ocds_read import MAX_DEPTH, read_ocds
from sodsong.procurement.sources.runs import import_ocds
from tests.conftest import SAMPLE_DATA

EXAMPLES = SAMPLE_DATA / "ocds" / "real-examples"
FILES = sorted(EXAMPLES.rglob("*.json"))
EMPTY = sorted(p for p in FILES if p.stat().st_size == 0)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    path = tmp_path_factory.mktemp("ocds") / "warehouse.duckdb"
    return path, import_ocds(FILES, warehouse_path=path)


def run(imported: tuple[Path, Any], sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with warehouse.open(imported[0]) as con:
        return con.execute(sql, params or []).fetchall()


def test_every_real_example_file_imports_and_empty_files_are_reported(imported: tuple[Path, Any]) -> None:
    summary = imported[1]
    assert len(FILES) == 216 and len(EMPTY) == 3
    assert sorted(summary.errors) == sorted(
        f"{p}: the file is empty (expected an OCDS release, record, release package or record package as JSON)"
        for p in EMPTY
    )
    assert summary.rejected == 0
    assert len([f for f in summary.files if f.layout]) == len(FILES) - 3
    assert run(imported, "SELECT count(DISTINCT ocid) FROM ocds_release") == run(
        imported, "SELECT count(*) FROM process"
    )
    assert run(imported, "SELECT count(*) FROM process WHERE source_kind = 'ocds'") == [(171,)]
    with warehouse.open(imported[0]) as con:
        assert warehouse.duplicate_keys(con) == {}


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_each_file_is_read_with_its_shape_detected(path: Path) -> None:
    if path in EMPTY:
        with pytest.raises(ValueError, match="the file is empty"):
            read_ocds(path)
        return
    layout, items = read_ocds(path)
    releases = list(items)
    assert layout in {"release-package", "record-package", "release", "record", "json-array"}
    assert releases and all(getattr(r, "release", None) for r in releases)


def test_a_record_is_compiled_from_its_releases_with_ocdsmerge(imported: tuple[Path, Any]) -> None:
    path = EXAMPLES / "moldova" / "sample" / "records" / "ocds-ngfbwp-19752128.json"
    record = json.loads(path.read_text())
    ocid = record["releases"][0]["ocid"]
    expected = Merger(merge_rules=MERGE_RULES).create_compiled_release(record["releases"])
    ((release, count),) = run(
        imported, "SELECT release, releases FROM ocds_compiled WHERE process_id = ?", [ocid]
    )
    compiled = orjson.loads(release)
    assert compiled["tender"] == expected["tender"]
    assert compiled["tag"] == ["compiled"]
    assert count == len({(r["id"], r["date"]) for r in record["releases"]})


def test_releases_of_one_process_in_many_files_are_compiled_together(imported: tuple[Path, Any]) -> None:
    (row,) = run(
        imported,
        "SELECT count(DISTINCT r.source_file_id), c.releases FROM ocds_release r JOIN ocds_compiled c "
        "ON c.process_id = r.ocid WHERE r.ocid = 'ocds-03ad3f-273637' GROUP BY c.releases",
    )
    files, releases = row
    assert files > 1 and releases >= 3
    (process,) = run(
        imported,
        "SELECT project_no, title IS NOT NULL, procurement_method, buyer_name FROM process WHERE process_id = ?",
        ["ocds-03ad3f-273637"],
    )
    assert process[0] and process[1]
    awards = run(imported, "SELECT count(*) FROM award WHERE process_id = 'ocds-03ad3f-273637'")[0][0]
    contracts = run(imported, "SELECT count(*) FROM contract WHERE process_id = 'ocds-03ad3f-273637'")[0][0]
    assert awards >= 1 and contracts >= 1


def test_parties_become_organisations_and_awards_name_their_suppliers(imported: tuple[Path, Any]) -> None:
    assert run(
        imported,
        "SELECT count(*) FROM award_supplier s LEFT JOIN organisation o USING (org_id) WHERE o.org_id IS NULL",
    ) == [(0,)]
    assert (
        run(imported, "SELECT count(*) FROM organisation WHERE source_kind = 'ocds' AND kind = 'agency'")[0][
            0
        ]
        > 0
    )
    assert run(
        imported,
        "SELECT count(*) FROM process p LEFT JOIN organisation o ON o.org_id = p.buyer_id "
        "WHERE p.buyer_id IS NOT NULL AND o.org_id IS NULL",
    ) == [(0,)]


def test_money_and_dates_are_typed(imported: tuple[Path, Any]) -> None:
    rows = run(imported, "SELECT value_amount, currency FROM award WHERE value_amount IS NOT NULL LIMIT 5")
    assert rows and all(isinstance(amount, Decimal) for amount, _ in rows)
    assert run(
        imported, "SELECT typeof(date_published), typeof(tender_period_start) FROM process LIMIT 1"
    ) == [("DATE", "TIMESTAMP WITH TIME ZONE")]


def _release(ocid: str, **extra: Any) -> dict[str, Any]:
    return {"ocid": ocid, "id": f"{ocid}-1", "date": "2024-01-02T00:00:00Z", "tag": ["tender"],
            "tender": {"id": ocid, "title": "t", "value": {"amount": 100, "currency": "THB"}}, **extra}  # fmt: skip


def test_json_lines_with_bad_lines(tmp_path: Path, warehouse_path: Path) -> None:
    bomb = "[" * (MAX_DEPTH + 10) + "]" * (MAX_DEPTH + 10)
    deep: dict[str, Any] = {}
    cursor = deep
    for _ in range(MAX_DEPTH + 5):
        cursor["x"] = {}
        cursor = cursor["x"]
    lines = [
        json.dumps(_release("ocds-test-1")),
        '{"ocid": "ocds-test-2", "tag": [',
        json.dumps(_release("ocds-test-3", extra=deep)),
        bomb,
        json.dumps({"releases": [_release("ocds-test-4"), _release("ocds-test-5")]}),
        json.dumps({"no": "ocid"}),
        json.dumps(_release("ocds-test-6", padding="x" * 5000)),
    ]
    path = tmp_path / "releases.jsonl"
    path.write_text("\n".join(lines) + "\n")
    summary = import_ocds([path], warehouse_path=warehouse_path, max_line_bytes=4000)
    assert summary.files[0].layout == "json-lines"
    found = {(r.line, r.field): r.expected for r in summary.rejections}
    assert found[(2, "*")].startswith("valid JSON (")
    assert found[(3, "*")] == f"JSON nested at most {MAX_DEPTH} levels deep"
    assert found[(4, "*")] == f"JSON nested at most {MAX_DEPTH} levels deep"
    assert found[(6, "*")] == "an OCDS release, record, release package or record package"
    assert found[(7, "*")] == "a line of at most 4000 bytes"
    assert (summary.imported, summary.rejected) == (2, 5)
    with warehouse.open() as con:
        processes = sorted(r[0] for r in con.execute("SELECT process_id FROM process").fetchall())
    assert processes == ["ocds-test-1", "ocds-test-4", "ocds-test-5"]


def test_a_nesting_bomb_in_a_package_is_one_clear_message(tmp_path: Path, warehouse_path: Path) -> None:
    path = tmp_path / "bomb.json"
    path.write_text('{"releases": [' + "[" * 100000 + "]" * 100000 + "]}")
    summary = import_ocds([path], warehouse_path=warehouse_path)
    assert summary.errors == [f"{path}: expected JSON nested at most {MAX_DEPTH} levels deep"]


def test_invalid_json_names_the_line_and_column(tmp_path: Path, warehouse_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "releases": [\n    {"ocid": "x",}\n  ]\n}\n')
    summary = import_ocds([path], warehouse_path=warehouse_path)
    (error,) = summary.errors
    assert error.startswith(f"{path}: expected valid JSON (") and "line 3" in error


def test_reimporting_changes_nothing(tmp_path: Path, warehouse_path: Path) -> None:
    files = sorted((EXAMPLES / "mexico").rglob("*.json"))
    import_ocds(files, warehouse_path=warehouse_path)
    with warehouse.open() as con:
        first = warehouse.table_checksums(con)
    import_ocds(files, warehouse_path=warehouse_path)
    with warehouse.open() as con:
        assert warehouse.table_checksums(con) == first


def _processes(path: Path) -> list[tuple[Any, ...]]:
    with warehouse.open(path) as con:
        return con.execute("SELECT process_id, title FROM process ORDER BY 1").fetchall()


def test_compressed_json_lines_and_packages_import_as_the_plain_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OCDS bulk downloads come as .jsonl.gz: read as they are, each shape as in the plain file."""
    lines = [json.dumps(_release(f"ocds-test-{n}")) for n in range(3)]
    jsonl = tmp_path / "releases.jsonl"
    jsonl.write_text("\n".join(lines) + "\n")
    package = sorted((EXAMPLES / "mexico").rglob("*.json"))[0]
    plain = import_ocds([jsonl, package], warehouse_path=tmp_path / "plain" / "warehouse.duckdb")
    packed = []
    for source, name in ((jsonl, "releases.jsonl.gz"), (package, "package.json.gz")):
        packed.append(tmp_path / name)
        packed[-1].write_bytes(gzip.compress(source.read_bytes()))
    summary = import_ocds(packed, warehouse_path=tmp_path / "packed" / "warehouse.duckdb")
    assert summary.errors == plain.errors == []
    assert [f.layout for f in summary.files] == [f.layout for f in plain.files]
    assert (summary.imported, summary.rejected) == (plain.imported, plain.rejected)
    assert _processes(tmp_path / "packed" / "warehouse.duckdb") == _processes(
        tmp_path / "plain" / "warehouse.duckdb"
    )
    # A package bigger than the whole-file limit once decompressed is streamed, not read whole.
    monkeypatch.setattr(ocds_read, "WHOLE_FILE_BYTES", 100)
    layout, items = read_ocds(packed[1])
    assert layout == "package-streamed" and list(items)


def test_damaged_compressed_json_lines_are_one_clear_error(tmp_path: Path, warehouse_path: Path) -> None:
    lines = [json.dumps(_release(f"ocds-test-{n}", padding="x" * 200)) for n in range(200)]
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode())[:-40])
    summary = import_ocds([path], warehouse_path=warehouse_path)
    assert summary.errors == [f"{path}: the gzip data is cut short or corrupt (expected a whole gzip file)"]
    with warehouse.open() as con:
        assert con.execute("SELECT count(*) FROM ocds_release").fetchone() == (0,)
