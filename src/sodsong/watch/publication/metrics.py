"""Statistics of published cases and the outcome of referrals per agency.

Only published cases count, so the public numbers never reveal a case that is not public. The
agency metrics read the case work's `Referral` records (agency, `sent_on`, `response_on`,
`outcome`); a metric that cannot be computed (no referral answered yet) is None, never zero.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median

from django.db.models import QuerySet

from sodsong.watch.models import Report
from sodsong.watch.models.casework import Referral, ReferralOutcome
from sodsong.watch.publication.public import AMOUNT_BANDS, amount_band, reported_month

__all__ = [
    "ACTION_OUTCOMES",
    "AgencyOutcome",
    "CaseStats",
    "ReferralFacts",
    "agency_outcomes",
    "case_stats",
    "referral_facts",
]

#: Referral outcomes that mean the agency did something about the case.
ACTION_OUTCOMES = frozenset({ReferralOutcome.ACTION_TAKEN.value, ReferralOutcome.RESOLVED.value})


@dataclass(frozen=True)
class CaseStats:
    total: int
    by_category: list[tuple[str, int]]
    by_month: list[tuple[str, int]]
    by_status: list[tuple[str, int]]
    by_amount: list[tuple[str, int]]
    by_province: dict[str, int]


def case_stats(cases: QuerySet[Report]) -> CaseStats:
    """Counts of the published cases by category, month reported, status, amount band, province."""
    rows = list(
        cases.select_related(None).only(
            "category", "status", "amount", "province_code", "submitted_at", "created_at"
        )
    )
    category = Counter(r.category or "other" for r in rows)
    months = Counter(reported_month(r) for r in rows)
    status = Counter(r.status for r in rows)
    bands = Counter(amount_band(r.amount) for r in rows if r.amount is not None)
    provinces = Counter(r.province_code for r in rows if r.province_code)
    return CaseStats(
        total=len(rows),
        by_category=category.most_common(),
        by_month=sorted(months.items()),
        by_status=status.most_common(),
        by_amount=[(label, bands[label]) for _limit, label in AMOUNT_BANDS if bands[label]],
        by_province=dict(provinces),
    )


@dataclass(frozen=True)
class ReferralFacts:
    """What the metrics need of one referral, whatever the case work calls its fields."""

    agency: str
    sent_on: dt.date | None
    responded_on: dt.date | None
    outcome: str


@dataclass(frozen=True)
class AgencyOutcome:
    agency: str
    referrals: int
    answered: int
    share_answered: float | None
    median_days: float | None
    share_action: float | None


def agency_outcomes(facts: Iterable[ReferralFacts]) -> list[AgencyOutcome]:
    """Per agency: share of sent referrals answered, median days to answer, share with action.

    The share with action is of the answered referrals (an unanswered one has no outcome yet).
    """
    grouped: dict[str, list[ReferralFacts]] = {}
    for fact in facts:
        if fact.sent_on is None:
            continue  # not sent yet: not the agency's turn
        grouped.setdefault(fact.agency, []).append(fact)
    result = []
    for agency, rows in grouped.items():
        answered = [r for r in rows if r.responded_on is not None]
        days = [(r.responded_on - r.sent_on).days for r in answered if r.responded_on and r.sent_on]
        action = [r for r in answered if r.outcome in ACTION_OUTCOMES]
        result.append(
            AgencyOutcome(
                agency=agency,
                referrals=len(rows),
                answered=len(answered),
                share_answered=len(answered) / len(rows),
                median_days=float(median(days)) if days else None,
                share_action=len(action) / len(answered) if answered else None,
            )
        )
    return sorted(result, key=lambda a: (-a.referrals, a.agency))


def referral_facts(cases: QuerySet[Report]) -> list[ReferralFacts]:
    """The referrals of `cases` (the case work's `Referral` records)."""
    rows = Referral.objects.filter(report__in=cases).select_related("agency")
    return [
        ReferralFacts(
            agency=r.agency.name_th, sent_on=r.sent_on, responded_on=r.response_on, outcome=r.outcome
        )
        for r in rows
    ]
