"""Bad e-GP input: one clear message each (file, line, field, what was expected), counted in the
summary; good rows of the same file still import; a failed file or run leaves nothing behind."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
import textwrap
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sodsong.procurement import warehouse
from sodsong.procurement.sources import egp_derive, textfiles
from sodsong.procurement.sources.runs import ImportAborted
from tests.procurement.sources.egp_files import HEADER_28, ics_rows, render, rows_28, write

Run = Callable[..., Any]
Query = Callable[..., list[tuple[Any, ...]]]
REPO = Path(__file__).resolve().parents[3]


def good_text() -> str:
    return render(HEADER_28, rows_28(ics_rows()))


def with_line(text: str, line_number: int, line: str) -> str:
    """Insert `line` so that it becomes line `line_number` of the file (1 = header)."""
    lines = text.splitlines(keepends=True)
    return "".join([*lines[: line_number - 1], line, *lines[line_number - 1 :]])


def rejection(summary: Any) -> tuple[int, str, str, str | None]:
    (only,) = summary.rejections
    return only.line, only.field, only.expected, only.value


def test_utf16_is_refused_with_one_message_and_other_files_still_import(
    tmp_path: Path, egp: Run, query: Query
) -> None:
    bad = tmp_path / "utf16.csv"
    bad.write_bytes(codecs.BOM_UTF16_LE + good_text().encode("utf-16-le"))
    good = write(tmp_path / "good.csv", good_text())
    summary = egp(bad, good)
    assert summary.errors == [f"{bad}, line 1: the file is UTF-16; expected UTF-8 or TIS-620/cp874 text"]
    assert (summary.read, summary.imported) == (5, 5)
    assert query("SELECT file_name FROM source_file") == [("good.csv",)]


def test_binary_garbage_is_refused(tmp_path: Path, egp: Run, query: Query) -> None:
    bad = tmp_path / "image.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    summary = egp(bad)
    assert "NUL bytes" in summary.errors[0] and str(bad) in summary.errors[0]
    assert query("SELECT count(*) FROM egp_row") == [(0,)]


def test_an_empty_file_is_reported_not_crashed_on(tmp_path: Path, egp: Run) -> None:
    summary = egp(write(tmp_path / "empty.csv", ""))
    assert summary.errors == [
        f"{tmp_path / 'empty.csv'}: the file is empty (expected a header line and rows)"
    ]


def test_a_bad_byte_in_a_utf8_file_rejects_only_its_line(tmp_path: Path, egp: Run) -> None:
    text = good_text().encode("utf-8")
    lines = text.split(b"\n")
    lines[2] = lines[2].replace("สุรนารี".encode(), b"\xff\xfe", 1)
    summary = egp(write_bytes(tmp_path / "f.csv", b"\n".join(lines)))
    assert (summary.read, summary.imported, summary.rejected) == (5, 4, 1)
    assert rejection(summary)[:3] == (3, "*", "UTF-8 or TIS-620/cp874 text")


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_a_truncated_file_rejects_its_last_line(tmp_path: Path, egp: Run) -> None:
    text = good_text()
    cut = text[:-60]  # inside the last row
    summary = egp(write(tmp_path / "f.csv", cut))
    assert (summary.imported, summary.rejected) == (4, 1)
    line, field, expected, value = rejection(summary)
    assert (line, field, expected) == (6, "*", "28 fields")
    assert value is not None and value.endswith("fields")


def test_a_truncated_quoted_field_is_reported(tmp_path: Path, egp: Run) -> None:
    text = good_text() + '1,99999999999,"cut off in the middle of a quoted na'
    summary = egp(write(tmp_path / "f.csv", text))
    assert (summary.imported, summary.rejected) == (5, 1)
    assert rejection(summary)[:2] == (7, "*")
    assert "closing quote" in rejection(summary)[2]


@pytest.mark.parametrize(("fields", "found"), [(27, "27 fields"), (30, "more than 28 fields")])
def test_rows_with_fewer_or_more_fields(
    tmp_path: Path, egp: Run, query: Query, fields: int, found: str
) -> None:
    row = rows_28(ics_rows()[:1])[0]
    row = [*row, "extra", "extra"][:fields]
    text = with_line(good_text(), 4, render(["x"], [row]).split("\n", 1)[1])
    summary = egp(write(tmp_path / "f.csv", text))
    assert (summary.read, summary.imported, summary.rejected) == (6, 5, 1)
    assert rejection(summary) == (4, "*", "28 fields", found)
    # The rows after the bad one keep their own line numbers.
    assert query("SELECT source_line FROM egp_row ORDER BY 1") == [(2,), (3,), (5,), (6,), (7,)]
    assert query("SELECT status, source_line FROM source_row WHERE status = 'rejected'") == [("rejected", 4)]


def test_empty_spreadsheet_rows_are_one_rejection_each_saying_so(
    tmp_path: Path, egp: Run, query: Query
) -> None:
    """Spreadsheets save rows of empty cells (`,,,,`); each is rejected once as an empty row, not
    as a bad project number, and the rows around it import."""
    rows = rows_28(ics_rows())
    empty = [""] * len(HEADER_28)
    dashes = ["-"] * len(HEADER_28)
    summary = egp(write(tmp_path / "f.csv", render(HEADER_28, [*rows[:2], empty, *rows[2:], dashes, empty])))
    assert (summary.read, summary.imported, summary.rejected) == (8, 5, 3)
    expected = "a row with values (every field of this row is blank: an empty spreadsheet row)"
    assert [(r.line, r.field, r.expected, r.value) for r in summary.rejections] == [
        (4, "*", expected, None),
        (8, "*", expected, None),
        (9, "*", expected, None),
    ]
    assert query("SELECT count(*) FROM rejection") == [(3,)]


def test_a_non_numeric_amount_rejects_the_row_naming_the_field(
    tmp_path: Path, egp: Run, query: Query
) -> None:
    rows = rows_28(ics_rows())
    rows[2][HEADER_28.index("งบประมาณ(บาท)")] = "เก้าล้าน"
    rows[3][HEADER_28.index("ราคากลาง(บาท)")] = "1.05E+06"
    summary = egp(write(tmp_path / "f.csv", render(HEADER_28, rows)))
    assert (summary.imported, summary.rejected) == (3, 2)
    assert [(r.line, r.field, r.expected, r.value) for r in summary.rejections] == [
        (4, "งบประมาณ(บาท)", "an amount in baht, e.g. 1234567.50", "เก้าล้าน"),
        (5, "ราคากลาง(บาท)", "an amount in baht, e.g. 1234567.50", "1.05E+06"),
    ]
    assert summary.rejections[0].message() == (
        f"{tmp_path / 'f.csv'}, line 4, field งบประมาณ(บาท): expected an amount in baht, e.g. 1234567.50, "
        "got 'เก้าล้าน'"
    )
    assert query("SELECT count(*) FROM rejection") == [(2,)]


def test_a_date_that_does_not_parse_rejects_the_row(tmp_path: Path, egp: Run) -> None:
    rows = rows_28(ics_rows())
    rows[0][HEADER_28.index("วันที่ลงนามสัญญา")] = "31-ก.พ.-64"
    rows[1][HEADER_28.index("วันที่สิ้นสุดสัญญา")] = "เมื่อวาน"
    summary = egp(write(tmp_path / "f.csv", render(HEADER_28, rows)))
    assert [(r.line, r.field, r.value) for r in summary.rejections] == [
        (2, "วันที่ลงนามสัญญา", "31-ก.พ.-64"),
        (3, "วันที่สิ้นสุดสัญญา", "เมื่อวาน"),
    ]
    assert summary.rejections[0].expected.startswith("a Thai or ISO date")


def test_a_rejected_value_never_shows_a_persons_id(tmp_path: Path, egp: Run) -> None:
    rows = rows_28(ics_rows()[:1])
    rows[0][HEADER_28.index("งบประมาณ(บาท)")] = "เลขที่ 3101701270001"
    summary = egp(write(tmp_path / "f.csv", render(HEADER_28, rows)))
    assert "3101701270001" not in (rejection(summary)[3] or "")


def test_an_over_long_line_is_rejected_without_being_held_in_memory(tmp_path: Path) -> None:
    """A 50 MB line against a 1 MB cap: rejected with its line number, the rest imported, and
    the importing process grows by far less than the line (it streams)."""
    long_line = '"' + "ก" * (50 * 1024 * 1024 // 3) + '",x\n'
    path = write(tmp_path / "long.csv", with_line(good_text(), 4, long_line))
    script = textwrap.dedent(
        f"""
        import resource
        from pathlib import Path
        from sodsong.procurement.sources.runs import import_egp
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        s = import_egp([Path({str(path)!r})], max_line_bytes=1 << 20, warehouse_path=Path({str(tmp_path / "w.duckdb")!r}))
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024
        print(s.read, s.imported, s.rejected, s.rejections[0].line, grown)
        print(s.rejections[0].expected)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    counts, expected = result.stdout.strip().splitlines()
    read, imported, rejected, line, grown_mb = map(int, counts.split())
    assert (read, imported, rejected, line) == (6, 5, 1, 4)
    assert "1048576 bytes" in expected
    assert grown_mb < 45, f"the import grew by {grown_mb} MB for a 50 MB line"


