"""The e-GP importer leaves exactly the rows it left before it was rewritten for speed.

Expected checksums (golden_egp.json) were recorded with the importer of commit 6783a3b; see
golden_egp.py for the scenarios: the real samples, a sequence of messy files over overlapping
projects in one warehouse (every trap and rejection at once, re-imports, several encodings and
layouts), and a 200,000-row file from the benchmark generator with more files imported on top.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.procurement.sources import golden_egp


def expected(prefixes: tuple[str, ...]) -> dict[str, object]:
    recorded = json.loads(golden_egp.EXPECTED.read_text())
    return {step: value for step, value in recorded.items() if step.startswith(prefixes)}


@pytest.mark.slow
def test_samples_and_messy_files_import_exactly_as_recorded(tmp_path: Path) -> None:
    want = expected(("samples", "sequence/"))
    assert len(want) == 6
    assert golden_egp.differences(want, golden_egp.run_small(tmp_path)) == []


@pytest.mark.slow
def test_a_bench_sized_file_imports_exactly_as_recorded(tmp_path: Path) -> None:
    want = expected(("bench/",))
    assert len(want) == 2
    assert golden_egp.differences(want, golden_egp.run_bench(tmp_path)) == []
