"""Template helpers of the coalition pages: charts and the current sub-navigation section."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from sodsong.coalition.charts import BarChart, LineChart, render_chart

register = template.Library()


@register.simple_tag
def chart(value: BarChart | LineChart, links: bool = True) -> SafeString:
    return render_chart(value, links=links)


SECTIONS = {
    "activity_new": "new",
    "activities": "activities",
    "activity": "activities",
    "activity_edit": "activities",
    "partners": "partners",
    "partner": "partners",
    "partner_new": "partners",
    "partner_edit": "partners",
    "people": "people",
    "person": "people",
    "person_edit": "people",
    "merges": "merges",
    "outcomes": "outcomes",
    "outcome": "outcomes",
    "outcome_new": "outcomes",
    "outcome_edit": "outcomes",
    "indicators": "indicators",
    "indicator": "indicators",
    "indicator_new": "indicators",
    "frame": "frame",
    "strategy_edit": "frame",
    "issue_area_edit": "frame",
    "accounts": "accounts",
    "imports": "imports",
    "import": "imports",
    "dashboard": "dashboard",
    "explain": "dashboard",
    "report": "dashboard",
    "index": "index",
    "public_partners": "partners",
    "public_partner": "partners",
    "public_activities": "activities",
    "public_activity": "activities",
    "public_outcomes": "outcomes",
    "public_outcome": "outcomes",
    "public_reports": "reports",
    "public_report": "reports",
}


@register.simple_tag(takes_context=True)
def section(context: template.Context) -> str:
    """Which sub-navigation item the current page belongs to."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return SECTIONS.get(getattr(match, "url_name", "") or "", "")
