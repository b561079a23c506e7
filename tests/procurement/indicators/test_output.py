"""The printed output (`ocds.output`): serde_json's compact text, written by msgspec's encoder."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sodsong.procurement.indicators.ocds import SPECS, output
from sodsong.procurement.indicators.ocds.base import Results
from sodsong.procurement.indicators.ocds.output import render
from tests.procurement.indicators.serde_text import format_float, layout, reference_text


def test_render_prints_zeros_nan_and_exponents_as_cardinal() -> None:
    """-0.0 equals 0.0 as a key but prints differently, NaN prints null, 1e20 keeps its
    exponent; a repeated (code, value) prints the same each time."""
    results = Results()
    for subject, code, value in [
        ("a", "R024", 0.0),
        ("b", "R024", -0.0),
        ("c", "R024", 0.5),
        ("d", "R024", 0.5),
        ("e", "R003", 0.5),
        ("f", "R024", float("nan")),
        ("g", "R024", 1e20),
        ("h", "R024", 1e20),
    ]:
        results.set("OCID", subject, code, value)
    results.set("OCID", "c", "R058", 0.5)
    expected = (
        '{"OCID":{"a":{"R024":0.0},"b":{"R024":-0.0},"c":{"R024":0.5,"R058":0.5},"d":{"R024":0.5},'
        '"e":{"R003":0.5},"f":{"R024":null},"g":{"R024":1e20},"h":{"R024":1e20}},"Tenderer":{}}'
    )
    assert render(results, meta=False) == expected


TEXT = st.text(st.characters(blacklist_categories=("Cs",)))  # JSON text holds no lone surrogates


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        TEXT, st.dictionaries(st.sampled_from([spec.code for spec in SPECS]), st.floats(), min_size=1)
    ),
    st.dictionaries(st.sampled_from([spec.code for spec in SPECS]), st.dictionaries(TEXT, st.floats())),
    st.dictionaries(TEXT, st.one_of(TEXT, st.lists(TEXT, min_size=1))),
)
def test_render_equals_the_reference_text(
    subjects: dict[str, dict[str, float]], meta: dict[str, dict[str, float]], entries: dict[str, Any]
) -> None:
    """The output goes through msgspec's encoder: its strings and floats (NaN, infinities,
    -0.0, subnormals, exponents) must be the reference text, in groups, Meta and Maps."""
    results = Results(maps={"ocid_tenderer": {}, "ocid_buyer_r038": {}})
    results.groups = {"OCID": subjects, "Tenderer": {}}
    results.meta = meta
    for ocid, value in entries.items():
        if isinstance(value, str):
            results.add_map("ocid_buyer_r038", ocid, value)
        else:
            for organization in value:
                results.add_map("ocid_tenderer", ocid, organization)
    document = output.to_document(results)
    assert render(results) == reference_text(document)
    assert [name for name in document] == ["OCID", "Tenderer", "Meta", "Maps"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1.0, "1.0"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (99.0, "99.0"),
        (0.16666666666666666, "0.16666666666666666"),
        (1e-5, "0.00001"),
        (1e-6, "1e-6"),
        (2.5e-7, "2.5e-7"),
        (1e15, "1000000000000000.0"),
        (1e16, "1e16"),
        (1.2345678901234568e16, "1.2345678901234568e16"),
        (1.5e300, "1.5e300"),
        (-3.25, "-3.25"),
        (math.nan, "null"),
        (math.inf, "null"),
    ],
)
def test_float_text_is_serde_jsons(value: float, text: str) -> None:
    assert format_float(value) == text


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_float_text_round_trips(value: float) -> None:
    text = format_float(value)
    assert float(json.loads(text)) == value
    assert "+" not in text and "E" not in text


@settings(max_examples=500, deadline=None)
@given(st.floats() | st.floats(min_value=1e-5, max_value=1e17) | st.sampled_from([1e-4, 1e16, -0.0, 0.0]))
def test_float_text_shortcut_equals_the_general_layout(value: float) -> None:
    """`format_float` returns Python's repr when it has no exponent; the general layout agrees."""
    assert format_float(value) == layout(value)
