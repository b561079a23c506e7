"""The shipped defaults agree with the registry; overrides are checked and errors name the culprit."""

from __future__ import annotations

from pathlib import Path

import pytest

from sodsong.procurement.indicators.thai import SPECS
from sodsong.procurement.indicators.thai.settings import (
    DEFAULTS_PATH,
    SettingsError,
    ThaiSettings,
    load_settings,
    parse,
)


def test_defaults_file_gives_every_parameter_its_registry_default() -> None:
    from_file = parse(DEFAULTS_PATH.read_text(encoding="utf-8"), "defaults.ini", SPECS, ThaiSettings())
    expected = {s.code: {p.name: p.default for p in s.parameters} for s in SPECS if s.parameters}
    assert from_file.values == expected


def test_override(tmp_path: Path) -> None:
    path = tmp_path / "mine.ini"
    path.write_text(
        "; mine\n[TH-NEAR-REF]\nmax_below_pct = 2\n[TH-HIGH]\nthreshold = 1.3\n", encoding="utf-8"
    )
    settings = load_settings(path, SPECS)
    assert settings.of("TH-NEAR-REF") == {"min_below_pct": 0.0, "max_below_pct": 2.0}
    assert settings.of("TH-HIGH")["threshold"] == 1.3
    assert settings.of("TH-CLUSTER")["minimum_bids"] == 3


def test_a_byte_order_mark_and_thai_digits(tmp_path: Path) -> None:
    """A file saved by a Windows editor (BOM) with Thai digits reads like the plain one."""
    path = tmp_path / "mine.ini"
    path.write_bytes("\ufeff[TH-NEAR-REF]\nmax_below_pct = ๒.๕\n[TH-CLUSTER]\nminimum_bids = ๔\n".encode())
    settings = load_settings(path, SPECS)
    assert settings.of("TH-NEAR-REF")["max_below_pct"] == 2.5
    assert settings.of("TH-CLUSTER")["minimum_bids"] == 4


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[TH-NOPE]\n", "line 1: unknown indicator [TH-NOPE]"),
        ("[TH-NEAR-REF]\nmax_pct = 2\n", "line 2: unknown setting 'max_pct' of [TH-NEAR-REF]"),
        ("[TH-CLUSTER]\nminimum_bids = three\n", "line 2, [TH-CLUSTER] minimum_bids: expected a int number"),
        ("max_below_pct = 2\n", "line 1: setting 'max_below_pct' is outside any [INDICATOR] section"),
        ("[TH-NEAR-REF]\njust words\n", "line 2: expected `key = value`"),
    ],
)
def test_errors_name_file_line_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.ini"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(path, SPECS)
    assert str(caught.value).startswith(f"{path}, ") and message in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="no such settings file"):
        load_settings(tmp_path / "nope.ini", SPECS)
