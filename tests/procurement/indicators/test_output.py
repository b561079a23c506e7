"""The printed output (`ocds.output`): serde_json's compact text, written by msgspec's encoder."""

from __future__ import annotations

import json.encoder
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sodsong.procurement.indicators.numeric import format_float
from sodsong.procurement.indicators.ocds import SPECS, output
from sodsong.procurement.indicators.ocds.base import Results
from sodsong.procurement.indicators.ocds.output import render


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


def reference_text(value: Any) -> str:
    """serde_json's compact text the slow, plain way: strings by the C string encoder of `json`
    (non-ASCII kept), floats by `format_float` (property-tested against ryu's layout)."""
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, str):
        return json.encoder.encode_basestring(value)
    if isinstance(value, dict):
        return "{" + ",".join(f"{reference_text(k)}:{reference_text(v)}" for k, v in value.items()) + "}"
    assert isinstance(value, list)
    return "[" + ",".join(reference_text(v) for v in value) + "]"


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
