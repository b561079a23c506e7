"""The mypyc build of the hot modules is used only when it matches the sources exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from sodsong.procurement.indicators.ocds import compiled


def test_definitions_come_from_the_sources_even_when_compiled() -> None:
    doc = compiled.module_doc("sodsong.procurement.indicators.ocds.r036")
    assert doc.startswith("Lowest bid disqualified (R036).")
    assert "\n    " not in doc  # cleaned like inspect.getdoc


def test_the_key_covers_every_compiled_source() -> None:
    here = Path(compiled.__file__).parent
    assert all((here / f"{name}.py").exists() for name in compiled.MODULES)
    assert "r044" in compiled.MODULES and "fold" in compiled.MODULES
    assert compiled.key() == compiled.key()
    assert compiled.target().parent.name == "_mypyc"


def test_without_a_matching_build_the_python_modules_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compiled, "target", lambda: tmp_path / "missing")
    path: list[str] = []
    assert compiled.activate(path) is False
    assert path == []


def test_the_pure_python_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SODSONG_PURE_PYTHON", "1")
    path: list[str] = []
    assert compiled.activate(path) is False
    assert path == []
