"""Per-agency outcome metrics: share answered, median days to answer, share with action taken."""

from __future__ import annotations

import datetime as dt

import pytest

from sodsong.watch.publication.metrics import ReferralFacts, agency_outcomes, referral_facts
from sodsong.watch.publication.public import public_cases

D = dt.date


def test_agency_outcomes_from_referral_records() -> None:
    facts = [
        ReferralFacts("ป.ป.ช.", D(2025, 1, 1), D(2025, 1, 11), "resolved"),
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


@pytest.mark.django_db
def test_metrics_and_case_page_from_real_referrals_and_project_links(editor_user: object) -> None:
    from django.test import Client

    from sodsong.watch.models.casework import Agency, CaseProjectLink, Referral

    from .conftest import PHONE, approve_and_publish, make_case

    nacc = Agency.objects.create(name_th="สำนักงาน ป.ป.ช. (ทดสอบ)", name_en="NACC (test)")
    damrong = Agency.objects.create(name_th="ศูนย์ดำรงธรรม (ทดสอบ)")
    published = approve_and_publish(make_case(), editor_user)
    hidden = make_case()  # not published: its referrals are not counted
    Referral.objects.create(
        report=published, agency=nacc, sent_on=D(2025, 1, 1), response_on=D(2025, 1, 15),
        outcome="action_taken", response=f"ผู้ร้องโทร {PHONE}",
    )  # fmt: skip
    Referral.objects.create(report=published, agency=nacc, sent_on=D(2025, 2, 1), response_on=D(2025, 2, 21),
                            outcome="no_action")  # fmt: skip
    Referral.objects.create(report=published, agency=damrong, sent_on=D(2025, 3, 1))
    Referral.objects.create(report=hidden, agency=nacc, sent_on=D(2025, 3, 1))
    facts = referral_facts(public_cases())
    assert len(facts) == 3
    by_agency = {o.agency: o for o in agency_outcomes(facts)}
    assert by_agency["สำนักงาน ป.ป.ช. (ทดสอบ)"].share_answered == 1.0
    assert by_agency["สำนักงาน ป.ป.ช. (ทดสอบ)"].median_days == 17.0
    assert by_agency["สำนักงาน ป.ป.ช. (ทดสอบ)"].share_action == 0.5
    assert by_agency["ศูนย์ดำรงธรรม (ทดสอบ)"].share_answered == 0.0
    stats = Client().get("/cases/stats.json").json()
    assert {a["agency"] for a in stats["agencies"]} == set(by_agency)

    CaseProjectLink.objects.create(
        report=published, process_id="P-CONFIRMED", title="ก่อสร้างถนนคอนกรีต", flags=["single_bidder"],
        confirmed=True,
    )  # fmt: skip
    CaseProjectLink.objects.create(report=published, process_id="P-SUGGESTED", title="ยังไม่ยืนยัน")
    html = Client().get(f"/cases/{published.code}/").content.decode()
    assert "ก่อสร้างถนนคอนกรีต" in html and "/procurement/project/P-CONFIRMED" in html
    assert "P-SUGGESTED" not in html and "ยังไม่ยืนยัน" not in html
    assert 'class="flag"' in html
    assert "สำนักงาน ป.ป.ช. (ทดสอบ)" in html and PHONE not in html  # the answer text is never shown
    record = Client().get(f"/cases/{published.code}.json").json()["case"]
    assert [p["process_id"] for p in record["projects"]] == ["P-CONFIRMED"]
    assert [r["outcome"] for r in record["referrals"]] == ["action_taken", "no_action", "pending"]
