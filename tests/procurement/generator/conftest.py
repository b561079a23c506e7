"""A small generated dataset with a high anomaly rate (every code planted), imported once."""

from __future__ import annotations

from pathlib import Path

import pytest

from sodsong.procurement.generator import Generated, generate
from sodsong.procurement.sources.parquet import import_parquet

PROJECTS = 4000
RATE = 0.05


@pytest.fixture(scope="package")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(tmp_path_factory.mktemp("generated") / "out", PROJECTS, seed=3, anomaly_rate=RATE)


@pytest.fixture(scope="package")
def loaded(generated: Generated, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    import_parquet(generated.folder, warehouse_path=path)
    return path
