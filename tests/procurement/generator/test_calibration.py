"""The generator's numbers are the measurements on the real e-GP rows (calibrate.py), and the
generated data measures the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from sodsong.procurement import warehouse
from sodsong.procurement.generator import vocab
from sodsong.procurement.generator.calibrate import measure
from sodsong.procurement.sources.runs import import_egp
from tests.procurement.sources.egp_files import DRONE, ICS


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    path = tmp_path_factory.mktemp("real") / "warehouse.duckdb"
    import_egp([DRONE, ICS], warehouse_path=path)
    with warehouse.open(path) as con:
        return measure(con)


def test_vocab_holds_the_measured_numbers(real: dict[str, object]) -> None:
    methods = dict(real["methods"])  # type: ignore[call-overload]
    total = sum(methods.values())
    assert methods["เฉพาะเจาะจง"] / total == pytest.approx(vocab.METHODS[0][3], abs=0.001)
    years = dict(real["fiscal_years"])  # type: ignore[call-overload]
    counted = sum(n for y, n in years.items() if y >= 2565)
    for year, share in vocab.FISCAL_YEARS:
        assert years[year] / counted == pytest.approx(share, abs=0.001)
    equal, _above, _q = real["reference_equals_budget"]  # type: ignore[misc]
    assert equal == pytest.approx(vocab.REF_EQUALS_BUDGET, abs=0.001)
    ratios = {row[0]: row for row in real["win_ratio"]}  # type: ignore[union-attr]
    for method, (share_equal, _median, _sd) in vocab.WIN_RATIO.items():
        assert ratios[method][2] == pytest.approx(share_equal, abs=0.001)
    prices = {row[0]: row for row in real["reference_price"]}  # type: ignore[union-attr]
    assert prices["direct/goods"][2] == pytest.approx(vocab.AMOUNTS[("direct", "goods")][0], rel=0.001)
    provinces = dict(real["provinces"])  # type: ignore[call-overload]
    assert all(provinces.get(code) == rows for code, rows in vocab.PROVINCE_ROWS.items() if rows > 1)


def test_generated_data_measures_like_the_real_rows(real: dict[str, object], loaded: Path) -> None:
    with warehouse.open(loaded) as con:
        generated = measure(con, "synthetic")
    real_ratio = {row[0]: row for row in real["win_ratio"]}  # type: ignore[union-attr]
    for row in generated["win_ratio"]:
        method, _n, equal, _quantiles = row
        assert equal == pytest.approx(real_ratio[method][2], abs=0.08)
    assert generated["contract_days"][0][0][1] == pytest.approx(60, abs=8)
    with pytest.raises(ValueError, match="source_kind"):
        measure(con, "bogus")
