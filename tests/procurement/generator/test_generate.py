"""The generator: deterministic files, the warehouse layout, sane distributions, round trips."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from sodsong.procurement import warehouse
from sodsong.procurement.exports.parquet import export_parquet
from sodsong.procurement.generator import GROUND_TRUTH, Generated, generate
from sodsong.procurement.sources.parquet import import_parquet
from sodsong.procurement.warehouse.schema import TABLES, duplicate_keys
from sodsong.thai import company_match_key
from tests.procurement.generator.conftest import PROJECTS

REPO = Path(__file__).resolve().parents[3]


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_the_same_seed_gives_the_same_files_and_another_seed_others(tmp_path: Path) -> None:
    first = _digests(generate(tmp_path / "a", 3000, seed=11).folder)
    again = _digests(generate(tmp_path / "b", 3000, seed=11).folder)
    other = _digests(generate(tmp_path / "c", 3000, seed=12).folder)
    assert first == again
    assert {f"{t.name}.parquet" for t in TABLES} | {"manifest.json", GROUND_TRUTH} == set(first)
    changed = {name for name in first if first[name] != other[name]}
    assert {
        "process.parquet",
        "bid.parquet",
        "award.parquet",
        "organisation.parquet",
        GROUND_TRUTH,
    } <= changed


def test_the_folder_is_the_export_layout(generated: Generated) -> None:
    manifest = json.loads((generated.folder / "manifest.json").read_text())
    assert manifest["tables"]["process"] == PROJECTS
    assert manifest["tables"]["award"] == PROJECTS
    assert manifest["tables"]["bid"] > PROJECTS
    assert not (generated.folder / ".generate").exists()


def test_company_name_keys_are_the_match_keys_of_the_names(generated: Generated) -> None:
    """The keys are built per name template (entities.company_key_parts), not per company: they
    must equal company_match_key of every generated name, as an importer would compute them."""
    import duckdb

    path = generated.folder / "organisation.parquet"
    con = duckdb.connect()
    rows = con.execute(
        "SELECT name, name_key FROM read_parquet(?) WHERE kind = 'company'", [str(path)]
    ).fetchall()
    assert len(rows) > 100
    assert [(n, company_match_key(n)) for n, _k in rows] == rows


def test_keys_are_unique_and_references_resolve(loaded: Path) -> None:
    with warehouse.open(loaded) as con:
        assert duplicate_keys(con) == {}
        for sql in (
            "SELECT count(*) FROM bid b LEFT JOIN organisation o ON o.org_id = b.tenderer_id WHERE o.org_id IS NULL",
            "SELECT count(*) FROM bid b LEFT JOIN item i USING (item_id) WHERE b.item_id IS NOT NULL AND i.item_id IS NULL",
            "SELECT count(*) FROM award_supplier a LEFT JOIN organisation o USING (org_id) WHERE o.org_id IS NULL",
            "SELECT count(*) FROM relation r LEFT JOIN organisation o ON o.org_id = r.subject_id WHERE o.org_id IS NULL",
            "SELECT count(*) FROM relation r LEFT JOIN organisation o ON o.org_id = r.object_id WHERE o.org_id IS NULL",
            "SELECT count(*) FROM process p LEFT JOIN organisation o ON o.org_id = p.procuring_entity_id "
            "WHERE o.org_id IS NULL",
            "SELECT count(*) FROM process WHERE source_kind <> 'synthetic' OR process_id NOT LIKE 'ocds-sodsong-syn-%'",
            # the winner is the lowest priced bid and its price is the award's
            "SELECT count(*) FROM award a WHERE a.value_amount <> (SELECT min(amount) FROM bid b WHERE b.process_id = a.process_id "
            "AND b.stage = 'priced') AND (SELECT count(*) FROM item i WHERE i.process_id = a.process_id) = 1",
        ):
            assert con.execute(sql).fetchone() == (0,), sql


def test_distributions_follow_the_calibration(loaded: Path) -> None:
    with warehouse.open(loaded) as con:
        shares = dict(
            con.execute(
                "SELECT procurement_method, count(*) / sum(count(*)) OVER () FROM process GROUP BY 1"
            ).fetchall()
        )
        months = dict(
            con.execute("SELECT month(date_published), count(*) FROM process GROUP BY 1").fetchall()
        )
        median = con.execute(
            "SELECT median(reference_price) FROM process WHERE procurement_method = 'direct' "
            "AND main_procurement_category = 'goods'"
        ).fetchone()
        outside = con.execute(
            "SELECT count(*) FROM process WHERE date_published < make_date(fiscal_year - 544, 10, 1) "
            "OR date_published > make_date(fiscal_year - 543, 9, 30)"
        ).fetchone()
        equal = con.execute(
            "SELECT avg((a.value_amount = p.reference_price)::INTEGER) FROM award a JOIN process p USING (process_id) "
            "WHERE p.procurement_method = 'direct'"
        ).fetchone()
    assert 0.82 < shares["direct"] < 0.93 and 0.03 < shares["open"] < 0.12
    assert max(months, key=lambda m: months[m]) == 9
    assert median is not None and 26_000 < float(median[0]) < 104_000
    assert outside == (0,)
    assert equal is not None and 0.8 < equal[0] < 0.97


def test_round_trip_through_export_and_reimport(loaded: Path, generated: Generated, tmp_path: Path) -> None:
    with warehouse.open(loaded) as con:
        before = warehouse.table_checksums(con)
        export_parquet(con, tmp_path / "export")
    import_parquet(tmp_path / "export", warehouse_path=tmp_path / "copy.duckdb")
    with warehouse.open(tmp_path / "copy.duckdb") as con:
        assert warehouse.table_checksums(con) == before
    import_parquet(generated.folder, warehouse_path=loaded)
    with warehouse.open(loaded) as con:
        assert warehouse.table_checksums(con) == before


def test_the_command(tmp_path: Path) -> None:
    env = {**os.environ, "SODSONG_DATA_DIR": str(tmp_path), "PYTHONPATH": str(REPO / "src")}
    for name in ("DJANGO_SETTINGS_MODULE", "SODSONG_WAREHOUSE"):
        env.pop(name, None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "sodsong", *args], env=env, capture_output=True, text=True, timeout=600
        )

    result = run(
        "generate", "--projects", "500", "--seed", "5", "--anomaly-rate", "5%", "--out", str(tmp_path / "g")
    )
    assert result.returncode == 0, result.stderr
    assert "TH-NEAR-REF" in result.stdout and (tmp_path / "g" / GROUND_TRUTH).exists()
    result = run("import", "parquet", str(tmp_path / "g"))
    assert result.returncode == 0, result.stderr
    assert "ground_truth.csv" in result.stdout
    (tmp_path / "g" / "bid.parquet").unlink()
    result = run("import", "parquet", str(tmp_path / "g"))
    assert result.returncode == 1 and "bid.parquet: missing" in result.stderr
    result = run("generate", "--projects", "10", "--anomaly-rate", "0.5", "--out", str(tmp_path / "x"))
    assert result.returncode == 2 and "anomaly rate" in result.stderr
