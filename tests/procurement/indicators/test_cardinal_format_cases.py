"""Cases in Cardinal's own test format (cardinal-rs tests/fixtures/indicators, build.rs).

A case is `NAME.jsonl` with `NAME.expected`. The name says the settings, as Cardinal's
build.rs reads it: `R024` enables R024 with defaults; `R003-threshold-10` sets one key
(`+` stands for `|`); `R003-procurement_method_details-x-5-y-10` sets a table
([R003.procurement_method_details] x = 5, y = 10); any other single suffix (`R038-tenderer`)
is a variant with defaults. Every case also has Cardinal's test globals:
`no_price_comparison_procurement_methods = NPC` and `[exclusions] procurement_method_details = EXC`.
The output (without Meta, as Cardinal's tests compare `results`) must equal the expected JSON,
and its text must equal the file's text.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"
REPO = Path(__file__).resolve().parents[3]


def settings_for(name: str) -> str:
    """The INI that Cardinal's build.rs settings for this fixture name amount to."""
    parts = name.replace("+", "|").split("-")
    ident, rest = parts[0], parts[1:]
    lines = [
        "no_price_comparison_procurement_methods = NPC",
        "",
        "[exclusions]",
        "procurement_method_details = EXC",
        "",
    ]
    if len(rest) == 2:
        lines += [f"[{ident}]", f"{rest[0]} = {rest[1]}"]
    elif len(rest) > 2:
        field, pairs = rest[0], rest[1:]
        lines += [f"[{ident}.{field}]", *(f"{k} = {v}" for k, v in zip(pairs[::2], pairs[1::2], strict=True))]
    else:
        lines += [f"[{ident}]"]
    return "\n".join(lines) + "\n"


def names() -> list[str]:
    return sorted(path.stem for path in CASES.glob("*.jsonl"))


def run_case(name: str, tmp_path: Path) -> str:
    from sodsong.procurement.indicators.ocds import SPECS
    from sodsong.procurement.indicators.ocds.engine import run_file
    from sodsong.procurement.indicators.ocds.output import render
    from sodsong.procurement.indicators.ocds.settings import parse_settings

    settings = parse_settings(settings_for(name), SPECS)
    run = run_file(CASES / f"{name}.jsonl", settings)
    return render(run.results, meta=False) + "\n"


@pytest.mark.parametrize("name", names())
def test_case(name: str, tmp_path: Path) -> None:
    expected = (CASES / f"{name}.expected").read_text()
    output = run_case(name, tmp_path)
    assert json.loads(output) == json.loads(expected)
    assert output == expected


def test_settings_from_names() -> None:
    assert settings_for("R038-tenderer").endswith("[R038]\n")
    assert settings_for("R003-procurement_methods-open+selective").endswith(
        "[R003]\nprocurement_methods = open|selective\n"
    )
    assert settings_for("R003-procurement_method_details-x-5-y-10").endswith(
        "[R003.procurement_method_details]\nx = 5\ny = 10\n"
    )


def test_cases_through_the_command(tmp_path: Path) -> None:
    """The same settings, written to a file and given to `sodsong indicators`."""
    name = "R003-procurement_method_details-x-5-y-10"
    ini = tmp_path / "settings.ini"
    ini.write_text(settings_for(name))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sodsong",
            "indicators",
            "--settings",
            str(ini),
            "--no-meta",
            str(CASES / f"{name}.jsonl"),
        ],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (CASES / f"{name}.expected").read_text()
