"""Every documented Cardinal example, run exactly as its COMMANDS.txt line says."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = REPO / "data" / "ocds" / "cardinal-doc-examples"


def commands() -> list[tuple[str, list[str]]]:
    rows = []
    for line in (EXAMPLES / "COMMANDS.txt").read_text().splitlines():
        code, command = line.split("\t")
        rows.append((code, shlex.split(command)))
    return rows


def local(argument: str) -> str:
    """Cardinal's repository paths (docs/examples/R/NNN.jsonl) as paths in our copy."""
    if argument.startswith("docs/examples/"):
        return str(EXAMPLES / Path(argument).name)
    return argument


@pytest.mark.parametrize(("code", "argv"), commands(), ids=[code for code, _ in commands()])
def test_documented_example(code: str, argv: list[str]) -> None:
    assert argv[:2] == ["ocdscardinal", "indicators"]
    args = ["indicators", *(local(a) for a in argv[2:])]
    result = subprocess.run(
        [sys.executable, "-m", "sodsong", *args],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    expected = (EXAMPLES / f"{code}.expected").read_text()
    assert json.loads(result.stdout) == json.loads(expected)
    assert result.stdout == expected
