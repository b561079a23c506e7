"""The report as HTML: a page of the site, or one self-contained file (styles inlined, charts inline)."""

from __future__ import annotations

from importlib.resources import files

from django.template.loader import render_to_string

from sodsong.coalition.report.data import ReportData

__all__ = ["render_report_html", "report_css"]


def report_css() -> str:
    """The report's and the charts' styles (the same file the site serves)."""
    return (files("sodsong.coalition") / "static" / "coalition" / "report.css").read_text(encoding="utf-8")


def render_report_html(report: ReportData, *, standalone: bool = True, links: bool = False) -> str:
    """`standalone`: a complete document for a file; otherwise the fragment a site page embeds.

    `links` adds drill-down links to the records behind each figure (staff pages only).
    """
    context = {"report": report, "links": links}
    if standalone:
        context["css"] = report_css()
        return render_to_string("coalition/report/standalone.html", context)
    return render_to_string("coalition/report/_body.html", context)
