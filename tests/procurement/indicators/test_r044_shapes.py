"""R044 on odd shapes of a tenderer's `address` and `contactPoint`, on both decoding paths.

Why a file of its own: these shapes pin what any change to how parties are decoded (for
example keeping `address` as JSON text and decoding it later) must keep: a `null`, a
wrong-typed or a non-object value is absent, an address without a `streetAddress` key is not
compared, and the same holds when the release goes through `sanitize` (a wrong-typed `tender`).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from sodsong.procurement.indicators.ocds import SPECS, engine
from sodsong.procurement.indicators.ocds.output import render
from sodsong.procurement.indicators.ocds.settings import parse_settings

_MISSING = object()
FLAGGED = {"OCID": {"o": {"R044": 1.0}}, "Tenderer": {"A": {"R044": 1.0}, "B": {"R044": 1.0}}}


@pytest.mark.parametrize(
    ("address", "contact", "flagged"),
    [
        ({"streetAddress": "1 X", "locality": "L"}, None, True),
        ({"streetAddress": None, "locality": "L"}, None, True),  # a key: compared ("l ")
        ({"locality": "L"}, None, False),  # no streetAddress key: not compared
        ({}, None, False),
        (None, None, False),
        (5, None, False),
        ([], None, False),
        ("1 X", None, False),
        (_MISSING, {"email": "a@x"}, True),
        (_MISSING, {"email": 5, "url": "u"}, True),
        (_MISSING, {"email": "a@x", "name": None}, True),
        (5, {"email": "a@x"}, True),  # a wrong-typed address does not hide the contact point
        (_MISSING, None, False),
        (_MISSING, 5, False),
        (_MISSING, ["a@x"], False),
        (_MISSING, "a@x", False),
        (_MISSING, {}, False),
    ],
)
def test_r044_reads_wrong_typed_or_partial_addresses_and_contact_points(
    address: Any, contact: Any, flagged: bool
) -> None:
    """Two tenderers with the same address and contact point, in every odd shape, beside a
    non-object party and a tenderer with a numeric address; typed and `sanitize` paths."""
    party: dict[str, Any] = {"roles": ["tenderer"]}
    if address is not _MISSING:
        party["address"] = address
    if contact is not None:
        party["contactPoint"] = contact
    parties = [
        {"id": "A", **party},
        {"id": "B", **party},
        5,
        {"id": "C", "roles": ["tenderer"], "address": 1},
    ]
    for extra in ({}, {"tender": 5}):
        line = json.dumps({"ocid": "o", "parties": parties, **extra}).encode()
        result = engine.run_lines([line], parse_settings("[R044]\n", SPECS))
        assert json.loads(render(result.results, meta=False)) == (FLAGGED if flagged else {})
