"""What the public site reads: published cases, their approved fields, filters and records.

A case is public when it was published (`published_at` set, which needs an approved redacted
version) and its publication is approved. Every public record is built here from the approved
fields only, so pages, feeds and open data cannot show anything else by mistake: no contact,
no reporter, no internal notes, no unapproved text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.http import QueryDict

from sodsong.privacy import redact
from sodsong.thai import province_code, province_name
from sodsong.thai.digits import to_arabic_digits
from sodsong.watch.codes import normalise_case_code
from sodsong.watch.models import CaseEvent, Category, CloseReason, EventKind, PublicationPhoto, Report, Status
from sodsong.watch.models.casework import CaseProjectLink, Referral, ReferralOutcome

__all__ = [
    "LICENCE",
    "CaseFilters",
    "amount_band",
    "case_record",
    "linked_projects",
    "public_case",
    "public_cases",
    "public_photos",
    "public_timeline",
    "referral_outcomes",
]

LICENCE = {
    "name": "Creative Commons Attribution 4.0 (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": "Sodsong citizen watch: published, redacted case records",
    "attribution_th": "โครงการสอดส่อง: เรื่องร้องเรียนที่เผยแพร่แล้ว (ปกปิดข้อมูลส่วนบุคคล)",
}
PUBLIC_STATUSES = (Status.PUBLISHED, Status.CLOSED, Status.REFERRED, Status.AGENCY_RESPONDED)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
AMOUNT_BANDS: tuple[tuple[Decimal | None, str], ...] = (
    (Decimal("10000"), "< 10,000"),
    (Decimal("100000"), "10,000 – 100,000"),
    (Decimal("1000000"), "100,000 – 1 M"),
    (Decimal("10000000"), "1 M – 10 M"),
    (None, "≥ 10 M"),
)


def public_cases() -> QuerySet[Report]:
    """Every published case with an approved redacted version, newest first."""
    return (
        Report.objects.filter(published_at__isnull=False, publication__approved_at__isnull=False)
        .exclude(status=Status.DRAFT)
        .select_related("publication")
        .order_by("-published_at", "-pk")
    )


def public_case(code: str) -> Report | None:
    canonical = normalise_case_code(code)
    if canonical is None:
        return None
    return public_cases().filter(code=canonical).first()


@dataclass
class CaseFilters:
    """The list's filters from a query string; a bad value is reported, not a crash."""

    category: str = ""
    agency: str = ""
    province: str = ""
    status: str = ""
    month: str = ""
    page: int = 1
    errors: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def from_query(cls, query: QueryDict) -> CaseFilters:
        f = cls()
        category = query.get("category", "").strip()
        if category and category not in Category.values:
            f.errors.append(("category", "one of " + ", ".join(Category.values)))
        else:
            f.category = category
        f.agency = " ".join(query.get("agency", "").split())[:200]
        province = query.get("province", "").strip()
        if province:
            code = province_code(province) or (province if _is_province_code(province) else None)
            if code is None:
                f.errors.append(("province", "a province name or code such as TH10"))
            else:
                f.province = code
        status = query.get("status", "").strip()
        if status and status not in PUBLIC_STATUSES:
            f.errors.append(("status", "one of " + ", ".join(PUBLIC_STATUSES)))
        else:
            f.status = status
        month = to_arabic_digits(query.get("month", "").strip())
        if month:
            match = _MONTH.match(month)
            year, number = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
            if year > 2400:  # a Buddhist Era year, as Thai readers write it
                year -= 543
            if not match or not 1 <= number <= 12 or year < 2000:
                f.errors.append(("month", "YYYY-MM, e.g. 2025-03"))
            else:
                f.month = f"{year:04d}-{number:02d}"
        page = to_arabic_digits(query.get("page", "1").strip() or "1")
        f.page = int(page) if page.isdecimal() and 0 < int(page) < 100_000 else 1
        return f

    def apply(self, rows: QuerySet[Report]) -> QuerySet[Report]:
        if self.category:
            rows = rows.filter(category=self.category)
        if self.agency:
            rows = rows.filter(publication__approved_agency__icontains=self.agency)
        if self.province:
            rows = rows.filter(province_code=self.province)
        if self.status:
            rows = rows.filter(status=self.status)
        if self.month:
            year, month = (int(p) for p in self.month.split("-"))
            start = dt.date(year, month, 1)
            end = dt.date(year + month // 12, month % 12 + 1, 1)
            rows = rows.filter(
                Q(submitted_at__date__gte=start, submitted_at__date__lt=end)
                | Q(submitted_at__isnull=True, created_at__date__gte=start, created_at__date__lt=end)
            )
        return rows

    def query(self, **changes: Any) -> str:
        """The query string of these filters with `changes` (None drops a key)."""
        values: dict[str, Any] = {
            "category": self.category,
            "agency": self.agency,
            "province": self.province,
            "status": self.status,
            "month": self.month,
        }
        values.update(changes)
        q = QueryDict(mutable=True)
        for key, value in values.items():
            if value in (None, "") or (key == "page" and value == 1):
                continue
            q[key] = str(value)
        return q.urlencode()


def _is_province_code(value: str) -> bool:
    try:
        province_name(value)
    except KeyError:
        return False
    return True


def amount_band(amount: Decimal | None) -> str | None:
    if amount is None:
        return None
    for limit, label in AMOUNT_BANDS:
        if limit is None or amount < limit:
            return label
    return None


def reported_month(report: Report) -> str:
    at = report.submitted_at or report.created_at
    return f"{at:%Y-%m}"


def public_timeline(report: Report) -> list[dict[str, Any]]:
    """The case's public events: what happened when, with notes redacted by the rules."""
    events = CaseEvent.objects.filter(report=report, public=True).exclude(
        kind__in=[EventKind.MESSAGE_IN, EventKind.MESSAGE_OUT]
    )
    rows = []
    for event in events:
        rows.append(
            {
                "at": event.at,
                "kind": event.kind,
                "kind_label": EventKind(event.kind).label if event.kind in EventKind.values else event.kind,
                "status": event.to_status,
                "status_label": Status(event.to_status).label if event.to_status in Status.values else "",
                "note": redact(event.note).text if event.note else "",
            }
        )
    return rows


def public_photos(report: Report) -> QuerySet[PublicationPhoto]:
    return PublicationPhoto.objects.filter(
        evidence__report=report,
        evidence__removed_at__isnull=True,
        approved_at__isnull=False,
    ).exclude(storage_name="")


def linked_projects(report: Report) -> list[dict[str, Any]]:
    """Procurement projects staff confirmed as linked to the case, with the flags that fired."""
    from sodsong.procurement.search.labels import indicator_title

    projects = []
    for link in CaseProjectLink.objects.filter(report=report, confirmed=True).order_by("process_id"):
        projects.append(
            {
                "process_id": link.process_id,
                "title": link.title,
                "agency": link.agency_name,
                "contract_value": str(link.contract_value) if link.contract_value is not None else None,
                "flags": list(link.flags),
                "flag_titles": [str(indicator_title(code)) for code in link.flags],
            }
        )
    return projects


def referral_outcomes(report: Report) -> list[dict[str, Any]]:
    """Where the case was referred and what came of it: agency, dates and outcome, never the
    letter or the agency's answer text (either may name people)."""
    rows = []
    for referral in Referral.objects.filter(report=report).select_related("agency").order_by("sent_on", "pk"):
        rows.append(
            {
                "agency": referral.agency.name_th,
                "agency_en": referral.agency.name_en,
                "sent_on": referral.sent_on,
                "response_on": referral.response_on,
                "outcome": referral.outcome,
                "outcome_label": _label(ReferralOutcome, referral.outcome),
            }
        )
    return rows


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else ""


def case_record(report: Report, *, base_url: str = "") -> dict[str, Any]:
    """One published case as open data: approved redacted fields and public facts only."""
    publication = report.publication
    return {
        "code": report.code,
        "url": f"{base_url}/cases/{report.code}/",
        "title": publication.approved_title,
        "agency": publication.approved_agency,
        "what_happened": publication.approved_text,
        "category": report.category,
        "category_label": _label(Category, report.category),
        "province_code": report.province_code,
        "province": province_name(report.province_code) if _is_province_code(report.province_code) else "",
        "status": report.status,
        "status_label": _label(Status, report.status),
        "close_reason": report.close_reason,
        "close_reason_label": _label(CloseReason, report.close_reason),
        "amount": str(report.amount) if report.amount is not None else None,
        "amount_band": amount_band(report.amount),
        "reported_month": reported_month(report),
        "published_at": report.published_at.isoformat() if report.published_at else None,
        "closed_at": report.closed_at.isoformat() if report.closed_at else None,
        "is_example": report.is_example,
        "redacted_version": publication.version,
        "projects": linked_projects(report),
        "referrals": [
            {**r, "sent_on": r["sent_on"].isoformat(), "response_on": _iso(r["response_on"])}
            for r in referral_outcomes(report)
        ],
    }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None
