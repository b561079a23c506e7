"""Cardinal's settings file, read as cardinal-rs reads it (config + rust-ini, deny_unknown_fields)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sodsong.procurement.indicators.ocds import SPECS
from sodsong.procurement.indicators.ocds.settings import (
    SettingsError,
    parse_settings,
    read_settings,
    split_pipe,
)

INIT_FILE = """\
; currency = USD
; no_price_comparison_procurement_methods = Random Selection

[defaults]
; currency = USD
party_roles = true

[redactions]
amount = 0|1
[corrections]
award_status_by_contract_status = true
[modifications]
move_auctions = true
prefix_tenderer_or_supplier_id = DO-RPE-
[codelists.bid_status]
qualified = valid
[codelists.award_status]
Active = active

[exclusions]
procurement_method_details = Random Selection|Other

[R003]
threshold = 10
procurement_methods = open|selective|limited

[R003.procurement_method_details]
emergency = 10
International Tender = 25

[R018]
[R024]
threshold = 0.05
[R025]
percentile = 75
[R038]
minimum_submitted_bids = 3
[R048]
digits = 4
"""


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_settings(text, SPECS, origin="s.ini")


def test_a_full_settings_file() -> None:
    settings = parse(INIT_FILE)
    assert list(settings.indicators) == ["R003", "R018", "R024", "R025", "R038", "R048"]
    assert settings.indicators["R003"] == {
        "threshold": 10,
        "procurement_methods": "open|selective|limited",
        "procurement_method_details": {"emergency": 10, "International Tender": 25},
    }
    assert settings.get("R024", "threshold") == 0.05
    assert settings.get("R025", "percentile") == 75
    assert settings.get("R048", "digits") == 4
    assert settings.exclusions == "Random Selection|Other"
    assert settings.currency is None


def test_globals_and_last_value_wins() -> None:
    settings = parse("currency = THB\ncurrency = USD\nprice_comparison_procurement_methods = 'A|B'\n[R036]\n")
    assert settings.currency == "USD"
    assert settings.price_comparison_procurement_methods == "A|B"


def test_subsection_alone_enables_the_indicator() -> None:
    settings = parse("[R003.procurement_method_details]\nx = 5\n")
    assert settings.indicators == {"R003": {"procurement_method_details": {"x": 5}}}


def test_dotted_global_key_is_a_path() -> None:
    assert parse("R024.threshold = 0.5\n").indicators == {"R024": {"threshold": 0.5}}


def test_config_number_words() -> None:
    settings = parse("[R035]\nthreshold = yes\n[R024]\nthreshold = off\n[R003]\nthreshold = -3\n")
    assert settings.get("R035", "threshold") == 1
    assert settings.get("R024", "threshold") == 0.0
    assert settings.get("R003", "threshold") == -3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[R999]\n", "unknown indicator or section [R999]"),
        ("[r024]\n", "unknown indicator or section [r024]"),
        ("[R024]\nthreshhold = 1\n", "unknown setting `threshhold` for R024 (expected: threshold)"),
        ("[R028]\nthreshold = 1\n", "unknown setting `threshold` for R028 (expected: no settings)"),
        ("[R024]\nthreshold = high\n", "expected a number, got 'high'"),
        ("[R048]\ndigits = 2.5\n", "expected an integer, got '2.5'"),
        ("[R025]\npercentile = -1\n", "expected a non-negative integer"),
        ("[R003.procurement_method_details]\nx = soon\n", "expected an integer, got 'soon'"),
        ("[R024.foo]\n", "unknown section [R024.foo]"),
        ("[exclusions]\nmethod = x\n", "unknown setting `method` in [exclusions]"),
        ("[defaults]\ncolour = red\n", "unknown setting `colour` in [defaults]"),
        ("[corrections]\naward_status_by_contract_status = maybe\n", "expected true or false"),
        ("currency_code = USD\n", "unknown setting `currency_code`"),
        ("R024 = 1\n", "`R024` must be a section"),
        ("[R024\n", "closing ']'"),
        ("[R024]\nthreshold\n", "expected `key = value`"),
    ],
)
def test_errors_name_the_problem(text: str, message: str) -> None:
    with pytest.raises(SettingsError) as error:
        parse(text)
    assert message in str(error.value)
    assert str(error.value).startswith("s.ini, line ")


@pytest.mark.parametrize(
    ("value", "pieces"),
    [
        ("a|b", {"a", "b"}),
        ("a|b|", {"a", "b"}),
        ("", set()),
        ("|", {""}),
        ("a||b", {"a", "", "b"}),
        (None, set()),
    ],
)
def test_pipe_lists_split_like_split_terminator(value: str | None, pieces: set[str]) -> None:
    assert split_pipe(value) == pieces


def test_a_byte_order_mark_is_not_part_of_the_first_line(tmp_path: Path) -> None:
    """Windows editors save UTF-8 with a BOM: the file reads as without it."""
    path = tmp_path / "s.ini"
    path.write_bytes(b"\xef\xbb\xbf" + INIT_FILE.encode())
    assert read_settings(path, SPECS) == parse(INIT_FILE)
    assert parse("\ufeff[R024]\nthreshold = 0.1\n").get("R024", "threshold") == 0.1
