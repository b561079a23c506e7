"""Cardinal's global rules over whole files: main currency, price-comparison lists, exclusions,
group order, Meta, Maps, wrong-typed fields, and the same output whatever the number of workers."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sodsong.procurement.indicators.ocds import SPECS, engine
from sodsong.procurement.indicators.ocds.base import Results
from sodsong.procurement.indicators.ocds.output import render
from sodsong.procurement.indicators.ocds.release import decode_line, sanitize
from sodsong.procurement.indicators.ocds.settings import parse_settings

REPO = Path(__file__).resolve().parents[3]


def run(rows: list[Any], ini: str, meta: bool = False, with_map: bool = False) -> dict[str, Any]:
    lines = [row if isinstance(row, bytes) else json.dumps(row).encode() for row in rows]
    result = engine.run_lines(lines, parse_settings(ini, SPECS), with_map=with_map)
    return json.loads(render(result.results, meta=meta))  # type: ignore[no-any-return]


def priced(ocid: str, winner: float, second: float, currency: str = "USD", **tender: Any) -> dict[str, Any]:
    return {
        "ocid": ocid,
        "tender": tender,
        "bids": {
            "details": [
                {
                    "status": "valid",
                    "tenderers": [{"id": "W"}],
                    "value": {"amount": winner, "currency": currency},
                },
                {
                    "status": "valid",
                    "tenderers": [{"id": "L"}],
                    "value": {"amount": second, "currency": currency},
                },
            ]
        },
        "awards": [{"status": "active", "suppliers": [{"id": "W"}]}],
    }


def lowest_disqualified(ocid: str, currency: str) -> dict[str, Any]:
    return {
        "ocid": ocid,
        "bids": {
            "details": [
                {"status": "disqualified", "value": {"amount": 1, "currency": currency}},
                {"status": "valid", "value": {"amount": 2, "currency": currency}},
            ]
        },
        "awards": [{"status": "active"}],
    }


def test_first_observed_currency_is_the_main_currency() -> None:
    rows = [priced("usd", 1, 2), priced("eur", 1, 2, "EUR"), lowest_disqualified("eur 036", "EUR")]
    assert run(rows, "[R058]\nthreshold = 0.5\n[R036]\n") == {
        "OCID": {"usd": {"R058": 1.0}},
        "Tenderer": {"W": {"R058": 0.0}},
    }


def test_currency_setting_wins() -> None:
    rows = [priced("usd", 1, 2), priced("eur", 1, 2, "EUR"), lowest_disqualified("eur 036", "EUR")]
    assert run(rows, "currency = EUR\n[R058]\nthreshold = 0.5\n[R036]\n") == {
        "OCID": {"eur": {"R058": 1.0}, "eur 036": {"R036": 1.0}},
        "Tenderer": {"W": {"R058": 0.0}},
    }


def test_an_earlier_line_of_another_indicator_fixes_the_currency() -> None:
    """R036 sees EUR on line 1 before the shared bid comparison sees USD on line 2."""
    rows = [lowest_disqualified("eur 036", "EUR"), priced("usd", 1, 2), lowest_disqualified("usd 036", "USD")]
    assert run(rows, "[R058]\nthreshold = 0.5\n[R036]\n") == {"OCID": {"eur 036": {"R036": 1.0}}}


def test_mixed_currencies_inside_a_process() -> None:
    row = priced("mixed", 1, 2)
    row["bids"]["details"].append(
        {"status": "valid", "tenderers": [{"id": "M"}], "value": {"amount": 1.5, "currency": "EUR"}}
    )
    assert run([row], "[R058]\nthreshold = 0.5\n")["OCID"] == {"mixed": {"R058": 1.0}}
    assert run([row], "currency = EUR\n[R058]\nthreshold = 0.5\n") == {}


def test_price_comparison_allow_list() -> None:
    rows = [
        priced("listed", 1, 2, procurementMethodDetails="Auction"),
        priced("not listed", 1, 2, procurementMethodDetails="Direct"),
        priced("no details", 1, 2),
    ]
    ini = (
        "price_comparison_procurement_methods = Auction\nno_price_comparison_procurement_methods = Auction\n"
    )
    assert run(rows, ini + "[R058]\nthreshold = 0.5\n")["OCID"] == {"listed": {"R058": 1.0}}
    deny = "no_price_comparison_procurement_methods = Direct|\n[R058]\nthreshold = 0.5\n"
    assert list(run(rows, deny)["OCID"]) == ["listed", "no details"]


def test_exclusions_and_cancelled_tenders_apply_to_every_indicator() -> None:
    period = {"tenderPeriod": {"startDate": "2000-01-01T00:00:00Z", "endDate": "2000-01-02T00:00:00Z"}}
    rows = [
        {"ocid": "kept", "tender": period},
        {"ocid": "excluded", "tender": {**period, "procurementMethodDetails": "Random Selection"}},
        {"ocid": "cancelled", "tender": {**period, "status": "cancelled"}},
        {"ocid": ["not", "a", "string"], "tender": period},
    ]
    ini = "[exclusions]\nprocurement_method_details = Random Selection\n[R003]\n"
    assert run(rows, ini) == {"OCID": {"kept": {"R003": 1.0}}}


def test_wrong_types_are_absent_like_in_cardinal() -> None:
    rows = [
        {"ocid": "bids as a list", "bids": [], "awards": [{"status": "active"}]},
        {"ocid": "tender as text", "tender": "cancelled", "bids": {"details": [{"status": "disqualified"}]}},
        {
            "ocid": "number among tenderers",
            "bids": {"details": [{"status": "disqualified", "tenderers": [7, {"id": "T"}]}]},
        },
        {
            "ocid": "award as text",
            "awards": ["active"],
            "bids": {
                "details": [
                    {"status": "valid", "tenderers": [{"id": "V"}]},
                    {"status": "disqualified", "tenderers": [{"id": "D"}]},
                ]
            },
        },
    ]
    document = run(
        rows,
        "[R038]\nminimum_submitted_bids = 1\nminimum_contracting_processes = 1\nthreshold = 0.5\n[R035]\n",
    )
    assert document == {"Tenderer": {"T": {"R038": 1.0}, "D": {"R038": 1.0}}}


def test_group_order_follows_cardinal_swap_remove() -> None:
    results = Results()
    results.set("Buyer", "B", "R038", 1.0)
    results.set("ProcuringEntity", "P", "R038", 1.0)
    engine._drop_empty_groups(results)
    assert list(results.groups) == ["ProcuringEntity", "Buyer"]
    results = Results()
    results.set("Tenderer", "T", "R038", 1.0)
    results.set("Buyer", "B", "R038", 1.0)
    engine._drop_empty_groups(results)
    assert list(results.groups) == ["Buyer", "Tenderer"]


def test_meta_keys_and_rounding() -> None:
    examples = REPO / "data" / "ocds" / "cardinal-doc-examples"
    lines = (examples / "038.jsonl").read_bytes().splitlines() + (
        examples / "024.jsonl"
    ).read_bytes().splitlines()
    ini = "[R024]\n[R025]\n[R038]\n[R048]\n[R058]\nthreshold = 1\n"
    meta = run(lines, ini, meta=True)["Meta"]
    assert list(meta) == ["R024", "R025", "R038", "R048", "R058"]
    assert list(meta["R024"]) == ["q1", "q3", "lower_fence"]
    assert list(meta["R025"]) == ["q1", "q3", "upper_fence", "lower_fence"]
    assert list(meta["R038"])[:3] == ["Buyer_q1", "Buyer_q3", "Buyer_upper_fence"]
    assert meta["R048"] == {"q1": None, "q3": None, "upper_fence": None}  # no supplier: NaN, printed null
    assert meta["R058"] == {"upper_fence": 1.0}


def test_map_of_tenderers_and_flags() -> None:
    examples = REPO / "data" / "ocds" / "cardinal-doc-examples"
    lines = (examples / "038.jsonl").read_bytes().splitlines()
    maps = run(lines, "[R038]\n", with_map=True)["Maps"]
    assert set(maps["ocid_tenderer"]) and set(maps["ocid_buyer_r038"]) <= set(maps["ocid_tenderer"])


@settings(max_examples=150, deadline=None)
@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers(-3, 3)
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.sampled_from(["valid", "active", "tenderer", "X", ""]),
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "status",
                        "tenderers",
                        "id",
                        "value",
                        "amount",
                        "currency",
                        "suppliers",
                        "items",
                        "classification",
                        "details",
                        "roles",
                        "address",
                        "streetAddress",
                        "contactPoint",
                        "email",
                    ]
                ),
                children,
                max_size=4,
            )
        ),
        max_leaves=12,
    ),
    st.sampled_from(["tender", "bids", "awards", "parties", "buyer"]),
)
def test_typed_decoding_equals_the_generic_reading(value: Any, field: str) -> None:
    """The fast typed path and the generic sanitising path agree on any shape of data."""
    document = {"ocid": "x", field: value}
    line = json.dumps(document).encode()
    assert decode_line(line) == sanitize(msgspec.json.decode(line))


_CONTACT_VALUE = st.none() | st.sampled_from(["a", "b", "A", " a"]) | st.integers(0, 1)
_CONTACT = st.none() | st.fixed_dictionaries(
    {},
    optional={name: _CONTACT_VALUE for name in ("name", "email", "telephone", "faxNumber", "url")},
)
_ADDRESS = st.none() | st.fixed_dictionaries(
    {},
    optional={
        "streetAddress": st.none() | st.sampled_from(["1 X", "1 x ", "2 Y"]),
        "locality": st.sampled_from(["L", "l"]),
    },
)


@given(st.lists(st.tuples(st.sampled_from("pqrstu"), _ADDRESS, _CONTACT), max_size=6))
@settings(max_examples=400)
def test_r044_similar_equals_cardinal_pairwise_comparison(parties: list[tuple[str, Any, Any]]) -> None:
    """`similar` (linear for the usual case, contact points starting with one field) flags
    exactly the tenderers that Cardinal's comparison of every pair flags."""
    from sodsong.procurement.indicators.ocds.r044 import address_key, same_contact, similar
    from sodsong.procurement.indicators.ocds.release import Party

    tenderers: dict[str, Party] = {}
    for party_id, address, contact in parties:
        document: dict[str, Any] = {"id": party_id, "roles": ["tenderer"]}
        if address is not None:
            document["address"] = address
        if contact is not None:
            document["contactPoint"] = contact
        tenderers[party_id] = msgspec.convert(document, Party)
    expected: set[str] = set()
    items = list(tenderers.items())
    for index, (first, one) in enumerate(items):
        for second, two in items[index + 1 :]:
            key_one, key_two = address_key(one.address), address_key(two.address)
            same_address = key_one is not None and key_one == key_two
            same_point = (
                one.contactPoint is not None
                and two.contactPoint is not None
                and same_contact(one.contactPoint, two.contactPoint)
            )
            if same_address or same_point:
                expected.update((first, second))
    assert similar(tenderers) == expected


