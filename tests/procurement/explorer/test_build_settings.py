"""The index build's DuckDB memory limit: the setting when given, else a share of the machine."""

from __future__ import annotations

import os

import pytest

from sodsong.procurement.search.build import MEMORY_SHARE, memory_limit


def test_a_configured_limit_is_used_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SODSONG_SEARCH_BUILD_MEMORY", "12GB")
    assert memory_limit() == "12GB"


@pytest.mark.parametrize("value", [None, "", "  "])
def test_unset_or_blank_takes_a_share_of_the_machines_memory(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("SODSONG_SEARCH_BUILD_MEMORY", raising=False)
    else:
        monkeypatch.setenv("SODSONG_SEARCH_BUILD_MEMORY", value)
    total_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    limit = memory_limit()
    assert limit.endswith("MB")
    # Not the old fixed 8 GB, which ran out of memory at 10 M projects on a 24 GB machine.
    assert int(limit[:-2]) == pytest.approx(total_mb * MEMORY_SHARE, rel=0.01)
