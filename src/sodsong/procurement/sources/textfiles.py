"""Text files as Thai government sources write them: UTF-8 with or without BOM, or TIS-620/cp874.

DuckDB reads UTF-8 only, so a cp874 file is transcoded to a temporary UTF-8 file in one streaming
pass (fixed-size chunks, never whole lines: a 1 GB line costs a few MB of memory). Detection looks at
the first megabyte; bytes that turn out invalid further on are DuckDB's to report, per line.

Files as people download and pass them on: gzip, bzip2 and xz files are decompressed the same
streaming way first (line numbers are those of the text inside). A spreadsheet, an archive or a
PDF is named for what it is, with what to do, instead of failing as "binary".
"""

from __future__ import annotations

import bz2
import codecs
import contextlib
import gzip
import lzma
import os
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import BufferedIOBase
from pathlib import Path

from sodsong.procurement.sources.common import SourceError

__all__ = [
    "SAMPLE_BYTES",
    "TextSource",
    "detect_encoding",
    "open_bytes",
    "read_sample",
    "utf8_file",
]

SAMPLE_BYTES = 1 << 20
CHUNK_BYTES = 1 << 20
_THAI_CP874 = range(0xA1, 0xFC)
# Magic bytes -> (name, opener) of the compressions read as they are (`open_bytes` closes them).
_COMPRESSED: tuple[tuple[bytes, str, Callable[[Path], BufferedIOBase]], ...] = (
    (b"\x1f\x8b", "gzip", lambda p: gzip.open(p, "rb")),  # noqa: SIM115
    (b"BZh", "bzip2", lambda p: bz2.open(p, "rb")),  # noqa: SIM115
    (b"\xfd7zXZ\x00", "xz", lambda p: lzma.open(p, "rb")),  # noqa: SIM115
)
_SHEET = "not CSV text: save the sheet as CSV UTF-8 and import that"
# Magic bytes -> what the file is and what to do (files that are not CSV text at all).
_NOT_TEXT: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", f"an Excel 97-2003 workbook (XLS), {_SHEET}"),
    (b"%PDF-", "a PDF document, not CSV text (expected a CSV export of the data)"),
    (
        b"\x28\xb5\x2f\xfd",
        "compressed with zstd: decompress it first (gzip, bzip2 and xz files are read as they are)",
    ),
)


@dataclass(frozen=True)
class TextSource:
    """A text file ready for DuckDB: `path` is UTF-8 (the original, or a decompressed or transcoded
    copy); `encoding` says which, e.g. `cp874 (gzip)`."""

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


def _zip_kind(path: Path) -> str:
    """What a ZIP file holds, by its member names (XLSX and ODS are ZIP files)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        names = []
    if any(name.startswith("xl/") for name in names):
        return f"an Excel workbook (XLSX), {_SHEET}"
    if "content.xml" in names:
        return f"an OpenDocument spreadsheet (ODS), {_SHEET}"
    return "a ZIP archive, not CSV text: unzip it and import the CSV files inside"


def _refuse_non_text(path: Path, head: bytes, shown: Path) -> None:
    """SourceError naming what the file is when its first bytes say it is not text at all."""
    if head.startswith(b"PK\x03\x04"):
        raise SourceError(shown, f"the file is {_zip_kind(path)}")
    for magic, what in _NOT_TEXT:
        if head.startswith(magic):
            raise SourceError(shown, f"the file is {what}")


def detect_encoding(path: Path, shown: Path | None = None) -> str:
    """`utf-8-sig`, `utf-8` or `cp874`, from the file's first megabyte; SourceError otherwise
    (naming `shown`, the file the user gave, when `path` is a decompressed copy of it)."""
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    path = shown or path
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


def _transcode(path: Path, target: Path, encoding: str, shown: Path) -> None:
    """Write `path` as UTF-8 into `target`; errors name `shown`, the file the user gave."""
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    with path.open("rb") as source, target.open("wb") as out:
        while chunk := source.read(CHUNK_BYTES):
            try:
                out.write(decoder.decode(chunk).encode("utf-8"))
            except UnicodeDecodeError as exc:
                raise SourceError(
                    shown,
                    f"byte 0x{chunk[exc.start]:02x} is not valid {encoding} (expected TIS-620/cp874 text throughout)",
                    line=line + chunk.count(b"\n", 0, exc.start),
                ) from None
            line += chunk.count(b"\n")
        out.write(decoder.decode(b"", final=True).encode("utf-8"))


def _temporary(workdir: Path | None) -> Path:
    fd, name = tempfile.mkstemp(prefix="sodsong-utf8-", suffix=".csv", dir=workdir)
    os.close(fd)
    return Path(name)


def _head(path: Path) -> bytes:
    """The first bytes, enough for every magic number below."""
    with path.open("rb") as handle:
        return handle.read(8)


def _compression(head: bytes) -> tuple[str, Callable[[Path], BufferedIOBase]] | None:
    """(name, opener) when the first bytes say the file is gzip, bzip2 or xz."""
    return next(((name, opener) for magic, name, opener in _COMPRESSED if head.startswith(magic)), None)


@contextlib.contextmanager
def open_bytes(path: Path) -> Iterator[BufferedIOBase]:
    """The file's bytes, decompressed as they are read when it is gzip, bzip2 or xz. Damaged
    compressed data (cut short, garbled) is a SourceError naming the file, wherever it is met."""
    compression = _compression(_head(path))
    if compression is None:
        with path.open("rb") as handle:
            yield handle
        return
    name, opener = compression
    try:
        with opener(path) as handle:
            yield handle
    except (EOFError, OSError, lzma.LZMAError, zlib.error) as exc:
        if isinstance(exc, OSError) and exc.errno is not None:
            raise  # the disk, not the data
        raise SourceError(
            path, f"the {name} data is cut short or corrupt (expected a whole {name} file)"
        ) from None


@contextlib.contextmanager
def utf8_file(path: Path, workdir: Path | None = None) -> Iterator[TextSource]:
    """`with utf8_file(path) as source:` a UTF-8 view of the file; a decompressed or transcoded
    copy is removed after."""
    head = _head(path)
    _refuse_non_text(path, head, path)
    compression = _compression(head)
    made: list[Path] = []
    try:
        plain = path
        if compression is not None:
            plain = _temporary(workdir)
            made.append(plain)
            with open_bytes(path) as source, plain.open("wb") as out:
                while chunk := source.read(CHUNK_BYTES):
                    out.write(chunk)
            _refuse_non_text(plain, _head(plain), path)
        encoding = detect_encoding(plain, shown=path)
        label = f"{encoding} ({compression[0]})" if compression is not None else encoding
        if encoding != "cp874":
            yield TextSource(path, plain, label)
            return
        target = _temporary(workdir)
        made.append(target)
        _transcode(plain, target, encoding, shown=path)
        yield TextSource(path, target, label)
    finally:
        for temporary in made:
            temporary.unlink(missing_ok=True)