@pytest.mark.parametrize("workers", [2, 3])
def test_parallel_equals_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    """The main process folds the first range, `workers - 1` processes the others; the first
    range's accumulator becomes the total and the others are merged into it."""
    sys.path.insert(0, str(REPO / "bench"))
    from ocds_synthetic import release

    path = tmp_path / "releases.jsonl"
    with path.open("wb") as out:
        for n in range(1500):
            out.write(json.dumps(release(random.Random(n), n)).encode() + b"\n")
            if n == 700:
                out.write(b'{"ocid": broken\n')
    ini = "".join(f"[{spec.code}]\n" for spec in SPECS)
    ini += "[R048]\nminimum_contracting_processes = 2\n[R025]\n"
    settings = parse_settings(ini, SPECS)
    serial = engine.run_file(path, settings, with_map=True, workers=1)
    monkeypatch.setattr(engine, "PARALLEL_FROM", 0)
    monkeypatch.setattr(engine, "BLOCK", 4096)
    parallel = engine.run_file(path, settings, with_map=True, workers=workers)
    assert render(parallel.results) == render(serial.results)
    assert [problem.line for problem in parallel.problems] == [702] == [p.line for p in serial.problems]
    document = json.loads(render(serial.results))
    assert len(document["OCID"]) > 50
    # With two workers R025, R038 and R048 are finalized in the worker (`apart`): what fired
    # each flag and the fences' sizes come back too, and they did fire here.
    assert list(parallel.results.why.items()) == list(serial.results.why.items())
    assert list(parallel.results.fence_sizes.items()) == list(serial.results.fence_sizes.items())
    assert {code for _group, _subject, code in serial.results.why} >= {"R038", "R048"}
    assert {"R025", "R038", "R048"} <= set(document["Meta"])


