"""The public API an editor builds on: Finding, Redaction, apply, and their errors."""

from __future__ import annotations

import dataclasses

import pytest

from sodsong.privacy import KINDS, PLACEHOLDERS, Finding, Redaction, apply, redact

EXAMPLE = "ผมชื่อ นายสมชาย ใจดี เลขบัตร 1-1017-00230-70-8 โทร 081-234-5678"


def test_the_documented_example() -> None:
    r = redact(EXAMPLE)
    assert r.text == "ผมชื่อ นาย[ชื่อบุคคล] เลขบัตร [เลขบัตรประชาชน] โทร [เบอร์โทรศัพท์]"
    assert r.original == EXAMPLE
    assert isinstance(r.findings, tuple)
    assert [(f.kind, f.start, f.end, f.text, f.placeholder) for f in r.findings] == [
        ("person_name", 10, 20, "สมชาย ใจดี", "[ชื่อบุคคล]"),
        ("citizen_id", 29, 46, "1-1017-00230-70-8", "[เลขบัตรประชาชน]"),
        ("phone", 51, 63, "081-234-5678", "[เบอร์โทรศัพท์]"),
    ]


def test_kinds_and_placeholders_are_the_documented_ones() -> None:
    assert KINDS == ("citizen_id", "phone", "email", "bank_account", "line_id", "plate", "person_name")
    assert PLACEHOLDERS == {
        "citizen_id": "[เลขบัตรประชาชน]",
        "phone": "[เบอร์โทรศัพท์]",
        "email": "[อีเมล]",
        "bank_account": "[เลขบัญชีธนาคาร]",
        "line_id": "[ไลน์ไอดี]",
        "plate": "[ทะเบียนรถ]",
        "person_name": "[ชื่อบุคคล]",
    }


def test_results_are_frozen() -> None:
    r = redact(EXAMPLE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.text = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.findings[0].start = 0  # type: ignore[misc]


def test_offsets_point_into_the_original_with_thai_digits() -> None:
    text = "เลข ๑-๑๐๑๗-๐๐๒๓๐-๗๐-๘ และ ๐๘๑๒๓๔๕๖๗๘"
    r = redact(text)
    assert [text[f.start : f.end] for f in r.findings] == ["๑-๑๐๑๗-๐๐๒๓๐-๗๐-๘", "๐๘๑๒๓๔๕๖๗๘"]
    assert r.text == "เลข [เลขบัตรประชาชน] และ [เบอร์โทรศัพท์]"


def test_text_without_personal_data_is_returned_as_is() -> None:
    assert redact("") == Redaction("", (), "")
    text = "โครงการ 65057360721 วงเงิน 5 ล้านบาท"
    assert redact(text) == Redaction(text, (), text)


def test_redact_refuses_what_is_not_text() -> None:
    with pytest.raises(TypeError, match="expects str"):
        redact(b"bytes")  # type: ignore[arg-type]


def test_finding_fills_its_placeholder_and_checks_itself() -> None:
    assert Finding("plate", 0, 7, "กข 1234").placeholder == "[ทะเบียนรถ]"
    with pytest.raises(ValueError, match="unknown finding kind 'address'"):
        Finding("address", 0, 3, "abc")
    with pytest.raises(ValueError, match="empty or negative span"):
        Finding("phone", 5, 5, "")
    with pytest.raises(ValueError, match="text of length 2"):
        Finding("phone", 0, 3, "ab")


def test_apply_sorts_and_checks_findings() -> None:
    text = "โทร 0812345678 หรือ 0898765432"
    first = Finding("phone", 4, 14, "0812345678")
    second = Finding("phone", 20, 30, "0898765432")
    assert apply(text, [second, first]) == "โทร [เบอร์โทรศัพท์] หรือ [เบอร์โทรศัพท์]"
    with pytest.raises(ValueError, match="overlaps"):
        apply(text, [first, Finding("phone", 10, 16, text[10:16])])
    with pytest.raises(ValueError, match="does not match the original"):
        apply(text, [Finding("phone", 4, 14, "0000000000")])


def test_editor_removes_a_finding() -> None:
    r = redact(EXAMPLE)
    shown = r.without(0)
    assert shown.text == "ผมชื่อ นายสมชาย ใจดี เลขบัตร [เลขบัตรประชาชน] โทร [เบอร์โทรศัพท์]"
    assert [f.kind for f in shown.findings] == ["citizen_id", "phone"]
    assert r.without(-1).findings == r.findings[:2]
    with pytest.raises(IndexError, match="no finding 3: there are 3"):
        r.without(3)


def test_editor_adds_a_finding_the_rules_missed() -> None:
    text = "เสี่ยโต้ง เป็นคนจ่ายเงิน โทร 0812345678"
    r = redact(text)
    assert [f.kind for f in r.findings] == ["phone"]
    start = text.index("โต้ง")
    marked = r.with_finding("person_name", start, start + len("โต้ง"))
    assert marked.text == "เสี่ย[ชื่อบุคคล] เป็นคนจ่ายเงิน โทร [เบอร์โทรศัพท์]"
    assert [f.kind for f in marked.findings] == ["person_name", "phone"]
    assert marked.findings[0].text == "โต้ง"
    with pytest.raises(ValueError, match="overlaps"):
        marked.with_finding("phone", text.index("0812"), len(text))
    with pytest.raises(ValueError, match="outside the text"):
        r.with_finding("person_name", 0, len(text) + 1)


def test_spans_locate_each_placeholder_in_the_redacted_text() -> None:
    r = redact(EXAMPLE)
    assert [r.text[s:e] for s, e in r.spans()] == [f.placeholder for f in r.findings]


def test_a_proposal_survives_storage() -> None:
    r = redact(EXAMPLE).without(0)
    rows = r.to_dicts()
    assert rows[0] == {"kind": "citizen_id", "start": 29, "end": 46, "text": "1-1017-00230-70-8"}
    assert Redaction.from_dicts(EXAMPLE, rows) == r
    with pytest.raises(ValueError, match="does not match the original"):
        Redaction.from_dicts(EXAMPLE.replace("1-1017", "9-9999"), rows)
    with pytest.raises(ValueError, match="finding row 0: expected kind, start, end and text"):
        Redaction.from_dicts(EXAMPLE, [{"kind": "phone"}])
