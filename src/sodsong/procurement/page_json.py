"""The JSON twin of each procurement page: one builder per page, used by the page's `.json` URL
and by the API, so both always say the same thing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sodsong.procurement.search import exports
from sodsong.procurement.search.labels import DISCLAIMER_TH, indicator_title
from sodsong.procurement.search.org_pages import AgencyPage, CompanyPage
from sodsong.procurement.search.pages import ProjectPage
from sodsong.procurement.search.results import OrgRow

__all__ = ["agency", "company", "json_value", "project"]


def json_value(value: Any) -> Any:
    """Decimals as numbers and dates as ISO text, all the way down."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return value


def project(page: ProjectPage) -> dict[str, Any]:
    return json_value(
        {
            "licence": exports.LICENCE,
            "attribution": page.attribution,
            "process": page.process,
            "items": page.items,
            "bidders": [b.__dict__ for b in page.bidders],
            "funnel": dict(page.funnel),
            "bids_by_item": page.bids_by_item,
            "awards": page.awards,
            "contracts": page.contracts,
            "flags": [
                {
                    **f.__dict__,
                    "title_th": indicator_title(f.indicator, "th"),
                    "title_en": indicator_title(f.indicator, "en"),
                }
                for f in page.flags
            ],
            "not_computable": [{"indicator": c, "missing": why} for c, why in page.not_computable],
            "checked_not_flagged": page.checked,
            "disclaimer": DISCLAIMER_TH,
            "linked_reports": page.reports,
        }
    )


def agency(org: OrgRow, page: AgencyPage) -> dict[str, Any]:
    return json_value(
        {
            "licence": exports.LICENCE,
            "agency": exports.org_json(org),
            "by_year": page.by_year,
            "non_open_share": page.non_open_share,
            "contractors": page.contractors,
            "flagged": [exports.project_json(r) for r in page.flagged],
            "provinces": page.provinces,
        }
    )


def company(org: OrgRow, page: CompanyPage) -> dict[str, Any]:
    return json_value(
        {
            "licence": exports.LICENCE,
            "company": exports.org_json(org),
            "record": page.record,
            "directors": page.directors,
            "relations": page.relations,
            "sanctions": page.sanctions,
            "checks": [c.__dict__ for c in page.checks],
            "flags": [f.__dict__ for f in page.flags],
            "by_year": page.by_year,
            "win_rate": page.win_rate,
            "bid_histogram": page.bid_hist,
            "cobidders": page.cobidders,
            "name_matches": page.name_matches,
            "won": [exports.project_json(r) for r in page.won],
        }
    )
