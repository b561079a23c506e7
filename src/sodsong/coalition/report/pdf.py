"""The half-year report as a PDF: Sarabun embedded (shared `ThaiPDF`), charts as vector SVG."""

from __future__ import annotations

from django.utils.translation import gettext as _

from sodsong.coalition.charts import render_chart
from sodsong.coalition.report.data import ReportData
from sodsong.coalition.report.text import number
from sodsong.web.pdf import ThaiPDF

__all__ = ["render_report_pdf"]


def _bullets(pdf: ThaiPDF, items: list[str]) -> None:
    for item in items:
        pdf.paragraph(f"•  {item}", size=11)


def render_report_pdf(report: ReportData) -> bytes:
    """The same content as the HTML report, in the active language."""
    pdf = ThaiPDF(f"{report.title} · {report.period_label}")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.heading(report.title, 1)
    pdf.paragraph(f"{report.programme} · {report.period_label}", size=11)
    pdf.paragraph(report.intro)
    pdf.simple_table(
        [_("Figure"), _("Number"), _("Unit")],
        [[f.label, f.text, f.unit] for f in report.overview],
        widths=[110, 30, 34],
    )
    if report.catalyst:
        pdf.paragraph(report.catalyst)
    for section in report.sections:
        pdf.heading(section.heading, 2)
        pdf.paragraph(" · ".join(f"{f.label} {f.text} {f.unit}" for f in section.figures), size=11)
        if section.sectors_sentence:
            text = section.sectors_sentence
            if section.partner_names:
                text += " " + _("Among them:") + " " + ", ".join(section.partner_names)
                if section.unnamed_partners:
                    text += " " + _("and %(count)s more") % {"count": section.unnamed_partners}
            pdf.paragraph(text)
        if section.highlights:
            pdf.heading(_("Activities"), 3)
            items = []
            for item in section.highlights:
                text = item.sentence
                if item.activity.outputs:
                    text += " " + _("Outputs:") + " " + item.activity.outputs
                items.append(text)
            _bullets(pdf, items)
        if section.other_activities:
            lead = _("Besides these, there were") if section.highlights else _("Activities in this strategy:")
            counts = ", ".join(f"{t.label} {t.count} {_('times')}" for t in section.other_activities)
            pdf.paragraph(f"{lead} {counts}.")
        if section.watch_figures:
            pdf.heading(_("Corruption Watch chatbot"), 3)
            if section.watch is not None and section.watch.available:
                users, received, published = (f.text for f in section.watch_figures)
                pdf.paragraph(
                    _(
                        "People reach the tool by adding the LINE Official Account as a friend: %(users)s users in "
                        "all. They used it to report %(received)s cases, and %(published)s cases were published "
                        "with their status on the website."
                    )
                    % {"users": users, "received": received, "published": published}
                )
            else:
                pdf.paragraph(
                    _(
                        "The watch figures (LINE users, reports received and published) are not available: "
                        "the watch part has no data here."
                    )
                )
        if section.outcomes or section.unnamed_outcomes:
            pdf.heading(_("Outcomes"), 3)
            items = [f"{o.title} — {o.social_actor}" for o in section.outcomes]
            if section.unnamed_outcomes:
                items.append(_("Outcomes not yet public: %(count)s") % {"count": section.unnamed_outcomes})
            _bullets(pdf, items)
    pdf.heading(_("Indicators"), 2)
    pdf.simple_table(
        [_("Indicator"), _("Baseline"), _("Target"), _("Actual")],
        [
            [
                row.indicator.name,
                number(float(row.baseline)) if row.baseline is not None else "-",
                number(float(row.target)) if row.target is not None else "-",
                number(None if row.actual is None else float(row.actual)),
            ]
            for row in report.indicators
        ],
        widths=[94, 26, 26, 28],
    )
    pdf.add_page()
    pdf.heading(_("Charts"), 2)
    for chart in report.charts:
        pdf.heading(chart.title, 3)
        pdf.svg(str(render_chart(chart, links=False)))
    pdf.paragraph(report.closing)
    pdf.paragraph(_("Every figure is computed from the programme's records in Sodsong."), size=10)
    return pdf.to_bytes()
