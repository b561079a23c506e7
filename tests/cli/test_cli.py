"""The `sodsong` command as a user runs it: a real process, a real data directory."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest

from sodsong.cli import build_parser

REPO = Path(__file__).resolve().parents[2]


def user_env(data_dir: Path) -> dict[str, str]:
    """The environment a user's shell would have: no test-only Django variables."""
    env = {
        **os.environ,
        "SODSONG_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{data_dir}/app.sqlite3",
    }
    for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    env["PYTHONPATH"] = str(REPO / "src")
    return env


def dev_only_modules() -> list[str]:
    """The import names of the `dev` extra's packages (pytest, numpy, ...): a user's machine that
    ran `pip install sodsong` (or `make demo`) does not have them."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    specs = pyproject["project"]["optional-dependencies"]["dev"]
    return sorted({re.split(r"[\[<>=!~ ]", spec)[0].lower().replace("-", "_") for spec in specs})


# Makes the dev extra's packages unimportable, as on a machine where they are not installed (a
# finder ahead of all others raises ModuleNotFoundError for them); then runs the program.
BLOCK_DEV = """
import importlib.abc, sys
BLOCKED = set({blocked!r})
class Missing(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None
sys.meta_path.insert(0, Missing())
"""
WITHOUT_DEV = (
    BLOCK_DEV
    + """
import runpy
sys.argv[0] = "sodsong"
runpy.run_module("sodsong", run_name="__main__", alter_sys=True)
"""
)
# Imports every module of the package (the optional Spark extra blocked too: it loads lazily).
EVERY_MODULE = (
    BLOCK_DEV
    + """
import importlib, os, pkgutil
os.environ["DJANGO_SETTINGS_MODULE"] = "sodsong.settings"
import django
django.setup()
import sodsong
for module in pkgutil.walk_packages(sodsong.__path__, "sodsong."):
    if ".migrations." not in module.name and not module.name.endswith("__main__"):
        importlib.import_module(module.name)
print("imported")
"""
)


def run(
    args: list[str], data_dir: Path, timeout: float = 300, *, without_dev: bool = False
) -> subprocess.CompletedProcess[str]:
    env = user_env(data_dir)
    program = ["-c", WITHOUT_DEV.format(blocked=dev_only_modules())] if without_dev else ["-m", "sodsong"]
    return subprocess.run(
        [sys.executable, *program, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=data_dir,
    )


def subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sorted(action.choices)  # type: ignore[arg-type]


def test_help_lists_the_core_subcommands(tmp_path: Path) -> None:
    result = run(["--help"], tmp_path)
    assert result.returncode == 0, result.stderr
    for name in ("serve", "demo", "check", "migrate"):
        assert name in result.stdout


def test_every_subcommand_is_documented() -> None:
    docs = (REPO / "docs" / "cli.md").read_text()
    missing = [name for name in subcommands() if f"`sodsong {name}" not in docs]
    assert not missing, f"docs/cli.md does not document: {missing}"


def test_data_dir_and_secret_key_are_created_on_first_run(tmp_path: Path) -> None:
    data_dir = tmp_path / "fresh"
    data_dir.mkdir()
    result = run(["migrate"], data_dir)
    assert result.returncode == 0, result.stderr
    key = data_dir / "secret_key"
    assert key.exists() and len(key.read_text()) >= 50
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    assert (data_dir / "app.sqlite3").exists()
    first = key.read_text()
    assert run(["migrate"], data_dir).returncode == 0
    assert key.read_text() == first, "the key is kept, not regenerated"


def test_check_runs_the_deploy_checks(tmp_path: Path) -> None:
    result = run(["check"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "security.W" in result.stdout + result.stderr  # deploy warnings for plain-HTTP settings
    failing = run(["check", "--fail-level", "WARNING"], tmp_path)
    assert failing.returncode == 1


def test_serve_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    result = run(["serve", "--port", "1"], tmp_path)
    assert result.returncode == 2
    assert "sodsong migrate" in result.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_the_program_runs_without_the_dev_packages(tmp_path: Path) -> None:
    """`make demo` installs only the runtime dependencies: generating data must not need numpy
    (it did, and the demo stopped on a fresh machine)."""
    assert "numpy" in dev_only_modules() and "pytest" in dev_only_modules()
    probe = run(
        ["generate", "--projects", "200", "--seed", "1", "--out", str(tmp_path / "out")],
        tmp_path,
        without_dev=True,
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    assert (tmp_path / "out").is_dir()


def test_every_module_imports_without_the_dev_packages(tmp_path: Path) -> None:
    blocked = [*dev_only_modules(), "pyspark"]
    result = subprocess.run(
        [sys.executable, "-c", EVERY_MODULE.format(blocked=blocked)],
        env=user_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 0 and result.stdout.strip() == "imported", result.stderr[-3000:]


@pytest.mark.slow
def test_demo_then_serve_the_thai_home_page(tmp_path: Path) -> None:
    demo = run(["demo", "--no-serve"], tmp_path, timeout=1800, without_dev=True)
    assert demo.returncode == 0, demo.stderr[-3000:]
    port = free_port()
    env = user_env(tmp_path)
    server = subprocess.Popen(
        [sys.executable, "-m", "sodsong", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    html = response.read().decode()
                    server_header = response.headers.get("Server", "")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    output = server.stdout.read() if server.stdout else ""
                    raise AssertionError(f"server did not start: {output}") from None
                time.sleep(0.3)
        assert "ร่วมกันสอดส่องการใช้เงินภาษีของรัฐ" in html
        assert "gunicorn" in server_header
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_staff_create_prints_the_secrets_once(tmp_path: Path) -> None:
    assert run(["migrate"], tmp_path).returncode == 0
    result = run(["staff", "create", "somchai", "--role", "editor"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "otpauth://totp/Sodsong:somchai?secret=" in result.stdout
    listing = run(["staff", "list"], tmp_path)
    assert "somchai" in listing.stdout and "editor" in listing.stdout and "totp=yes" in listing.stdout
    bad = run(["staff", "create", "x", "--role", "wizard"], tmp_path)
    assert bad.returncode == 2 and "unknown role" in bad.stderr