def test_explain_lists_each_process_once_in_order() -> None:
    results = Results()
    for process in ["p2", "p1", "p2", "p3", "p1"]:
        results.explain("Tenderer", "T", "R024", {"process_id": process, "ratio": 0.5})
    assert results.why[("Tenderer", "T", "R024")] == {"processes": ["p2", "p1", "p3"], "ratio": 0.5}


def test_without_why_the_output_is_the_same(tmp_path: Path) -> None:
    """The CLI skips collecting `why` (not printed); the results must not change."""
    sys.path.insert(0, str(REPO / "bench"))
    from ocds_synthetic import release

    lines = [json.dumps(release(random.Random(n), n)).encode() for n in range(400)]
    settings = parse_settings("".join(f"[{spec.code}]\n" for spec in SPECS), SPECS)
    full = engine.run_lines(lines, settings, with_map=True)
    lean = engine.run_lines(lines, settings, with_map=True, why=False)
    assert render(lean.results) == render(full.results)
    assert full.results.why and not lean.results.why


def test_without_why_or_map_the_folds_hand_back_neither(tmp_path: Path) -> None:
    """The workers pickle what they fold to the main process: without `why` and `--map`,
    flags carry no explanation and no map rows are kept, and the output stays the same."""
    sys.path.insert(0, str(REPO / "bench"))
    from ocds_synthetic import release

    lines = [json.dumps(release(random.Random(n), n)).encode() for n in range(400)]
    settings = parse_settings("".join(f"[{spec.code}]\n" for spec in SPECS), SPECS)
    acc, _problems, _count = engine._fold_lines(iter(lines), settings, False, False)
    assert acc.events and all(event[5] is None for event in acc.events)
    assert not acc.map_events
    full = engine.run_lines(lines, settings)
    lean = engine.run_lines(lines, settings, why=False)
    assert render(lean.results) == render(full.results)


