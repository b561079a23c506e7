"""Source files as people download them: compressed CSV is read as it is; a spreadsheet, an
archive or a PDF gets one message saying what the file is and what to do, not "binary"."""

from __future__ import annotations

import bz2
import gzip
import lzma
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sodsong.procurement.sources.common import SourceError
from sodsong.procurement.sources.textfiles import utf8_file
from tests.procurement.sources.egp_files import HEADER_28, ics_rows, render, rows_28

Run = Callable[..., Any]
Query = Callable[..., list[tuple[Any, ...]]]
COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    "gz": gzip.compress,
    "bz2": bz2.compress,
    "xz": lzma.compress,
}


def good_bytes(encoding: str = "utf-8") -> bytes:
    return render(HEADER_28, rows_28(ics_rows())).encode(encoding)


@pytest.mark.parametrize(("suffix", "compression"), [("gz", "gzip"), ("bz2", "bzip2"), ("xz", "xz")])
def test_a_compressed_csv_imports_the_same_rows_as_the_plain_one(
    tmp_path: Path, egp: Run, query: Query, suffix: str, compression: str
) -> None:
    packed = tmp_path / f"egp.csv.{suffix}"
    packed.write_bytes(COMPRESSORS[suffix](good_bytes()))
    plain = tmp_path / "egp.csv"
    plain.write_bytes(good_bytes())
    summary = egp(packed, plain)
    assert summary.errors == []
    assert [(f.encoding, f.read, f.imported, f.rejected) for f in summary.files] == [
        (f"utf-8 ({compression})", 5, 5, 0),
        ("utf-8", 5, 5, 0),
    ]
    rows = query(
        "SELECT f.file_name, list(e.project_no || '@' || e.source_line ORDER BY e.source_line) "
        "FROM egp_row e JOIN source_file f USING (source_file_id) GROUP BY 1 ORDER BY 1"
    )
    assert [name for name, _ in rows] == ["egp.csv", packed.name]
    assert rows[0][1] == rows[1][1] and len(rows[0][1]) == 5


def test_a_compressed_cp874_file_is_decompressed_then_transcoded(tmp_path: Path) -> None:
    packed = tmp_path / "egp.csv.gz"
    packed.write_bytes(gzip.compress(good_bytes("cp874")))
    with utf8_file(packed) as text:
        assert text.encoding == "cp874 (gzip)"
        assert text.path != packed and text.original == packed
        assert text.path.read_bytes() == good_bytes()
        decompressed = text.path
    assert not decompressed.exists()


def _cut(data: bytes) -> bytes:
    return data[:300]


def _garbled(data: bytes) -> bytes:
    return data[:20] + bytes(b ^ 0x5A for b in data[20:300]) + data[300:]


@pytest.mark.parametrize("damage", [_cut, _garbled])
def test_damaged_gzip_data_is_one_clear_error_and_leaves_nothing(
    tmp_path: Path, egp: Run, query: Query, damage: Callable[[bytes], bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr("tempfile.tempdir", None)
    packed = tmp_path / "damaged.csv.gz"
    packed.write_bytes(damage(gzip.compress(good_bytes() * 50)))
    summary = egp(packed)
    assert summary.errors == [f"{packed}: the gzip data is cut short or corrupt (expected a whole gzip file)"]
    assert query("SELECT count(*) FROM egp_row") == [(0,)]
    assert not [p for p in scratch.iterdir() if p.name.startswith("sodsong-utf8-")]


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        (
            "egp.xlsx",
            lambda p: _zip(p, {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
            "the file is an Excel workbook (XLSX), not CSV text: save the sheet as CSV UTF-8 and import that",
        ),
        (
            "egp.ods",
            lambda p: _zip(
                p, {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b""}
            ),
            "the file is an OpenDocument spreadsheet (ODS), not CSV text: save the sheet as CSV UTF-8 and import that",
        ),
        (
            "egp.zip",
            lambda p: _zip(p, {"egp.csv": good_bytes()}),
            "the file is a ZIP archive, not CSV text: unzip it and import the CSV files inside",
        ),
        (
            "egp.xls",
            lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
            "the file is an Excel 97-2003 workbook (XLS), not CSV text: save the sheet as CSV UTF-8 and import that",
        ),
        (
            "egp.pdf",
            lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
            "the file is a PDF document, not CSV text (expected a CSV export of the data)",
        ),
        (
            "egp.csv.zst",
            lambda p: p.write_bytes(b"\x28\xb5\x2f\xfd" + bytes(40)),
            "the file is compressed with zstd: decompress it first (gzip, bzip2 and xz files are read as they are)",
        ),
    ],
)
def test_a_file_that_is_not_csv_text_says_what_it_is(
    tmp_path: Path, name: str, make: Callable[[Path], object], message: str
) -> None:
    path = tmp_path / name
    make(path)
    with pytest.raises(SourceError) as raised, utf8_file(path):
        pass
    assert str(raised.value) == f"{path}: {message}"


def test_the_blacklist_and_company_imports_read_compressed_files_too(tmp_path: Path) -> None:
    """The same reader serves every CSV source: a gzip file is seen as its text."""
    packed = tmp_path / "blacklist.csv.gz"
    packed.write_bytes(gzip.compress("juristic_id,name\n0105551234567,บริษัท ก จำกัด\n".encode()))
    with utf8_file(packed) as text:
        assert text.path.read_text(encoding="utf-8").startswith("juristic_id,name")
