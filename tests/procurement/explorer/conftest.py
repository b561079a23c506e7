"""Fixtures for the explorer tests: the sample warehouse with its search index, built once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.procurement.explorer.sample import build_sample


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse with the sample rows and its index (built once per test run)."""
    path = tmp_path_factory.mktemp("explorer") / "warehouse.duckdb"
    build_sample(path)
    return path


@pytest.fixture
def explorer(sample_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Points SODSONG_WAREHOUSE at the sample warehouse for this test."""
    monkeypatch.setenv("SODSONG_WAREHOUSE", str(sample_warehouse))
    yield sample_warehouse


@pytest.fixture(autouse=True)
def _fresh_search_cache() -> Iterator[None]:
    """Each test starts with an empty search cache (the sample index is shared by all)."""
    from sodsong.procurement.search import cache

    cache.results.clear()
    yield
    cache.results.clear()