def test_fence_guards() -> None:
    """Fence indicators never flag when the quartile or the fence is <= 0 (else 75 % would be)."""
    spread = [priced(f"p{i}", 1, second) for i, second in enumerate([2, 2, 100, 100, 100, 100])]
    document = run(spread, "[R024]\n", meta=True)
    assert document["Meta"]["R024"]["lower_fence"] < 0 < document["Meta"]["R024"]["q1"]
    assert list(document) == ["Meta"]  # Q1 > 0 but the lower fence is not: nothing flagged
    ties = [priced(f"t{i}", 1, 1) for i in range(5)]
    assert run(ties, "[R024]\n[R058]\n", meta=True) == {
        "Meta": {
            "R024": {"q1": 0.0, "q3": 0.0, "lower_fence": 0.0},
            "R058": {"q1": 0.0, "q3": 0.0, "upper_fence": 0.0},
        }
    }
    # A fixed threshold drops the Q1 guard but keeps the fence guard.
    assert run(ties, "[R024]\nthreshold = 0.1\n")["OCID"] == {f"t{i}": {"R024": 0.0} for i in range(5)}
    assert run(ties, "[R024]\nthreshold = 0\n") == {}
    clean = [lowest_disqualified(f"c{i}", "USD") | {"buyer": {"id": f"B{i}"}} for i in range(3)]
    for row in clean:
        row["bids"]["details"][0]["status"] = "valid"
    assert run(clean, "[R038]\nminimum_contracting_processes = 1\n") == {}  # every ratio 0: fence 0


