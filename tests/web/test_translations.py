"""Thai is complete: every string in the code has a Thai translation, compiled and current."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

SRC = Path(__file__).resolve().parents[2] / "src" / "sodsong"
CATALOGS = sorted(SRC.glob("*/locale/th/LC_MESSAGES/django.po"))


def _missing(string: object) -> bool:
    """An untranslated message: an empty string, or any empty plural form."""
    if isinstance(string, tuple | list):
        return not string or any(not form for form in string)
    return not string


def _key(message_id: object) -> object:
    return tuple(message_id) if isinstance(message_id, list | tuple) else message_id


def test_there_are_catalogs() -> None:
    assert CATALOGS, "no Thai catalogs found"


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda p: p.parts[-5])
def test_every_message_is_translated_and_not_fuzzy(po_path: Path) -> None:
    catalog = read_po(po_path.open("rb"))
    untranslated = [m.id for m in catalog if m.id and (_missing(m.string) or m.fuzzy)]
    assert not untranslated, f"{po_path}: untranslated or fuzzy: {untranslated}"


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda p: p.parts[-5])
def test_compiled_catalog_is_current(po_path: Path) -> None:
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} missing: run `make messages`"
    source = {_key(m.id): _key(m.string) for m in read_po(po_path.open("rb")) if m.id}
    compiled = {_key(m.id): _key(m.string) for m in read_mo(mo_path.open("rb")) if m.id}
    assert compiled == source, f"{mo_path} is stale: run `make messages`"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed")
def test_no_string_in_the_code_is_missing_from_the_catalogs(tmp_path: Path) -> None:
    """Extract every translatable string afresh and look each up in the committed catalogs."""
    work = tmp_path / "sodsong"
    shutil.copytree(SRC, work, ignore=shutil.ignore_patterns("locale", "__pycache__"))
    (work / "locale").mkdir()
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "th", "--no-location"],
        cwd=work,
        check=True,
        capture_output=True,
        env={"DJANGO_SETTINGS_MODULE": "", "PATH": "/usr/bin:/bin"},
    )
    extracted = {_key(m.id) for m in read_po((work / "locale/th/LC_MESSAGES/django.po").open("rb")) if m.id}
    known: set[object] = set()
    for po_path in CATALOGS:
        known |= {_key(m.id) for m in read_po(po_path.open("rb")) if m.id}
    missing = sorted(map(str, extracted - known))
    assert not missing, f"strings without a Thai translation (run `make messages`): {missing}"
