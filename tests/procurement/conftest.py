"""Fixtures for the procurement tests: a private warehouse per test."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def warehouse_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh warehouse location for this test (SODSONG_WAREHOUSE points at it)."""
    path = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("SODSONG_WAREHOUSE", str(path))
    return path
