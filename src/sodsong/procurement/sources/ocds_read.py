"""Read OCDS files of every shape: release and record packages, releases, compiled releases,
records, JSON arrays of them, and JSON Lines of any of these; the shape is detected.

Files up to 64 MB are parsed whole (orjson); larger ones are streamed (ijson) release by release.
JSON Lines are read line by line with a cap on the line length. gzip, bzip2 and xz files are
read as they are (`textfiles.open_bytes`); a package over 64 MB once decompressed is streamed.
Every release comes out with where it was (line, or record number, and its position in a
record); anything that is not a release is a rejection naming where it was and what was expected.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ijson
import orjson

from sodsong.procurement.sources.common import SourceError
from sodsong.procurement.sources.textfiles import open_bytes

__all__ = ["MAX_DEPTH", "Item", "Problem", "read_ocds"]

MAX_DEPTH = 64
WHOLE_FILE_BYTES = 64 << 20
MAX_LINE_BYTES = 8 << 20
_EXPECTED_DOCUMENT = "an OCDS release, record, release package or record package"


@dataclass(frozen=True)
class Item:
    """One release to stage: `kind` is `release`, or `compiled` when a record only links its releases."""

    line: int
    position: int
    kind: str
    release: dict[str, Any]


@dataclass(frozen=True)
class Problem:
    """A record that is not imported."""

    line: int
    field: str
    expected: str
    value: str | None = None


def _too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """True when value nests deeper than limit (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        current, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(current, dict):
            stack.extend((v, depth + 1) for v in current.values() if isinstance(v, (dict, list)))
        elif isinstance(current, list):
            stack.extend((v, depth + 1) for v in current if isinstance(v, (dict, list)))
    return False


def _is_release(value: dict[str, Any]) -> bool:
    return "tag" in value or "tender" in value or "awards" in value or "parties" in value or "buyer" in value


def _from_record(record: dict[str, Any], line: int) -> Iterator[Item | Problem]:
    embedded = [r for r in record.get("releases") or [] if isinstance(r, dict) and _is_release(r)]
    if embedded:
        for position, release in enumerate(embedded, start=1):
            release.setdefault("ocid", record.get("ocid"))
            yield from _checked(release, line, position, "release")
    elif isinstance(record.get("compiledRelease"), dict):
        compiled = record["compiledRelease"]
        compiled.setdefault("ocid", record.get("ocid"))
        yield from _checked(compiled, line, 0, "compiled")
    else:
        yield Problem(
            line, "releases", "embedded releases or a compiledRelease (linked releases alone cannot be read)"
        )


def _checked(release: dict[str, Any], line: int, position: int, kind: str) -> Iterator[Item | Problem]:
    ocid = release.get("ocid")
    if not isinstance(ocid, str) or not ocid.strip():
        yield Problem(line, "ocid", "a string ocid", repr(ocid)[:200])
    elif _too_deep(release):
        yield Problem(line, "*", f"JSON nested at most {MAX_DEPTH} levels deep")
    else:
        tag = release.get("tag")
        compiled = kind == "compiled" or (isinstance(tag, list) and "compiled" in tag)
        yield Item(line, position, "compiled" if compiled else "release", release)


def _from_value(value: Any, line: int, *, numbered: bool, top: bool = True) -> Iterator[Item | Problem]:
    """Items from one JSON value; `numbered` numbers the releases/records of a package from `line`."""
    if isinstance(value, list):
        if not top:
            yield Problem(line, "*", _EXPECTED_DOCUMENT, "an array inside an array")
        elif _too_deep(value):
            yield Problem(line, "*", f"JSON nested at most {MAX_DEPTH} levels deep")
        else:
            for number, element in enumerate(value, start=1):
                yield from _from_value(element, number if numbered else line, numbered=False, top=False)
        return
    if not isinstance(value, dict):
        yield Problem(line, "*", _EXPECTED_DOCUMENT, type(value).__name__)
        return
    if isinstance(value.get("releases"), list) and "ocid" not in value:
        for number, release in enumerate(value["releases"], start=1):
            at = number if numbered else line
            if isinstance(release, dict):
                yield from _checked(release, at, 0 if numbered else number, "release")
            else:
                yield Problem(at, "releases[]", "a release object", type(release).__name__)
        return
    if isinstance(value.get("records"), list):
        for number, record in enumerate(value["records"], start=1):
            at = number if numbered else line
            if isinstance(record, dict):
                yield from _from_record(record, at)
            else:
                yield Problem(at, "records[]", "a record object", type(record).__name__)
        return
    if "ocid" in value and not _is_release(value) and ("releases" in value or "compiledRelease" in value):
        yield from _from_record(value, line)
        return
    if "ocid" in value:
        yield from _checked(value, line, 0, "release")
        return
    yield Problem(line, "*", _EXPECTED_DOCUMENT, "an object with keys " + ", ".join(sorted(value)[:8]))


def _decode_error(path: Path, exc: orjson.JSONDecodeError, line: int | None = None) -> str:
    if "recursion" in str(exc).lower() or "depth" in str(exc).lower():
        return f"JSON nested at most {MAX_DEPTH} levels deep"
    where = f"line {exc.lineno}, column {exc.colno}" if line is None else f"column {exc.colno}"
    return f"valid JSON ({exc.msg} at {where})"


def _head(path: Path) -> bytes:
    with open_bytes(path) as handle:
        head = handle.read(1 << 16)
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    return head.lstrip()


def _is_json_lines(path: Path, max_line_bytes: int) -> bool:
    with open_bytes(path) as handle:
        first = handle.readline(max_line_bytes + 1)
        rest = handle.read(1 << 12)
    first = first.removeprefix(codecs.BOM_UTF8)
    if not first.strip() or not rest.strip():
        return False
    try:
        orjson.loads(first)
    except orjson.JSONDecodeError:
        return False
    return True


def _json_lines(path: Path, max_line_bytes: int) -> Iterator[Item | Problem]:
    with open_bytes(path) as handle:
        number = 0
        while raw := handle.readline(max_line_bytes + 1):
            number += 1
            if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
                while (chunk := handle.readline(1 << 20)) and not chunk.endswith(b"\n"):
                    pass  # skip the rest of the line without keeping it
                yield Problem(number, "*", f"a line of at most {max_line_bytes} bytes")
                continue
            if number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            if not raw.strip():
                continue
            try:
                value = orjson.loads(raw)
            except orjson.JSONDecodeError as exc:
                yield Problem(number, "*", _decode_error(path, exc, number))
                continue
            yield from _from_value(value, number, numbered=False)


def _streamed(path: Path) -> Iterator[Item | Problem]:
    """A large package: its releases or records one at a time."""
    with open_bytes(path) as handle:
        key = None
        for prefix, event, value in ijson.parse(handle):
            if prefix == "" and event == "map_key" and value in ("releases", "records"):
                key = value
                break
    if key is None:
        raise SourceError(path, f"expected {_EXPECTED_DOCUMENT} (a large file must be a package)")
    with open_bytes(path) as handle:
        number = 0
        try:
            for element in ijson.items(handle, f"{key}.item", use_float=True):
                number += 1
                if key == "releases":
                    if isinstance(element, dict):
                        yield from _checked(element, number, 0, "release")
                    else:
                        yield Problem(number, "releases[]", "a release object", type(element).__name__)
                elif isinstance(element, dict):
                    yield from _from_record(element, number)
                else:
                    yield Problem(number, "records[]", "a record object", type(element).__name__)
        except ijson.JSONError as exc:
            raise SourceError(path, f"invalid JSON after {key} number {number}: {exc}") from None


def read_ocds(path: Path, *, max_line_bytes: int = MAX_LINE_BYTES) -> tuple[str, Iterator[Item | Problem]]:
    """(layout, items): the detected shape and its releases; SourceError when it is not OCDS JSON."""
    head = _head(path)
    if not head:
        raise SourceError(path, f"the file is empty (expected {_EXPECTED_DOCUMENT} as JSON)")
    if head[:1] not in (b"{", b"["):
        raise SourceError(path, "not JSON (expected '{' or '[' at the start)", line=1)
    if _is_json_lines(path, max_line_bytes):
        return "json-lines", _json_lines(path, max_line_bytes)
    if path.stat().st_size > WHOLE_FILE_BYTES:
        return "package-streamed", _streamed(path)
    with open_bytes(path) as handle:  # a compressed file may hold more than it weighs
        data = handle.read(WHOLE_FILE_BYTES + 1)
    if len(data) > WHOLE_FILE_BYTES:
        return "package-streamed", _streamed(path)
    try:
        value = orjson.loads(data.removeprefix(codecs.BOM_UTF8))
    except orjson.JSONDecodeError as exc:
        raise SourceError(path, f"expected {_decode_error(path, exc)}") from None
    if isinstance(value, dict) and isinstance(value.get("records"), list):
        layout = "record-package"
    elif isinstance(value, dict) and isinstance(value.get("releases"), list) and "ocid" not in value:
        layout = "release-package"
    elif isinstance(value, list):
        layout = "json-array"
    elif isinstance(value, dict) and "ocid" in value and not _is_release(value):
        layout = "record"
    else:
        layout = "release"
    return layout, _from_value(value, 1, numbered=True)
