"""Finding cases: full-text search, filters, and what is overdue.

Overdue means a received or screening case older than the screening SLA, or a referral past its
response deadline with no response (both settings in `config`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from sodsong.thai import to_arabic_digits
from sodsong.watch.casework.config import screening_sla_days
from sodsong.watch.models import Referral, Report, Status

__all__ = ["filter_cases", "overdue_cases", "overdue_referrals"]

WAITING = (Status.RECEIVED, Status.SCREENING)


def _sla_cutoff() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=screening_sla_days())


def overdue_q() -> Q:
    late_screening = Q(status__in=WAITING, submitted_at__lt=_sla_cutoff())
    late_referral = Q(
        referrals__response_due__lt=timezone.localdate(), referrals__response_on__isnull=True
    ) & ~Q(status=Status.CLOSED)
    return late_screening | late_referral


def overdue_cases(cases: QuerySet[Report]) -> QuerySet[Report]:
    return cases.filter(overdue_q()).distinct()


def overdue_referrals(cases: QuerySet[Report]) -> QuerySet[Referral]:
    return (
        Referral.objects.filter(
            report__in=cases, response_due__lt=timezone.localdate(), response_on__isnull=True
        )
        .exclude(report__status=Status.CLOSED)
        .select_related("agency", "report")
        .order_by("response_due")
    )


def filter_cases(cases: QuerySet[Report], data: dict[str, Any]) -> QuerySet[Report]:
    """Apply the cleaned filter form; `q` searches the code, the account and the agency named."""
    text = " ".join(to_arabic_digits(str(data.get("q") or "")).split())
    if text:
        clause = Q()
        for word in text.split(" "):
            clause &= (
                Q(code__icontains=word.replace("-", ""))
                | Q(what_happened__icontains=word)
                | Q(agency_text__icontains=word)
                | Q(egp_project_number__icontains=word)
            )
        cases = cases.filter(clause)
    cases = cases.filter(status=data["status"]) if data.get("status") else cases.exclude(status=Status.DRAFT)
    for field, lookup in (("category", "category"), ("province", "province_code"), ("channel", "channel")):
        if data.get(field):
            cases = cases.filter(**{lookup: data[field]})
    if data.get("assignee"):
        cases = cases.filter(casefile__assignee=data["assignee"])
    if data.get("label"):
        cases = cases.filter(casefile__labels=data["label"])
    if data.get("overdue"):
        cases = cases.filter(overdue_q())
    return cases.distinct().select_related("casefile", "casefile__assignee").order_by("-submitted_at", "-pk")


def is_overdue(report: Report) -> bool:
    if report.status in WAITING and report.submitted_at and report.submitted_at < _sla_cutoff():
        return True
    return report.status != Status.CLOSED and any(r.is_overdue for r in report.referrals.all())
