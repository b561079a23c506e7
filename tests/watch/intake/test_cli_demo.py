"""`sodsong cases list` and the intake demo."""

from __future__ import annotations

import json
from typing import Any

import pytest

from sodsong.cli import main
from sodsong.watch import demo
from sodsong.watch.models import Report, Status
from tests.watch.intake.helpers import Citizen

pytestmark = pytest.mark.django_db


def test_cases_list_text_and_json_never_show_contact(capsys: Any) -> None:
    code = Citizen(channel="line", user_key="hash-cli").full_report()
    Citizen(user_key="drafty").press("cat:other")
    assert main(["cases", "list"]) == 0
    out = capsys.readouterr().out
    assert code in out and "extortion" in out and "256" in out  # BE year
    assert "081" not in out and "hash-cli" not in out
    assert main(["cases", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["code"] for row in rows] == [code]
    row = rows[0]
    assert row["evidence_files"] == 1 and row["channel"] == "line" and row["status"] == "received"
    assert row["created"].startswith("20") and "T" in row["created"]
    assert set(row) == {"code", "created", "channel", "category", "status", "evidence_files", "example"}
    assert main(["cases", "list", "--json", "--status", "draft"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main(["cases", "list", "--json", "--status", "closed"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_cases_list_rejects_an_unknown_status(capsys: Any) -> None:
    assert main(["cases", "list", "--status", "nope"]) == 2
    assert "received" in capsys.readouterr().err


class Console:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def print(self, text: str) -> None:
        self.lines.append(text)


def test_demo_makes_marked_examples_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "EXTRA_MODULES", ())  # the intake examples only; other loaders test themselves
    console = Console()
    demo.load(console)
    reports = Report.objects.all()
    assert reports.count() == len(demo.EXAMPLES)
    assert all(r.is_example and r.status == Status.RECEIVED and "ตัวอย่าง" in r.what_happened for r in reports)
    assert any(r.live_evidence().count() == 2 for r in reports)
    assert any("/watch/simulator/" in line for line in console.lines)
    demo.load(Console())
    assert Report.objects.count() == len(demo.EXAMPLES)
