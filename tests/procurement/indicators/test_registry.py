"""The registry describes every indicator completely, and docs/indicators.md is generated from it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sodsong.procurement.indicators import REGISTRY, IndicatorSpec, Parameter, Registry, RegistryError
from sodsong.procurement.indicators.docs import DOCS_PATH, main, render

CARDINAL_CODES = [
    "R003",
    "R018",
    "R024",
    "R025",
    "R028",
    "R030",
    "R035",
    "R036",
    "R038",
    "R044",
    "R048",
    "R058",
]


def test_every_cardinal_indicator_is_registered() -> None:
    assert [spec.code for spec in REGISTRY.family("ocds")] == CARDINAL_CODES


def test_every_indicator_declares_every_field() -> None:
    assert REGISTRY.problems() == []


@pytest.mark.parametrize("name", ["title_th", "title_en", "output", "source", "definition"])
def test_a_missing_field_is_a_problem(name: str) -> None:
    spec = dataclasses.replace(REGISTRY.get("R024"), **{name: ""})
    registry = Registry()
    registry.register(spec)
    assert registry.problems() == [f"R024: {name} is empty"]


def test_levels_fields_and_thai_titles_are_checked() -> None:
    spec = dataclasses.replace(
        REGISTRY.get("R018"), levels=("Supplier",), required_fields=(), title_th="Single"
    )
    assert spec.problems() == [
        "R018: unknown level 'Supplier'",
        "R018: no required field",
        "R018: title_th is not Thai",
    ]


def test_thai_title_of_single_bid() -> None:
    assert REGISTRY.get("R018").title_th == "เสนอราคาเพียงรายเดียว"


def test_codes_are_unique_and_parameter_types_known() -> None:
    registry = Registry()
    registry.register(REGISTRY.get("R003"))
    with pytest.raises(RegistryError, match="twice"):
        registry.register(REGISTRY.get("R003"))
    with pytest.raises(RegistryError, match="type"):
        Parameter("x", "decimal", 1, "no such type")


def test_definition_comes_from_the_module_docstring() -> None:
    from sodsong.procurement.indicators.ocds import r036

    assert REGISTRY.get("R036").definition.startswith("Lowest bid disqualified (R036).")
    assert r036.__doc__ is not None
    assert isinstance(r036.SPEC, IndicatorSpec)


def test_committed_docs_are_up_to_date() -> None:
    assert DOCS_PATH.read_text(encoding="utf-8") == render(), (
        "docs/indicators.md is stale: run python -m sodsong.procurement.indicators.docs --write"
    )


def test_docs_check_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "indicators.md"
    stale.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr("sodsong.procurement.indicators.docs.DOCS_PATH", stale)
    assert main(["--check"]) == 1
    assert main(["--write"]) == 0
    assert main(["--check"]) == 0
    assert "เสนอราคาเพียงรายเดียว" in stale.read_text(encoding="utf-8")
