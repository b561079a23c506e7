"""Links between cases and e-GP projects: suggested from the report's text, confirmed by staff.

Numbers of 11 digits (Thai digits, spaces and dashes allowed) are looked up as project numbers;
the agency the reporter named is looked up among the warehouse's agencies and their flagged
projects are offered. Nothing is linked until a staff member confirms it. The procurement
project page lists published cases through `published_cases_for_project`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from django.utils import timezone

from sodsong.thai import to_arabic_digits
from sodsong.watch.audit import audit
from sodsong.watch.models import CaseProjectLink, EventKind, Report, Status

__all__ = [
    "LinkedCase",
    "ProjectFacts",
    "confirm_link",
    "find_project_numbers",
    "linked_cases_version",
    "published_cases_for_project",
    "suggest_links",
]

_NUMBER = re.compile(r"(?<![\d])(\d[\d\s-]{9,20}\d)(?![\d])")


@dataclass(frozen=True)
class ProjectFacts:
    process_id: str
    title: str
    agency_name: str
    budget: Decimal | None
    contract_value: Decimal | None
    winner_name: str
    flags: tuple[str, ...]


class Lookup(Protocol):
    def project(self, number: str) -> ProjectFacts | None: ...

    def agency_projects(self, name: str, limit: int) -> list[ProjectFacts]: ...


def find_project_numbers(text: str) -> list[str]:
    """11-digit e-GP project numbers in `text`, in order, once each (13-digit ids are not numbers)."""
    found: list[str] = []
    for match in _NUMBER.finditer(to_arabic_digits(text or "")):
        digits = re.sub(r"[\s-]", "", match.group(1))
        if len(digits) == 11 and digits not in found:
            found.append(digits)
    return found


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 2)))


class WarehouseLookup:
    """The current warehouse's search index (closed after use)."""

    def __init__(self) -> None:
        from sodsong.procurement.search.engine import open_index

        self.index = open_index()

    def close(self) -> None:
        self.index.close()

    def _facts(self, row: Any) -> ProjectFacts:
        return ProjectFacts(
            process_id=row.process_id,
            title=row.title or "",
            agency_name=row.buyer_name or row.entity_name or "",
            budget=_decimal(row.budget),
            contract_value=_decimal(row.contract_value),
            winner_name=row.winner_name or "",
            flags=tuple(row.indicator_codes),
        )

    def project(self, number: str) -> ProjectFacts | None:
        row = self.index.project(number)
        if row is None:
            rows = self.index.project_rows("p.project_no = ?", [number], limit=1)
            row = rows[0] if rows else None
        return None if row is None else self._facts(row)

    def agency_projects(self, name: str, limit: int) -> list[ProjectFacts]:
        from sodsong.procurement.search.query import SearchRequest, parse_query

        orgs, _count = self.index.orgs(SearchRequest(query=parse_query(name), per_page=3), "agency")
        rows: list[ProjectFacts] = []
        for org in orgs[:3]:
            found = self.index.project_rows(
                "(p.buyer = ? OR p.entity = ?) AND p.flags > 0", [org.rowid, org.rowid], "p.flags DESC", limit
            )
            rows.extend(self._facts(r) for r in found)
        return rows[:limit]


def _default_lookup() -> Lookup | None:
    try:
        return WarehouseLookup()
    except Exception:  # no warehouse or no index yet: nothing to suggest
        return None


def _save_suggestion(report: Report, facts: ProjectFacts, matched_on: str) -> CaseProjectLink:
    link, _created = CaseProjectLink.objects.get_or_create(
        report=report,
        process_id=facts.process_id,
        defaults={
            "title": facts.title,
            "agency_name": facts.agency_name,
            "budget": facts.budget,
            "contract_value": facts.contract_value,
            "winner_name": facts.winner_name,
            "flags": list(facts.flags),
            "matched_on": matched_on[:200],
        },
    )
    return link


def suggest_links(report: Report, lookup: Lookup | None = None, *, limit: int = 5) -> list[CaseProjectLink]:
    """Look the report's numbers and agency up in the warehouse; store unconfirmed suggestions."""
    own = lookup is None
    lookup = lookup or _default_lookup()
    if lookup is None:
        return []
    try:
        text = " ".join([report.egp_project_number, report.what_happened, report.agency_text])
        suggestions: list[CaseProjectLink] = []
        for number in find_project_numbers(text):
            facts = lookup.project(number)
            if facts is not None:
                suggestions.append(_save_suggestion(report, facts, number))
        if report.agency_text.strip() and len(suggestions) < limit:
            for facts in lookup.agency_projects(report.agency_text, limit - len(suggestions)):
                suggestions.append(_save_suggestion(report, facts, report.agency_text))
        return suggestions
    finally:
        if own and isinstance(lookup, WarehouseLookup):
            lookup.close()


def confirm_link(link: CaseProjectLink, *, user: Any, confirmed: bool = True) -> None:
    link.confirmed = confirmed
    link.confirmed_by = user if confirmed else None
    link.confirmed_at = timezone.now() if confirmed else None
    link.save(update_fields=["confirmed", "confirmed_by", "confirmed_at"])
    note = ("Linked to e-GP project %s" if confirmed else "Unlinked from e-GP project %s") % link.process_id
    link.report.record(EventKind.NOTE, actor=user, note=note)
    audit(user, "case.project_link", link.report, process_id=link.process_id, confirmed=confirmed)


@dataclass(frozen=True)
class LinkedCase:
    """A published case as the procurement project page lists it (only fields safe to publish)."""

    code: str
    title: str  # the editor's approved title, never the reporter's own words
    category: str
    status: str
    url: str

    def __str__(self) -> str:
        return " · ".join(x for x in (self.code, self.title, self.category, self.status) if x)


def published_cases_for_project(process_id: str) -> list[LinkedCase]:
    """Published cases with a confirmed link to this project (never drafts, never identities).

    Only the code, the approved title of the publication, the category and the status show.
    """
    from sodsong.watch.models import Category, Publication

    reports = (
        Report.objects.filter(
            project_links__process_id=process_id,
            project_links__confirmed=True,
            published_at__isnull=False,
            status__in=[Status.PUBLISHED, Status.CLOSED],
        )
        .distinct()
        .order_by("-published_at")
    )
    titles = dict(
        Publication.objects.filter(report__in=reports, approved_at__isnull=False).values_list(
            "report_id", "approved_title"
        )
    )
    return [
        LinkedCase(
            code=r.code,
            title=titles.get(r.pk, ""),
            category=str(Category(r.category).label) if r.category else "",
            status=str(Status(r.status).label),
            url=f"/cases/{r.code}/",
        )
        for r in reports
    ]


def linked_cases_version() -> str:
    """Changes whenever a project page's list of published cases may change (for its ETag)."""
    from django.db.models import Count, Max

    links = CaseProjectLink.objects.filter(confirmed=True).aggregate(n=Count("pk"), at=Max("confirmed_at"))
    published = Report.objects.filter(published_at__isnull=False).aggregate(
        n=Count("pk"), at=Max("published_at"), closed=Max("closed_at")
    )
    return f"{links['n']}:{links['at']}:{published['n']}:{published['at']}:{published['closed']}"
