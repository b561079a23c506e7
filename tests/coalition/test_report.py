"""The half-year report: built from records, every figure traceable, HTML and PDF in Thai."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from sodsong.coalition.metrics import get_metric
from sodsong.coalition.models import PartnerAccount, PublishedReport
from sodsong.coalition.periods import parse_period
from sodsong.coalition.report.data import build_report
from sodsong.coalition.report.html import render_report_html
from sodsong.coalition.report.pdf import render_report_pdf
from sodsong.watch.models import Report, Reporter, Status

from .scene import build_scene

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_every_figure_is_the_size_of_its_records(partner_user: User) -> None:
    build_scene(partner_user, PartnerAccount.objects.get(user=partner_user).organisation)
    with translation.override("th"):
        report = build_report(parse_period("2566H1"))
    figures = report.all_figures()
    assert len(figures) >= 6 + 4 * 4
    for figure in figures:
        records = get_metric(figure.metric).records(figure.scope)
        if records is None:  # the watch part's running totals: no watch records in this scene
            assert figure.metric.startswith("watch_") and figure.value == 0, figure
        else:
            assert figure.value == records.count(), figure


def test_the_html_report_reads_like_the_seed_article(partner_user: User) -> None:
    scene = build_scene(partner_user, PartnerAccount.objects.get(user=partner_user).organisation)
    in_period = timezone.make_aware(datetime.datetime(2023, 5, 2, 9))
    for n in range(3):
        reporter = Reporter.objects.create(channel="line", line_user_hash=f"u{n}", created_at=in_period)
        Report.objects.create(
            channel="line", reporter=reporter, status=Status.RECEIVED, submitted_at=in_period
        )
    Report.objects.filter(reporter__line_user_hash="u0").update(
        status=Status.PUBLISHED, published_at=in_period
    )
    with translation.override("th"):
        report = build_report(parse_period("2566H1"))
        html = render_report_html(report)
    assert html.startswith("<!doctype html>")
    for text in ("ประการแรก", "ประการที่สอง", "ประการที่สาม", "ประการสุดท้าย"):
        assert text in html
    assert "การสนับสนุนการเปิดเผยข้อมูลเพื่อความโปร่งใส" in html
    # The public, highlighted camp is named with its dates; the private meeting is only counted.
    assert "“เยาวชนกับการออกแบบนวัตกรรม” (28–30 มิถุนายน 2566" in html
    assert scene.other_private.title not in html
    # Strategy 3 reports the watch part's running totals, as the seed article does.
    assert "รวมทั้งหมดจำนวน 3 Users มีการใช้งานเพื่อแจ้งเบาะแสรวมทั้งสิ้น 3 เรื่อง" in html
    assert "รวมทั้งหมด 1 เรื่อง" in html
    overview = {f.metric: f.value for f in report.overview}
    assert overview == {
        "partner_organisations": 2,
        "people": 2,
        "meetings": 1,
        "activities": 3,
        "media_appearances": 0,
        "outcomes": 2,
    }
    assert re.search(r"<svg[^>]+role=\"img\"", html)


def test_the_pdf_embeds_a_thai_font_and_states_the_figures(partner_user: User) -> None:
    build_scene(partner_user, PartnerAccount.objects.get(user=partner_user).organisation)
    with translation.override("th"):
        report = build_report(parse_period("2566H1"))
        data = render_report_pdf(report)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index]
    }
    assert any("Sarabun" in name for name in fonts), fonts
    text = pdf_text(data)
    compact = re.sub(r"\s+", "", text)
    for phrase in ("ประการแรก", "ประการสุดท้าย", "องค์กรภาคีเครือข่าย", "เยาวชนกับการออกแบบนวัตกรรม", "ตัวชี้วัด"):
        assert phrase in compact, phrase
    for figure in report.overview:
        assert f"{figure.label.replace(' ', '')}{figure.text}" in compact, figure.label


def test_the_report_in_english() -> None:
    with translation.override("en"):
        html = render_report_html(build_report(parse_period("2566H1")))
    assert "First," in html and "Finally," in html
    assert "Supporting open data for transparency" in html


def test_download_publish_and_public_copy(staff_client: Client, client: Client, partner_user: User) -> None:
    build_scene(partner_user, PartnerAccount.objects.get(user=partner_user).organisation)
    pdf = staff_client.get(reverse("coalition:report_pdf", args=["2566H1"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert "ประการแรก" in re.sub(r"\s+", "", pdf_text(pdf.content))
    assert staff_client.get(reverse("coalition:report", args=["2566H3"])).status_code == 404
    response = staff_client.post(reverse("coalition:report_publish", args=["2566H1"]))
    assert response.status_code == 302
    published = PublishedReport.objects.get()
    assert published.figures["partner_organisations"] == 2
    page = client.get(reverse("coalition:public_report", args=[published.pk])).content.decode()
    assert "ประการแรก" in page and "/coalition/dashboard/explain" not in page
    public_pdf = client.get(reverse("coalition:public_report_pdf", args=[published.pk]))
    assert public_pdf.content == bytes(published.pdf)


def test_every_list_downloads_as_csv_and_xlsx(staff_client: Client, partner_user: User) -> None:
    from openpyxl import load_workbook

    build_scene(partner_user, PartnerAccount.objects.get(user=partner_user).organisation)
    for name in ("activities", "partners", "people", "participations", "outcomes", "indicators"):
        csv_response = staff_client.get(reverse("coalition:export", args=[name, "csv"]) + "?period=2566H1")
        text = b"".join(csv_response.streaming_content).decode("utf-8")
        assert text.startswith("\ufeff"), "a BOM so Excel reads the Thai"
        xlsx_response = staff_client.get(reverse("coalition:export", args=[name, "xlsx"]) + "?period=2566H1")
        sheet = load_workbook(io.BytesIO(b"".join(xlsx_response.streaming_content))).active
        rows = list(sheet.iter_rows(values_only=True))  # type: ignore[union-attr]
        assert len(rows) == len(text.strip().splitlines()), name
    indicators = b"".join(
        staff_client.get(
            reverse("coalition:export", args=["indicators", "csv"]) + "?period=2566H1"
        ).streaming_content
    ).decode("utf-8-sig")
    assert "partners,องค์กรภาคีเครือข่ายที่ร่วมขับเคลื่อนงาน" in indicators and ",2566H1,,,2," in indicators
