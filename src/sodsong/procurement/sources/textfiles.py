"""Text files as Thai government sources write them: UTF-8 with or without BOM, or TIS-620/cp874.

DuckDB reads UTF-8 only, so a cp874 file is transcoded to a temporary UTF-8 file in one streaming
pass (fixed-size chunks, never whole lines: a 1 GB line costs a few MB of memory). Detection looks at
the first megabyte; bytes that turn out invalid further on are DuckDB's to report, per line.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sodsong.procurement.sources.common import SourceError

__all__ = ["SAMPLE_BYTES", "TextSource", "detect_encoding", "read_sample", "utf8_file"]

SAMPLE_BYTES = 1 << 20
CHUNK_BYTES = 1 << 20
_THAI_CP874 = range(0xA1, 0xFC)


@dataclass(frozen=True)
class TextSource:
    """A text file ready for DuckDB: `path` is UTF-8 (the original or a transcoded copy)."""

    original: Path
    path: Path
    encoding: str


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _mostly_utf8(head: bytes) -> bool:
    """UTF-8 Thai text with a handful of broken bytes (not a cp874 file, which has no valid
    multi-byte UTF-8 Thai at all)."""
    text = head.decode("utf-8", errors="replace")
    thai = sum(1 for ch in text if "\u0e00" <= ch <= "\u0e7f")
    broken = text.count("\ufffd")
    return thai > 0 and broken * 100 < thai


def detect_encoding(path: Path) -> str:
    """`utf-8-sig`, `utf-8` or `cp874`, from the file's first megabyte; SourceError otherwise."""
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    if not head:
        raise SourceError(path, "the file is empty (expected a header line and rows)")
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SourceError(path, "the file is UTF-16; expected UTF-8 or TIS-620/cp874 text", line=1)
    if b"\x00" in head:
        line = _line_of(head, head.index(b"\x00"))
        raise SourceError(
            path, "the file holds NUL bytes: it is binary, not UTF-8 or TIS-620/cp874 text", line=line
        )
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < SAMPLE_BYTES)
    except UnicodeDecodeError as utf8_error:
        if _mostly_utf8(head):
            # A few bad bytes in a UTF-8 file: DuckDB rejects those lines one by one.
            return "utf-8"
        try:
            text = head.decode("cp874")
        except UnicodeDecodeError as exc:
            line = _line_of(head, utf8_error.start)
            raise SourceError(
                path,
                f"byte 0x{head[exc.start]:02x} is neither UTF-8 nor TIS-620/cp874 (expected Thai text in one of them)",
                line=line,
            ) from None
        if not any(ord("ก") <= ord(ch) <= ord("๛") for ch in text):
            line = _line_of(head, utf8_error.start)
            raise SourceError(
                path, "not UTF-8, and no Thai letters when read as TIS-620/cp874", line=line
            ) from None
        return "cp874"
    return "utf-8"


def read_sample(source: TextSource, limit: int = SAMPLE_BYTES) -> str:
    """The first `limit` bytes as text, cut back to the last whole line."""
    with source.path.open("rb") as handle:
        head = handle.read(limit)
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    if len(head) == limit and b"\n" in head:
        head = head[: head.rindex(b"\n") + 1]
    return head.decode("utf-8", errors="replace")


def _transcode(path: Path, target: Path, encoding: str) -> None:
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    with path.open("rb") as source, target.open("wb") as out:
        while chunk := source.read(CHUNK_BYTES):
            try:
                out.write(decoder.decode(chunk).encode("utf-8"))
            except UnicodeDecodeError as exc:
                raise SourceError(
                    path,
                    f"byte 0x{chunk[exc.start]:02x} is not valid {encoding} (expected TIS-620/cp874 text throughout)",
                    line=line + chunk.count(b"\n", 0, exc.start),
                ) from None
            line += chunk.count(b"\n")
        out.write(decoder.decode(b"", final=True).encode("utf-8"))


@contextlib.contextmanager
def utf8_file(path: Path, workdir: Path | None = None) -> Iterator[TextSource]:
    """`with utf8_file(path) as source:` a UTF-8 view of the file; a transcoded copy is removed after."""
    encoding = detect_encoding(path)
    if encoding != "cp874":
        yield TextSource(path, path, encoding)
        return
    fd, name = tempfile.mkstemp(prefix="sodsong-utf8-", suffix=".csv", dir=workdir)
    os.close(fd)
    target = Path(name)
    try:
        _transcode(path, target, encoding)
        yield TextSource(path, target, encoding)
    finally:
        target.unlink(missing_ok=True)
