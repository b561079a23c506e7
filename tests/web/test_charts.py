"""Server-rendered SVG charts, maps and Thai PDFs: well-formed, escaped, Thai intact."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader

from sodsong.thai import PROVINCES, province_code
from sodsong.web.charts import Bar, bar_chart, column_chart, line_chart
from sodsong.web.maps import CLASS_COLOURS, NO_DATA, province_choropleth, province_paths
from sodsong.web.pdf import ThaiPDF

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_bar_chart_is_valid_svg_with_escaped_labels() -> None:
    svg = bar_chart([Bar("กรมทางหลวง <script>", 120.0, href="/a?x=1&y=2"), Bar("อบต.", 30.0)], title="งบ & ปี")
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "งบ & ปี"  # type: ignore[union-attr]
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    widths = [float(r.get("width", 0)) for r in root.iter(f"{SVG}rect")]
    assert widths[0] > widths[1] * 3.9  # proportional to the values
    assert root.find(f"{SVG}a").get("href") == "/a?x=1&y=2"  # type: ignore[union-attr]


def test_column_and_line_charts() -> None:
    columns = parse(column_chart([Bar("2565", 5), Bar("2566", 10), Bar("2567", 0)], title="t"))
    heights = [float(r.get("height", 0)) for r in columns.iter(f"{SVG}rect")]
    assert heights[1] == 2 * heights[0] and heights[2] == 0
    lines = parse(line_chart({"ภาคี": [("2566H1", 10), ("2566H2", 20)], "คน": [("2566H1", 5)]}, title="t"))
    assert len(list(lines.iter(f"{SVG}polyline"))) == 2


def test_empty_charts_do_not_crash() -> None:
    parse(bar_chart([], title="ไม่มีข้อมูล"))
    parse(column_chart([], title="ไม่มีข้อมูล"))
    parse(line_chart({}, title="ไม่มีข้อมูล"))


def test_map_has_every_province_and_shades_by_value() -> None:
    paths, _ = province_paths()
    assert set(paths) == {code for code, _, _ in PROVINCES}
    values = {"TH10": 1000.0, "TH50": 10.0}
    root = parse(province_choropleth(values, title="มูลค่า", href=lambda c: f"/p?province={c}"))
    fills = {p.get("data-province"): p.get("fill") for p in root.iter(f"{SVG}path")}
    assert fills["TH10"] == CLASS_COLOURS[-1]
    assert fills["TH50"] != CLASS_COLOURS[-1] and fills["TH50"] != NO_DATA
    assert fills["TH96"] == NO_DATA
    assert len(list(root.iter(f"{SVG}a"))) == 77


def test_province_lookup() -> None:
    assert province_code("จ.เชียงใหม่") == province_code("Chiang Mai") == "TH50"
    assert province_code("กรุงเทพฯ") == province_code("กทม.") == "TH10"
    assert province_code("ไม่ใช่จังหวัด") is None


def test_thai_pdf_embeds_the_font_and_keeps_the_text() -> None:
    pdf = ThaiPDF("รายงาน")
    pdf.add_page()
    pdf.heading("รายงานผลการดำเนินงานครึ่งปีแรก 2566")
    pdf.paragraph("องค์กรภาคีเครือข่ายเข้าร่วมกว่า 79 องค์กร ผู้ใหญ่บ้านและกำนันร่วมสังเกตการณ์")
    pdf.key_values([("หน่วยงาน", "กรมทางหลวงชนบท"), ("มูลค่า", "1,234,567.50 บาท")])
    pdf.simple_table(["ปี", "จำนวน"], [["2566", "12"], ["2567", "30"]])
    pdf.svg(column_chart([Bar("2566", 12), Bar("2567", 30)], title="โครงการ"))
    reader = PdfReader(io.BytesIO(pdf.to_bytes()))
    text = reader.pages[0].extract_text()
    for expected in ("รายงานผลการดำเนินงาน", "79", "ผู้ใหญ่บ้าน", "กรมทางหลวงชนบท", "1,234,567.50"):
        assert expected in text
    fonts = {str(f) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert fonts
    font_names = [
        page["/Resources"]["/Font"][k].get_object()["/BaseFont"]
        for page in reader.pages
        for k in page["/Resources"]["/Font"]
    ]
    assert any("Sarabun" in str(name) for name in font_names)


def test_charts_escape_as_django_escape_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every chart and map, drawn with the charts' own `escape`, is byte for byte what it was
    with `django.utils.html.escape` (hostile, Thai and lazy labels, numbers, links)."""
    import itertools

    from django.utils import html as django_html
    from django.utils.functional import lazy
    from django.utils.safestring import SafeString

    from sodsong.procurement import views_svg
    from sodsong.web import charts, maps

    hostile = '<a href="x">\'&amp;</a> กรม'
    later = lazy(lambda: "<lazy> & ข'", str)()
    for value in (hostile, later, SafeString("<b>&"), None, 12.5, 7, ""):
        assert charts.escape(value) == str(django_html.escape(value))

    def draw() -> list[str]:
        monkeypatch.setattr(charts, "_ids", itertools.count(1))
        maps._shapes.cache_clear()
        bars = [Bar(hostile, 3.0, href="/a?x=1&y=<2>"), Bar(hostile * 3, 1.0, highlight=True)]

        def fmt(v: float) -> str:
            return f"<{v}>&'"

        partner = {"org_id": "th-dbd-<2>", "name": hostile, "together": 3, "org_wins": 1, "other_wins": 2}
        return [
            bar_chart(bars, title=hostile, format_value=fmt),
            column_chart(bars, title=later, format_value=fmt),
            line_chart({hostile: [("2024<", 1.0), ("2025&", 2.0)]}, title=hostile, format_value=fmt),
            province_choropleth(
                {"TH10": 3.0, "TH50": 1.0}, title=hostile, format_value=fmt, href=lambda c: f"/p?c={c}&x=<"
            ),
            views_svg.bid_histogram([(5, 2), (10, 3)], title=hostile),
            views_svg.cobidder_network(
                ("th-dbd-1", hostile), [partner], [], title=hostile, href=lambda k: f"/c/{k}?a=<&"
            ),
            views_svg.location_map("TH10", 13.7, 100.5, title=hostile),
        ]

    ours = draw()
    for module in (charts, maps, views_svg):
        monkeypatch.setattr(module, "escape", django_html.escape)
    assert ours == draw()
    maps._shapes.cache_clear()
