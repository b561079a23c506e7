"""`sodsong coalition ...` as a user runs it (a real process), and the demo programme."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation
from pypdf import PdfReader
from rich.console import Console

from sodsong.coalition import demo
from sodsong.coalition.metrics import Scope, get_metric
from sodsong.coalition.models import Activity, MergeSuggestion, Organisation, Outcome, Participation, Person
from sodsong.coalition.periods import parse_period
from sodsong.coalition.report.data import build_report
from sodsong.coalition.report.html import render_report_html
from tests.cli.test_cli import user_env

from .sheets import write_csv


def sodsong(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sodsong", *args],
        env=user_env(data_dir),
        capture_output=True,
        text=True,
        timeout=600,
        cwd=data_dir,
    )


def test_report_and_import_commands(tmp_path: Path) -> None:
    assert sodsong(["migrate"], tmp_path).returncode == 0
    result = sodsong(
        ["coalition", "report", "--period", "2566H1", "--format", "pdf", "--output", "r.pdf"], tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "partner_organisations=0" in result.stderr
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "r.pdf").pages)
    assert "ประการแรก" in re.sub(r"\s+", "", text)
    html = sodsong(["coalition", "report", "--period", "๒๕๖๖H1", "--language", "en"], tmp_path)
    assert html.returncode == 0 and "First," in (tmp_path / "coalition-report-2566H1.html").read_text()

    bad = sodsong(["coalition", "report", "--period", "2566H3"], tmp_path)
    assert bad.returncode == 2 and "expected e.g. 2566H1" in bad.stderr

    sheet = write_csv(
        tmp_path / "acts.csv",
        [["ชื่อกิจกรรม", "ประเภท", "วันที่"], ["ประชุมภาคี", "ประชุม", "๑/๓/๒๕๖๖"], ["อบรม", "อบรม", "30/02/2566"]],
    )
    checked = sodsong(["coalition", "import", "activities", str(sheet)], tmp_path)
    assert checked.returncode == 1
    assert "acts.csv: row 3, วันที่:" in checked.stderr
    refused = sodsong(["coalition", "import", "activities", str(sheet), "--commit"], tmp_path)
    assert refused.returncode == 2 and "ไม่ได้นำเข้าข้อมูลใดเลย" in refused.stderr
    fixed = write_csv(tmp_path / "ok.csv", [["title", "type", "date"], ["ประชุมภาคี", "meeting", "2023-03-01"]])
    done = sodsong(["coalition", "import", "activities", str(fixed), "--commit"], tmp_path)
    assert done.returncode == 0 and "activities=1" in done.stderr
    kpis = sodsong(["coalition", "kpis", "--period", "2566H1"], tmp_path)
    assert kpis.returncode == 0 and re.search(r"activities\s+-\s+-\s+1 ", kpis.stdout)
    missing = sodsong(["coalition", "import", "participants", str(tmp_path / "nope.csv")], tmp_path)
    assert missing.returncode == 2 and "no such file" in missing.stderr


@pytest.mark.slow
@pytest.mark.django_db
def test_the_demo_seeds_the_article_and_the_report_renders() -> None:
    console = Console(file=io.StringIO())
    demo.load(console)
    counts = (
        Organisation.objects.count(),
        Person.objects.count(),
        Participation.objects.count(),
        Outcome.objects.count(),
    )
    demo.load(console)
    assert counts == (
        Organisation.objects.count(),
        Person.objects.count(),
        Participation.objects.count(),
        Outcome.objects.count(),
    ), "a second run changes nothing"
    predecessor = Scope(parse_period("2565"))
    assert get_metric("partner_organisations").value(predecessor) == 79
    assert get_metric("people").value(predecessor) == 524
    assert get_metric("meetings").value(predecessor) == 52
    assert Activity.objects.filter(title__startswith="Hack Thailand 2575: 48 ชั่วโมง").exists()
    assert MergeSuggestion.objects.exists(), "the spelling variants wait for review"
    with translation.override("th"):
        report = build_report(parse_period("2566H1"))
        html = render_report_html(report)
    overview = {f.metric: f.value for f in report.overview}
    assert (
        overview["partner_organisations"] >= 40 and overview["people"] >= 300 and overview["meetings"] >= 25
    )
    for named in (
        "Hack Thailand 2575",
        "เยาวชนกับการออกแบบนวัตกรรมสู่การเป็นรัฐสภาแบบเปิด (Open Parliament)” (28–30 มิถุนายน 2566",
        "Infographic สรุปนโยบายการต่อต้านคอร์รัปชันของพรรคการเมือง",
        "ระดมทุนเพจต้องแฉผ่านแพลตฟอร์มเทใจ",
        "สถานีโทรทัศน์ อสมท.",
        "HAND Social Enterprise",
        "สถาบันส่งเสริมประชาธิปไตย (NDI)",
    ):
        assert named in html, named
    assert "เครือข่ายพลเมืองเฝ้าระวัง" not in html, "generated organisations are counted, never named"
    with translation.override("th"):
        year = build_report(parse_period("2565"))
    assert {f.metric: f.value for f in year.overview}["partner_organisations"] == 79