@pytest.mark.parametrize("block", [7, 64, 4096, 1 << 20])
@pytest.mark.parametrize("final_newline", [True, False])
def test_blocks_read_every_line_as_lines_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int, final_newline: bool
) -> None:
    """Reading a file in blocks (lines decoded from views into a block that is valid UTF-8 as
    a whole, else split) gives the same results and the same reported lines as line by line:
    CRLF, blank and whitespace-only lines, invalid JSON, invalid UTF-8, non-ASCII text, lines
    longer than a block and a last line without a newline."""
    sys.path.insert(0, str(REPO / "bench"))
    from ocds_synthetic import release

    lines = [json.dumps(release(random.Random(n), n), ensure_ascii=n % 2 == 0).encode() for n in range(60)]
    lines[3] = lines[3].replace(b"Company", "บริษัท".encode())
    lines[5] += b"\r"
    lines[8] = b""
    lines[9] = b"  \t "
    lines[12] = b'{"ocid": broken'
    lines[15] = b'{"ocid": "x", "tender": {"status": "\xff"}}'
    lines[18] = b"[1, 2]"
    lines[20] = b'{"ocid": 5}'
    lines[22] = b"{} {}"
    content = b"\n".join(lines) + (b"\n" if final_newline else b"")
    path = tmp_path / "releases.jsonl"
    path.write_bytes(content)
    settings = parse_settings("".join(f"[{spec.code}]\n" for spec in SPECS), SPECS)
    expected = engine.run_lines(lines, settings)
    monkeypatch.setattr(engine, "BLOCK", block)
    got = engine.run_file(path, settings, workers=1)
    assert render(got.results) == render(expected.results)
    assert got.problems == expected.problems
    assert [problem.line for problem in got.problems] == [13, 16, 23]
    assert got.lines == len(lines)


@pytest.mark.parametrize("shift", [0, 1, 2, 3])
def test_utf8_is_checked_piece_by_piece_as_a_whole(shift: int) -> None:
    """A block is checked for UTF-8 in pieces: a character cut by a piece's end, or an invalid
    byte in a later piece or in the last bytes, is judged as when the block is decoded at once."""
    from sodsong.procurement.indicators.ocds.fold import _PIECE, _valid_utf8

    thai = "บริษัท".encode()  # 3 bytes a character
    good = bytearray(b"a" * (_PIECE - shift) + thai * 3 + b"b" * (_PIECE + 5) + "ก".encode())
    assert _valid_utf8(good, len(good))
    assert not _valid_utf8(good + b"\xe0\xb8", len(good) + 2)  # cut short at the very end
    assert _valid_utf8(good + b"\xe0\xb8", len(good))  # past `size`: not looked at
    for bad in (b"\xff", b"\xed\xa0\x80", b"\xc0\xaf"):  # invalid, a surrogate, overlong
        block = bytearray(good)
        block[_PIECE * 2 - shift : _PIECE * 2 - shift + len(bad)] = bad
        assert not _valid_utf8(block, len(block))


_EDGES = "\t\n\x0b\x0c\r \x1c\x1f\x85\xa0\u1680\u2000\u200a\u2028\u202f\u205f\u3000\u200bxก"


@given(st.text(alphabet=st.sampled_from(_EDGES) | st.characters(), max_size=12))
@settings(max_examples=400)
def test_r044_trim_is_rust_trim(text: str) -> None:
    """R044's fast `trim` (Python's `strip()` decides whether anything is trimmed) equals Rust's
    `str::trim`, which removes Unicode White_Space only (not U+001C..U+001F, not U+200B)."""
    from sodsong.procurement.indicators.ocds.r044 import WHITE_SPACE, trim

    assert trim(text) == text.strip(WHITE_SPACE)


@pytest.mark.parametrize(
    "fields",
    [
        {
            "streetAddress": " 1 Main St\u3000",
            "locality": "\x1cX",
            "region": "R",
            "postalCode": "1",
            "countryName": "TH",
        },
        {"streetAddress": "1 Main", "locality": 5, "region": None, "postalCode": "1 ", "countryName": "Th"},
        {"streetAddress": None},
        {"locality": "X"},
    ],
)
def test_r044_address_key_joins_trimmed_lowercased_strings(fields: dict[str, Any]) -> None:
    from sodsong.procurement.indicators.ocds.r044 import WHITE_SPACE, address_key
    from sodsong.procurement.indicators.ocds.release import Address

    address = msgspec.convert(fields, Address)
    if "streetAddress" not in fields:
        assert address_key(address) is None
        return
    parts = [fields[name].strip(WHITE_SPACE) for name in fields if type(fields[name]) is str]
    assert address_key(address) == ((" ".join(parts) + " ").lower() if parts else "")


