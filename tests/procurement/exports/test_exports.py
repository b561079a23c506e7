"""Exports: OCDS compiled releases following the e-GP mapping exactly, Parquet, FollowTheMoney."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
from followthemoney import model

from sodsong.procurement import warehouse
from sodsong.procurement.exports import parquet as parquet_export
from sodsong.procurement.exports.ftm import entities
from sodsong.procurement.exports.ocds import releases
from sodsong.procurement.exports.parquet import export_parquet
from sodsong.procurement.sources.runs import import_companies, import_egp, import_ocds, import_politicians
from sodsong.procurement.warehouse.coverage import column_coverage, indicator_readiness, path_coverage
from tests.conftest import SAMPLE_DATA
from tests.procurement.sources.egp_files import DRONE, ICS

REPO = Path(__file__).resolve().parents[3]
OCDS_FILES = sorted((SAMPLE_DATA / "ocds" / "real-examples" / "mexico").rglob("*.json"))


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("exports") / "warehouse.duckdb"
    import_egp([DRONE, ICS], warehouse_path=path)
    import_ocds(OCDS_FILES, warehouse_path=path)
    import_companies([SAMPLE_DATA / "dbd" / "dbd_ics_0305560001659.json"], warehouse_path=path)
    import_politicians([SAMPLE_DATA / "politicians" / "party.yaml"], warehouse_path=path)
    return path


@pytest.fixture(scope="module")
def compiled(loaded: Path) -> dict[str, dict[str, Any]]:
    with warehouse.open(loaded) as con:
        return {r["ocid"]: r for r in (json.loads(line) for line in releases(con))}


def test_every_process_is_one_compiled_release(loaded: Path, compiled: dict[str, dict[str, Any]]) -> None:
    with warehouse.open(loaded) as con:
        processes = con.execute("SELECT count(*) FROM process").fetchone()
    assert processes is not None and len(compiled) == processes[0]
    for release in compiled.values():
        assert {"ocid", "id", "tag", "initiationType"} <= set(release)
        assert release["tag"] == ["compiled"]


def test_an_egp_row_follows_the_mapping_table(compiled: dict[str, dict[str, Any]]) -> None:
    release = compiled["ocds-sodsong-egp-65117587281"]
    tender = release["tender"]
    assert tender["id"] == "65117587281"
    assert tender["title"].startswith("ประกวดราคาซื้อรายการ ชุดปฏิบัติการระบบอากาศยานไร้คนขับ")
    assert release["buyer"]["name"] == "มหาวิทยาลัยเทคโนโลยีพระจอมเกล้าพระนครเหนือ"
    assert tender["procuringEntity"]["name"] == "สำนักงานอธิการบดี"
    assert (tender["procurementMethod"], tender["procurementMethodDetails"]) == (
        "open",
        "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
    )
    assert tender["mainProcurementCategory"] == "goods"
    assert release["planning"]["budget"]["amount"] == {"amount": 9950000.0, "currency": "THB"}
    assert tender["value"] == {"amount": 9950000.0, "currency": "THB"}
    assert tender["datePublished"] == "2022-12-13T00:00:00+07:00"
    assert tender["statusDetails"] == "ระหว่างดำเนินการ"
    (award,) = release["awards"]
    assert award["value"] == {"amount": 9890000.0, "currency": "THB"}
    (supplier,) = award["suppliers"]
    assert supplier["name"] == "บริษัท ไอครีเอทีฟซิสเตมส์ จำกัด"
    party = next(p for p in release["parties"] if p["id"] == supplier["id"])
    assert party["roles"] == ["supplier"] and "identifier" not in party  # the published id is unusable
    buyer = next(p for p in release["parties"] if p["roles"] == ["buyer"])
    assert buyer["id"] == release["buyer"]["id"]
    (contract,) = release["contracts"]
    assert contract == {
        "id": "สนอ. 10/2566",
        "awardID": award["id"],
        "dateSigned": "2023-01-24T00:00:00+07:00",
        "period": {"endDate": "2023-05-24T00:00:00+07:00"},
        "value": {"amount": 9890000.0, "currency": "THB"},
        "status": "active",
        "statusDetails": "ระหว่างดำเนินการ",
    }
    (item,) = tender["items"]
    assert item["deliveryAddress"] == {
        "streetAddress": "บางซื่อ",
        "locality": "บางซื่อ",
        "region": "กรุงเทพมหานคร",
    }


def test_a_usable_winner_id_is_a_th_dbd_identifier(compiled: dict[str, dict[str, Any]]) -> None:
    release = compiled["ocds-sodsong-egp-67119524444"]
    supplier = next(p for p in release["parties"] if "supplier" in p["roles"])
    assert supplier["identifier"] == {"scheme": "TH-DBD", "id": "0305560001659"}


def test_no_nulls_or_empty_values_are_written(compiled: dict[str, dict[str, Any]]) -> None:
    def walk(value: Any) -> None:
        assert value not in (None, [], {})
        if isinstance(value, dict):
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    for release in compiled.values():
        walk(release)


def test_ocds_sourced_processes_are_exported_as_compiled(
    compiled: dict[str, dict[str, Any]], loaded: Path
) -> None:
    with warehouse.open(loaded) as con:
        ocids = [r[0] for r in con.execute("SELECT process_id FROM ocds_compiled").fetchall()]
    assert ocids and all(compiled[o]["tag"] == ["compiled"] for o in ocids)


def test_parquet_has_every_table_and_reads_back(loaded: Path, tmp_path: Path) -> None:
    with warehouse.open(loaded) as con:
        counts = export_parquet(con, tmp_path / "out")
        expected = warehouse.table_checksums(con)
    assert set(counts) == {t.name for t in warehouse.TABLES}
    reader = duckdb.connect()
    for name, (rows, _hash) in expected.items():
        assert reader.execute(f"SELECT count(*) FROM '{tmp_path / 'out' / name}.parquet'").fetchone() == (
            rows,
        )
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["schema_version"] == warehouse.SCHEMA_VERSION


def test_a_parquet_export_that_fails_leaves_nothing_behind(
    loaded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The files appear together, after every table is written: a failure half-way (here a
    table the warehouse lacks) leaves the directory as it was."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    missing = dataclasses.replace(warehouse.TABLES[-1], name="not_a_table")
    monkeypatch.setattr(parquet_export, "TABLES", (*warehouse.TABLES, missing))
    with warehouse.open(loaded) as con, pytest.raises(duckdb.CatalogException):
        export_parquet(con, out)
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_ftm_entities_are_valid(loaded: Path) -> None:
    with warehouse.open(loaded) as con:
        lines = [json.loads(line) for line in entities(con)]
    assert len({e["id"] for e in lines}) == len(lines)
    schemas = {e["schema"] for e in lines}
    assert {"Company", "PublicBody", "Person", "Directorship"} <= schemas
    for data in lines:
        proxy = model.get_proxy(data, cleaned=False)
        assert all(proxy.get(p) for p in proxy.schema.required)


def test_coverage_says_what_is_computable(loaded: Path) -> None:
    with warehouse.open(loaded) as con:
        columns = column_coverage(con)
        total, paths = path_coverage(releases(con))
        readiness = {r.code: r for r in indicator_readiness(con, paths, columns)}
    assert columns["process"][1]["reference_price"] > 0
    assert paths["tender/value/amount"] > 0 and total == columns["process"][0]
    # The e-GP open data has no bid lists: bid indicators are not computable, and say why.
    assert not readiness["TH-EQUAL"].computable and "bid.amount" in readiness["TH-EQUAL"].missing
    assert readiness["TH-REF-VS-BUDGET"].computable
    assert not readiness["R028"].computable


def run(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SODSONG_DATA_DIR": str(data_dir), "PYTHONPATH": str(REPO / "src")}
    for name in ("DJANGO_SETTINGS_MODULE", "SODSONG_WAREHOUSE"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "sodsong", *args], env=env, capture_output=True, text=True, timeout=600
    )


def test_the_commands_end_to_end(tmp_path: Path) -> None:
    result = run(["import", "egp", str(ICS)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "ics_egp_contracts.csv" in result.stdout
    result = run(["export", "ocds"], tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 5 and all(json.loads(line)["ocid"].startswith("ocds-sodsong-egp-") for line in lines)
    out = tmp_path / "releases.jsonl"
    assert run(["export", "ocds", "--output", str(out)], tmp_path).returncode == 0
    assert out.read_text().strip().splitlines() == lines
    assert run(["export", "parquet", str(tmp_path / "pq")], tmp_path).returncode == 0
    assert (tmp_path / "pq" / "process.parquet").exists()
    assert run(["export", "ftm", "--output", str(tmp_path / "e.jsonl")], tmp_path).returncode == 0
    result = run(["coverage", "--json"], tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["tables"]["process"]["rows"] == 5
    result = run(["import", "egp", str(tmp_path / "missing.csv")], tmp_path)
    assert result.returncode == 2 and "no such file" in result.stderr
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = run(["export", "parquet", str(blocker / "pq")], tmp_path)
    assert result.returncode == 2 and result.stderr.startswith(
        f"sodsong: error: {blocker / 'pq'}: cannot write ("
    )
