"""`sodsong indicators` as a user runs it: settings errors, malformed lines, stdin, --map, --docs."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = REPO / "data" / "ocds" / "cardinal-doc-examples"


def sodsong(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sodsong", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin", **(env or {})},
        timeout=120,
    )


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_indicator_section_is_named(tmp_path: Path) -> None:
    ini = write(tmp_path / "s.ini", "[R024]\n[R999]\n")
    result = sodsong("indicators", "--settings", str(ini), str(EXAMPLES / "024.jsonl"))
    assert result.returncode == 2
    assert "[R999]" in result.stderr and "line 2" in result.stderr
    assert result.stdout == ""


def test_unknown_setting_is_named(tmp_path: Path) -> None:
    ini = write(tmp_path / "s.ini", "[R024]\nthreshhold = 0.1\n")
    result = sodsong("indicators", "--settings", str(ini), str(EXAMPLES / "024.jsonl"))
    assert result.returncode == 2
    assert "`threshhold`" in result.stderr and "R024" in result.stderr and "threshold" in result.stderr


def test_bad_value_is_named(tmp_path: Path) -> None:
    ini = write(tmp_path / "s.ini", "[R048]\ndigits = two\n")
    result = sodsong("indicators", "--settings", str(ini), str(EXAMPLES / "048.jsonl"))
    assert result.returncode == 2
    assert "expected" in result.stderr and "'two'" in result.stderr


def test_missing_input_and_settings(tmp_path: Path) -> None:
    assert sodsong("indicators", str(tmp_path / "none.jsonl")).returncode == 2
    result = sodsong("indicators", "--settings", str(tmp_path / "none.ini"), str(EXAMPLES / "024.jsonl"))
    assert result.returncode == 2 and "does not exist" in result.stderr


def test_malformed_lines_are_reported_and_skipped(tmp_path: Path) -> None:
    lines = (EXAMPLES / "024.jsonl").read_text().splitlines()
    broken = [
        lines[0],
        '{"ocid":"broken",',  # line 2: truncated
        "",  # line 3: blank, skipped silently
        lines[1],
        "[1, 2]",  # line 5: valid JSON, not a release: skipped silently
        '{"ocid": 7}',  # line 6: non-string ocid: skipped silently
        "{'ocid': 'x'}",  # line 7: not JSON
        *lines[2:],
    ]
    data = write(tmp_path / "in.jsonl", "\n".join(broken) + "\n")
    ini = EXAMPLES / "024.ini"
    result = sodsong("indicators", "--settings", str(ini), "--no-meta", str(data))
    assert result.returncode == 0
    assert result.stdout == (EXAMPLES / "024.expected").read_text()
    reported = [line for line in result.stderr.splitlines() if "invalid JSON" in line]
    assert [line.split("Line ")[1].split(" ")[0] for line in reported] == ["2", "7"]


def test_nesting_bombs_are_reported_and_skipped_like_serde_json(tmp_path: Path) -> None:
    """A line nested 100,000 deep crashed the run (msgspec's RecursionError); Cardinal's
    serde_json stops at its recursion limit of 128 and skips the line with a warning."""
    lines = (EXAMPLES / "024.jsonl").read_text().splitlines()
    prefix = '{"ocid":"deep","note":"[[{{","x":'
    bombs = [
        "[" * 100_000 + "]" * 100_000,  # line 2: a top-level array
        prefix + "[" * 100_000 + "]" * 100_000 + "}",  # line 3: deep inside an ignored field
    ]
    data = write(tmp_path / "in.jsonl", "\n".join([lines[0], *bombs, *lines[1:]]) + "\n")
    for mode in ({}, {"SODSONG_PURE_PYTHON": "1"}):
        result = sodsong(
            "indicators", "--settings", str(EXAMPLES / "024.ini"), "--no-meta", str(data), env=mode
        )
        assert result.returncode == 0, result.stderr[-2000:]
        assert result.stdout == (EXAMPLES / "024.expected").read_text()
        reported = [line.split(": ", 1)[1] for line in result.stderr.splitlines() if "invalid JSON" in line]
        # serde_json counts the top-level value as one level and names the 128th opening bracket.
        assert reported == [
            "Line 2 is invalid JSON, skipping. [recursion limit exceeded at line 1 column 128]",
            f"Line 3 is invalid JSON, skipping. [recursion limit exceeded at line 1 column {len(prefix) + 127}]",
        ]


def test_invalid_utf8_is_reported(tmp_path: Path) -> None:
    data = tmp_path / "in.jsonl"
    data.write_bytes(b'{"ocid":"\xff"}\n' + (EXAMPLES / "018.jsonl").read_bytes())
    result = sodsong("indicators", "--settings", str(EXAMPLES / "settings.ini"), "--no-meta", str(data))
    assert result.returncode == 0
    assert "Line 1 caused an I/O error, skipping." in result.stderr and "UTF-8" in result.stderr
    assert result.stdout == (EXAMPLES / "018.expected").read_text()


def test_stdin_and_meta(tmp_path: Path) -> None:
    result = sodsong(
        "indicators", "--settings", str(EXAMPLES / "024.ini"), "-", stdin=(EXAMPLES / "024.jsonl").read_text()
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["Meta"] == {"R024": {"q1": 66.3333, "q3": 99.0, "lower_fence": 17.3333}}
    assert result.stdout.endswith(',"Meta":{"R024":{"q1":66.3333,"q3":99.0,"lower_fence":17.3333}}}\n')


def test_map(tmp_path: Path) -> None:
    result = sodsong(
        "indicators",
        "--settings",
        str(EXAMPLES / "024.ini"),
        "--no-meta",
        "--map",
        str(EXAMPLES / "024.jsonl"),
    )
    document = json.loads(result.stdout)
    assert list(document) == ["OCID", "Tenderer", "Maps"]
    assert list(document["Maps"]) == [
        "ocid_buyer_r038",
        "ocid_procuringentity_r038",
        "ocid_tenderer",
        "ocid_tenderer_r024",
        "ocid_tenderer_r028",
        "ocid_tenderer_r030",
        "ocid_tenderer_r035",
        "ocid_tenderer_r058",
    ]
    assert document["Maps"]["ocid_tenderer_r024"] == {"F": ["W", "L"]}
    assert document["Maps"]["ocid_tenderer"] == {}  # only filled with R025, R038 or R048


def test_no_indicator_enabled(tmp_path: Path) -> None:
    ini = write(tmp_path / "empty.ini", "; nothing enabled\ncurrency = USD\n")
    result = sodsong("indicators", "--settings", str(ini), str(EXAMPLES / "024.jsonl"))
    assert result.returncode == 0
    assert result.stdout == '{"Meta":{}}\n'


def test_count(tmp_path: Path) -> None:
    result = sodsong(
        "indicators",
        "--settings",
        str(EXAMPLES / "settings.ini"),
        "--no-meta",
        "--count",
        str(EXAMPLES / "028.jsonl"),
    )
    assert result.returncode == 0
    assert result.stderr.splitlines() == ["OCID: 1", "Tenderer: 2"]


def test_docs_flag_prints_the_reference() -> None:
    result = sodsong("indicators", "--docs")
    assert result.returncode == 0
    assert result.stdout == (REPO / "docs" / "indicators.md").read_text()


def test_starts_without_django(tmp_path: Path) -> None:
    """The command needs neither Django nor the other commands: a broken Django setting does not
    stop it (it is timed against Cardinal, and setting Django up cost most of its start)."""
    ini = write(tmp_path / "s.ini", "[R024]\n")
    result = subprocess.run(
        [sys.executable, "-m", "sodsong", "indicators", "--settings", str(ini), str(EXAMPLES / "024.jsonl")],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "no.such"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == sodsong("indicators", "--settings", str(ini), str(EXAMPLES / "024.jsonl")).stdout
    assert json.loads(result.stdout)["OCID"]


def test_in_process_run_returns_instead_of_ending_the_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run as the program, the command ends without freeing its results; called in-process, `main`
    returns like any other command (this test's process goes on)."""
    from sodsong.cli import main

    ini = write(tmp_path / "s.ini", "[R024]\n")
    assert main(["indicators", "--settings", str(ini), str(EXAMPLES / "024.jsonl")]) == 0
    assert json.loads(capsys.readouterr().out)["OCID"]
    assert gc.isenabled()  # the collector is only left off for the program's own run


def test_the_run_is_left_for_the_process_end_to_free(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run as the program, the command ends with `os._exit` while the CLI still holds `args`: the
    run left there is never freed object by object (a local was, about 0.4 s at 1 M releases)."""
    from sodsong.cli import build_parser
    from sodsong.procurement.commands import indicators

    ini = write(tmp_path / "s.ini", "[R024]\n")
    args = build_parser([indicators]).parse_args(
        ["indicators", "--settings", str(ini), str(EXAMPLES / "024.jsonl")]
    )
    assert args.end_without_cleanup
    assert args.handler(args) == 0
    assert list(args.run.results.groups["OCID"]) == list(json.loads(capsys.readouterr().out)["OCID"])


def test_the_program_runs_without_the_cyclic_collector(tmp_path: Path) -> None:
    """As the program (it ends with `os._exit`), the command runs with the collector off, so no
    collection pass walks its millions of objects (and the workers it forks inherit that)."""
    ini = write(tmp_path / "s.ini", "[R024]\n")
    spy = (
        "import gc, sys\n"
        "from sodsong.cli import main\n"
        "from sodsong.procurement.commands import indicators\n"
        "real = indicators._indicators\n"
        "def spied(args):\n"
        "    print('collector on' if gc.isenabled() else 'collector off', file=sys.stderr)\n"
        "    return real(args)\n"
        "indicators._indicators = spied\n"
        "sys.argv = ['sodsong', *sys.argv[1:]]\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", spy, "indicators", "--settings", str(ini), str(EXAMPLES / "024.jsonl")],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "collector off" in result.stderr
    assert json.loads(result.stdout)["OCID"]
