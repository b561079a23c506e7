"""Reading one JSONL line into the few release fields the indicators use.

msgspec decodes straight into these Structs and skips every other field in C, which is most
of a compiled release (descriptions, identifiers, contracts...). Leaves are typed `Any`, so
the indicators can apply Cardinal's exact type rules ("a string status", "a numeric amount").
Containers are typed; when a publisher puts the wrong type where a container belongs (an
object where an array belongs, a number in `tenderers`), Cardinal treats it as absent (or, in
an array, as an element without fields), so does `sanitize`, and the release then goes
through the same Structs.

Line handling follows Cardinal (serde_json over `BufRead::lines`): lines split at `\\n` with
one trailing `\\r` removed; blank lines are skipped silently; invalid JSON or invalid UTF-8
is reported with its line number and skipped; valid JSON that is not an object with a string
`ocid` is skipped silently.

One known difference: serde_json rejects a number beyond f64's range (`1e400`) anywhere in a
line, while msgspec checks only the values it converts; such a number in a field no indicator
reads leaves the line folded here. Finding them would mean scanning every byte for numbers
(a few per cent of the run) for lines no real publisher writes.
"""

from __future__ import annotations

from typing import Any

import msgspec

# The Structs are `gc=False`: decoded releases hold no reference cycles, and leaving millions
# of small objects out of the garbage collector's lists makes decoding and folding faster.

__all__ = [
    "TYPED",
    "Address",
    "Award",
    "Bid",
    "ContactPoint",
    "LineError",
    "Org",
    "Party",
    "Release",
    "Tender",
    "decode_line",
]


class Org(msgspec.Struct, gc=False):
    id: Any = None


class Amount(msgspec.Struct, gc=False):
    amount: Any = None
    currency: Any = None


class Bid(msgspec.Struct, gc=False):
    date: Any = None
    status: Any = None
    tenderers: list[Org] | None = None
    value: Amount | None = None


class Bids(msgspec.Struct, gc=False):
    details: list[Bid] | None = None


class Classification(msgspec.Struct, gc=False):
    id: Any = None


class Item(msgspec.Struct, gc=False):
    classification: Classification | None = None


class Award(msgspec.Struct, gc=False):
    status: Any = None
    suppliers: list[Org] | None = None
    items: list[Item] | None = None


class Period(msgspec.Struct, gc=False):
    startDate: Any = None
    endDate: Any = None


class Tender(msgspec.Struct, gc=False):
    status: Any = None
    procuringEntity: Org | None = None
    procurementMethod: Any = None
    procurementMethodDetails: Any = None
    numberOfTenderers: Any = None
    tenderPeriod: Period | None = None


class Address(msgspec.Struct, gc=False):
    # UNSET when the key is absent: R044 compares an address only if `streetAddress` is a key.
    streetAddress: Any = msgspec.UNSET
    locality: Any = None
    region: Any = None
    postalCode: Any = None
    countryName: Any = None


class ContactPoint(msgspec.Struct, gc=False):
    name: Any = None
    email: Any = None
    telephone: Any = None
    faxNumber: Any = None
    url: Any = None


class Party(msgspec.Struct, gc=False):
    id: Any = None
    roles: Any = None
    address: Address | None = None
    contactPoint: ContactPoint | None = None


class Release(msgspec.Struct, gc=False):
    ocid: Any = None
    parties: list[Party] | None = None
    buyer: Org | None = None
    tender: Tender | None = None
    bids: Bids | None = None
    awards: list[Award] | None = None


class LineError(Exception):
    """A line that Cardinal reports and skips (invalid JSON or invalid UTF-8)."""

    def __init__(self, reason: str, io_error: bool = False) -> None:
        super().__init__(reason)
        self.io_error = io_error  # Cardinal: "caused an I/O error" rather than "is invalid JSON"