@pytest.mark.parametrize("workers", [2, 3])
def test_a_range_whose_first_currency_is_not_the_main_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    """Each range compares bids in its first currency, a guess of the main currency; a range
    that guessed wrong (it starts with EUR processes, the main currency is the first range's
    USD) is compared again in the main process, with repeated ocids and mixed currencies."""
    rows: list[dict[str, Any]] = []
    for n in range(240):
        currency = "EUR" if n >= 35 and (n % 40 < 10 or n % 40 >= 35) else "USD"  # EUR at range starts
        row = priced(f"p{n % 97:03d}", 100 + n % 7, 101 + n % 13, currency)
        if n % 11 == 0:
            row["bids"]["details"].append(
                {
                    "status": "valid",
                    "tenderers": [{"id": "M"}],
                    "value": {"amount": 50 + n, "currency": "GBP"},
                }
            )
        rows.append(row)
    path = tmp_path / "releases.jsonl"
    path.write_bytes(b"".join(json.dumps(row).encode() + b"\n" for row in rows))
    starts = [start for start, _end in engine._ranges(path, workers)][1:]
    data = path.read_bytes()
    firsts = [json.loads(data[start : data.index(b"\n", start)]) for start in starts]
    assert any(first["bids"]["details"][0]["value"]["currency"] == "EUR" for first in firsts)
    settings = parse_settings("[R024]\nthreshold = 0.05\n[R058]\nthreshold = 0.05\n", SPECS)
    serial = engine.run_file(path, settings, with_map=True, workers=1)
    monkeypatch.setattr(engine, "PARALLEL_FROM", 0)
    parallel = engine.run_file(path, settings, with_map=True, workers=workers)
    assert render(parallel.results) == render(serial.results)
    document = json.loads(render(serial.results))
    assert len(document["OCID"]) > 20


def test_r025_flags_in_its_own_first_seen_order_not_the_shared_tables() -> None:
    """R025, R038 and R048 share one table of organizations; R025 must flag in the order it
    first saw each tenderer (B, then A), not in the table's (A, seen first by R038)."""
    rows = [
        {"ocid": "p1", "bids": {"details": [{"status": "valid", "tenderers": [{"id": "A"}]}]}},
        {
            "ocid": "p2",
            "bids": {
                "details": [
                    {"status": "valid", "tenderers": [{"id": "B"}]},
                    {"status": "valid", "tenderers": [{"id": "A"}]},
                ]
            },
            "awards": [{"status": "active", "suppliers": [{"id": "B"}]}],
        },
    ]
    document = run(rows, "[R025]\nthreshold = 1.0\n[R038]\nthreshold = 2.0\n")
    assert list(document["Tenderer"].items()) == [("B", {"R025": 1.0}), ("A", {"R025": 0.0})]


def test_the_organizations_table_splits_into_each_indicators_own_order() -> None:
    """At the end of a range the shared table becomes R025's, R038's and R048's own tables,
    each in the order that indicator first saw its ids; the shared table is dropped."""
    from sodsong.procurement.indicators.ocds import organizations as org
    from sodsong.procurement.indicators.ocds.base import Accumulator

    acc = Accumulator()
    acc.state["R038"] = {"buyer": {"b": [0, 1]}, "procuring_entity": {}, "tenderer": {}}
    entries = org.table(acc)
    counts = {"A": (0, 1, 1, 2, 0, None), "B": (1, 1, 0, 1, 3, {"01", "02"}), "C": (0, 0, 0, 0, 1, {"03"})}
    for key, (wins, bids, disqualified, submitted, processes, prefixes) in counts.items():
        entry = entries[key] = org.Entry()
        entry.wins, entry.bids, entry.disqualified, entry.submitted = wins, bids, disqualified, submitted
        entry.processes, entry.prefixes = processes, prefixes
    org.order(acc, org.ORDER_R025).extend(["B", "A"])
    org.order(acc, org.ORDER_R038).extend(["A", "B"])
    org.order(acc, org.ORDER_R048).extend(["C", "B"])
    org.split(acc)
    org.split(acc)  # R025, R038 and R048 each call it: only the first one counts
    assert list(acc.state["R025"].items()) == [("B", [1, 1]), ("A", [0, 1])]
    assert list(acc.state["R038"]["tenderer"].items()) == [("A", [1, 2]), ("B", [0, 1])]
    assert acc.state["R038"]["buyer"] == {"b": [0, 1]}
    assert list(acc.state["R048"].items()) == [("C", [1, {"03"}]), ("B", [3, {"01", "02"}])]
    assert set(acc.state) == {"R025", "R038", "R048"}
