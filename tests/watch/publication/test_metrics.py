"""Per-agency outcome metrics: share answered, median days to answer, share with action taken."""

from __future__ import annotations

import datetime as dt

import pytest

from sodsong.watch.publication.metrics import ReferralFacts, agency_outcomes, referral_facts
from sodsong.watch.publication.public import public_cases

D = dt.date


def test_agency_outcomes_from_referral_records() -> None:
    facts = [
        ReferralFacts("ป.ป.ช.", D(2025, 1, 1), D(2025, 1, 11), "investigating"),
        ReferralFacts("ป.ป.ช.", D(2025, 1, 5), D(2025, 2, 4), "no_action"),
        ReferralFacts("ป.ป.ช.", D(2025, 2, 1), None, ""),
        ReferralFacts("ป.ป.ช.", D(2025, 3, 1), D(2025, 3, 21), "action_taken"),
        ReferralFacts("ศูนย์ดำรงธรรม", D(2025, 1, 1), None, ""),
        ReferralFacts("สตง.", None, None, ""),  # not sent yet: not counted
    ]
    nacc, damrong = agency_outcomes(facts)
    assert (nacc.agency, nacc.referrals, nacc.answered) == ("ป.ป.ช.", 4, 3)
    assert nacc.share_answered == 0.75
    assert nacc.median_days == 20.0  # 10, 30, 20
    assert nacc.share_action == pytest.approx(2 / 3)
    assert (damrong.referrals, damrong.answered, damrong.share_answered) == (1, 0, 0.0)
    assert damrong.median_days is None and damrong.share_action is None  # not computable: None, not 0


@pytest.mark.django_db
def test_no_referral_model_yet_means_no_metrics() -> None:
    assert isinstance(referral_facts(public_cases()), list)