# The typed decoder: also used by the compiled fold loop (`fold.fold_blocks`), which decodes the
# lines of a valid UTF-8 block itself and sends anything unusual through `decode_line`.
TYPED = msgspec.json.Decoder(Release)
_generic = msgspec.json.Decoder()
_ASCII_WHITESPACE = b" \t\n\x0c\r"  # Rust u8::is_ascii_whitespace (no vertical tab)
# serde_json's recursion limit: the 128th array or object open at once (the top level counts) is
# an error. msgspec's own limit is Python's recursion limit: a deeper line is a RecursionError.
SERDE_DEPTH = 128


def too_deep(line: bytes) -> LineError:
    """serde_json's error for a line nested past its limit, naming the bracket that passed it
    (1-based byte column, as serde_json counts). Only met on lines msgspec refused as too deep."""
    depth = 0
    in_string = escaped = False
    for index, byte in enumerate(line):
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # closing quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte == 0x5B or byte == 0x7B:  # [ {
            depth += 1
            if depth == SERDE_DEPTH:
                return LineError(f"recursion limit exceeded at line 1 column {index + 1}")
        elif byte == 0x5D or byte == 0x7D:  # ] }
            depth -= 1
    return LineError("recursion limit exceeded")


def _struct_fields(struct: type[msgspec.Struct]) -> dict[str, Any]:
    info = msgspec.inspect.type_info(struct)
    assert isinstance(info, msgspec.inspect.StructType)
    return {f.name: f.type for f in info.fields}


def _container(kind: Any) -> Any:
    """The Struct or list type inside an optional field type, else None (a leaf)."""
    if isinstance(kind, msgspec.inspect.UnionType):
        kinds = [k for k in kind.types if not isinstance(k, msgspec.inspect.NoneType)]
        return kinds[0] if kinds else None
    if isinstance(kind, msgspec.inspect.StructType | msgspec.inspect.ListType):
        return kind
    return None


def _clean_struct(value: dict[str, Any], struct: type[msgspec.Struct]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, kind in _struct_fields(struct).items():
        if name not in value:
            continue
        container = _container(kind)
        if container is None:
            out[name] = value[name]
        else:
            cleaned = _clean(value[name], container)
            if cleaned is not None:
                out[name] = cleaned
    return out


def _clean(value: Any, kind: Any) -> Any:
    if isinstance(kind, msgspec.inspect.StructType):
        return _clean_struct(value, kind.cls) if isinstance(value, dict) else None
    if isinstance(kind, msgspec.inspect.ListType):
        if not isinstance(value, list):
            return None
        element = kind.item_type
        # Cardinal reads a non-object array element as an element with no fields; it still
        # counts in the array's length (`tenderers.len() == 1`).
        return [_clean(item, element) if isinstance(item, dict) else {} for item in value]
    return value


def sanitize(document: dict[str, Any]) -> Release:
    """A generic JSON object as a `Release`, wrong-typed containers treated as Cardinal does."""
    return msgspec.convert(_clean_struct(document, Release), Release)


def decode_line(line: bytes) -> Release | None:
    """One line (without its `\\n`) as a Release; None to skip silently; LineError to report."""
    if line.endswith(b"\r"):
        line = line[:-1]
    if not line.isascii():
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LineError(f"stream did not contain valid UTF-8 ({exc.reason})", io_error=True) from None
    try:
        release = TYPED.decode(line)
    except msgspec.ValidationError:
        try:
            document = _generic.decode(line)
        except msgspec.DecodeError as exc:  # pragma: no cover - the typed decoder saw valid JSON
            raise LineError(str(exc)) from None
        except RecursionError:
            raise too_deep(line) from None
        if not isinstance(document, dict):
            return None
        release = sanitize(document)
    except msgspec.DecodeError as exc:
        if not line.strip(_ASCII_WHITESPACE):
            return None
        raise LineError(str(exc)) from None
    except RecursionError:
        raise too_deep(line) from None
    if not isinstance(release.ocid, str):
        return None
    return release