def test_transcoding_streams_in_chunks(tmp_path: Path) -> None:
    """cp874 is converted chunk by chunk: a 30 MB line costs a few chunks of memory, not the line."""
    path = tmp_path / "long-cp874.csv"
    path.write_bytes(good_text().encode("cp874") + b'"' + "ก".encode("cp874") * (30 * 1024 * 1024) + b'"\n')
    tracemalloc.start()
    with textfiles.utf8_file(path) as text:
        _, peak = tracemalloc.get_traced_memory()
        assert text.encoding == "cp874"
        assert text.path.stat().st_size > 90 * 1024 * 1024  # each ก is 3 bytes in UTF-8
    tracemalloc.stop()
    assert peak < 8 * textfiles.CHUNK_BYTES


def test_strict_mode_aborts_on_a_rejection_and_changes_nothing(
    tmp_path: Path, egp: Run, query: Query, warehouse_path: Path
) -> None:
    egp(write(tmp_path / "first.csv", good_text()))
    with warehouse.open() as con:
        before = warehouse.table_checksums(con)
    rows = rows_28(ics_rows())
    rows[1][HEADER_28.index("งบประมาณ(บาท)")] = "abc"
    with pytest.raises(ImportAborted, match="1 records rejected"):
        egp(write(tmp_path / "second.csv", render(HEADER_28, rows)), strict=True)
    with warehouse.open() as con:
        assert warehouse.table_checksums(con) == before


def test_an_import_failing_half_way_leaves_the_warehouse_as_it_was(
    tmp_path: Path, egp: Run, warehouse_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    egp(write(tmp_path / "first.csv", good_text()))
    snapshot = warehouse.current_snapshot()
    reader = warehouse.connect()
    before = warehouse.table_checksums(reader)

    def crash(con: Any) -> None:
        con.execute("DELETE FROM process")
        raise RuntimeError("disk full half way through")

    monkeypatch.setattr(egp_derive, "derive_egp", crash)
    rows = rows_28(ics_rows())
    for row in rows:
        row[HEADER_28.index("รหัสโครงการ")] = "7" + row[HEADER_28.index("รหัสโครงการ")][1:]
    with pytest.raises(RuntimeError, match="half way"):
        egp(write(tmp_path / "second.csv", render(HEADER_28, rows)))
    assert warehouse.current_snapshot() == snapshot
    assert warehouse.table_checksums(reader) == before
    reader.close()
    with warehouse.open() as con:
        assert warehouse.table_checksums(con) == before
    assert not [p for p in warehouse.snapshot_dir().iterdir() if p.name.endswith(".building")]
