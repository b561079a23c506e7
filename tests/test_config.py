"""Settings from the environment: blank values mean "use the default", bad ones are named."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def settings_value(cwd: Path, expression: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("SODSONG_", "DJANGO_", "DATABASE_"))
    }
    environment.update(env, PYTHONPATH=str(REPO / "src"))
    code = f"import sodsong.settings as s; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=environment, capture_output=True, text=True
    )


def test_the_example_env_file_works_as_it_is(tmp_path: Path) -> None:
    shutil.copy(REPO / ".env.example", tmp_path / ".env")
    result = settings_value(
        tmp_path, "s.DATA_DIR, s.WAREHOUSE_PATH, s.DATABASES['default']['ENGINE'], s.SESSION_COOKIE_AGE"
    )
    assert result.returncode == 0, result.stderr
    data_dir = tmp_path / "var"
    assert str(data_dir) in result.stdout
    assert str(data_dir / "warehouse.duckdb") in result.stdout
    assert "sqlite3" in result.stdout and "28800" in result.stdout


def test_blank_values_fall_back_to_defaults(tmp_path: Path) -> None:
    result = settings_value(
        tmp_path,
        "s.DATA_DIR, s.WAREHOUSE_PATH, s.LINE_API_BASE, s.STAFF_LOGIN_MAX_FAILURES",
        SODSONG_DATA_DIR="",
        SODSONG_WAREHOUSE=" ",
        LINE_API_BASE="",
        SODSONG_STAFF_LOGIN_MAX_FAILURES="",
    )
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "var" / "warehouse.duckdb") in result.stdout
    assert "https://api.line.me" in result.stdout
    assert result.stdout.split()[-1] == "5"


def test_a_bad_number_names_the_setting(tmp_path: Path) -> None:
    result = settings_value(
        tmp_path, "1", SODSONG_DATA_DIR=str(tmp_path), SODSONG_SESSION_SECONDS="eight hours"
    )
    assert result.returncode != 0
    assert "SODSONG_SESSION_SECONDS" in result.stderr and "eight hours" in result.stderr


def test_every_setting_read_by_the_code_is_in_the_example_env_file() -> None:
    """`.env.example` is the list of settings: a variable the code reads must be documented there."""
    import re

    names: set[str] = set()
    for path in (REPO / "src" / "sodsong").rglob("*.py"):
        names |= set(re.findall(r"[\"']((?:SODSONG|LINE)_[A-Z0-9_]+|DATABASE_URL)[\"']", path.read_text()))
    example = (REPO / ".env.example").read_text()
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, flags=re.MULTILINE))
    missing = sorted(names - documented)
    assert not missing, f".env.example does not list: {missing}"
