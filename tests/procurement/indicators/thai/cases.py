"""One positive and one negative case per Thai flag, built into one small warehouse.

Each case names the subject that must be flagged and one that must not; ids are unique per case
so the cases do not disturb each other (agency-level cases use their own agencies, fence cases
their own peer group).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from tests.procurement.indicators.thai.builder import Builder

SPECIFIC = "เฉพาะเจาะจง"


@dataclass(frozen=True)
class Case:
    indicator: str
    build: Callable[[Builder], None]
    positive: str  # subject_id that must be flagged
    negative: str  # subject_id that must not be


def _near_ref(b: Builder) -> None:
    b.tender("near-pos", {"near-a": 995_000, "near-b": 1_020_000, "near-c": 1_030_000})
    b.tender("near-neg", {"near-a": 950_000, "near-b": 1_020_000, "near-c": 1_030_000})


def _above_ref(b: Builder) -> None:
    b.tender("above-pos", {"above-a": 900_000, "above-b": 1_050_000, "above-c": 960_000})
    b.tender("above-neg", {"above-a": 900_000, "above-b": 1_000_000, "above-c": 960_000})


def _high(b: Builder) -> None:
    peers = {"category": "goods", "method": "selective", "details": "คัดเลือก"}
    for n in range(12):
        b.tender(f"high-peer-{n}", {"high-a": 900_000 + n * 5_000, "high-b": 990_000}, **peers)
    b.tender("high-pos", {"high-a": 1_500_000, "high-b": 1_600_000}, **peers)
    b.tender("high-neg", {"high-a": 930_000, "high-b": 990_000}, **peers)


def _cluster(b: Builder) -> None:
    b.tender("cluster-pos", {"cl-a": 900_000, "cl-b": 905_000, "cl-c": 908_000})
    b.tender("cluster-neg", {"cl-a": 900_000, "cl-b": 950_000, "cl-c": 990_000})


def _equal(b: Builder) -> None:
    b.tender("equal-pos", {"eq-a": 910_000, "eq-b": 910_000, "eq-c": 990_000})
    b.tender("equal-neg", {"eq-a": 910_000, "eq-b": 911_000, "eq-c": 990_000})


def _abnormal_low_ref(b: Builder) -> None:
    b.tender("lowref-pos", {"lr-a": 800_000, "lr-b": 950_000, "lr-c": 990_000})
    b.tender("lowref-neg", {"lr-a": 900_000, "lr-b": 950_000, "lr-c": 990_000})


def _abnormal_low_peers(b: Builder) -> None:
    b.tender("lowpeer-pos", {"lp-a": 450_000, "lp-b": 990_000, "lp-c": 995_000})
    b.tender("lowpeer-neg", {"lp-a": 950_000, "lp-b": 960_000, "lp-c": 995_000})


def _contract_above_bid(b: Builder) -> None:
    b.tender("contract-pos", {"ct-a": 900_000, "ct-b": 950_000, "ct-c": 990_000})
    b.contract("contract-pos", 990_000)
    b.tender("contract-neg", {"ct-a": 900_000, "ct-b": 950_000, "ct-c": 990_000})
    b.contract("contract-neg", 900_000)


def _few_bidders(b: Builder) -> None:
    b.tender("few-pos", {"fw-a": 900_000, "fw-b": 950_000})
    b.bid("few-pos", "fw-c", None, stage="bought_documents")
    b.tender("few-neg", {"fw-a": 900_000, "fw-b": 950_000, "fw-c": 990_000})


def _ref_vs_budget(b: Builder) -> None:
    b.process("budget-pos", ref=1_200_000, budget=1_000_000)
    b.process("budget-neg", ref=950_000, budget=1_000_000)


def _year_end(b: Builder) -> None:
    b.process("yearend-pos", method="direct", details=SPECIFIC, date=dt.date(2024, 9, 15))
    b.process("yearend-neg", method="direct", details=SPECIFIC, date=dt.date(2024, 6, 15))


def _splitting(b: Builder) -> None:
    for n, (day, amount) in enumerate([(2, 450_000), (9, 460_000), (20, 470_000)]):
        pid = b.process(
            f"split-pos-{n}", method="direct", details=SPECIFIC, date=dt.date(2024, 5, day), ref=None
        )
        b.award(pid, "split-shop", amount)
    for n, month in enumerate([2, 4, 6]):
        pid = b.process(
            f"split-neg-{n}", method="direct", details=SPECIFIC, date=dt.date(2024, month, 1), ref=None
        )
        b.award(pid, "split-slow-shop", 480_000)


def _shared_director(b: Builder) -> None:
    b.org("sd-person", "person")
    for company in ("sd-a", "sd-b"):
        b.org(company)
        b.relation("director_of", "sd-person", company)
    b.org("sd-c", address_key="1 ถนนหนึ่ง")
    b.org("sd-d", address_key="2 ถนนสอง")
    b.tender("shared-pos", {"sd-a": 900_000, "sd-b": 950_000, "sd-x": 990_000})
    b.tender("shared-neg", {"sd-c": 900_000, "sd-d": 950_000, "sd-x": 990_000})


def _frequent(b: Builder) -> None:
    for n in range(5):
        b.tender(f"freq-pos-{n}", {"fq-a": 900_000, "fq-b": 950_000, f"fq-x{n}": 990_000})
    for n in range(4):
        b.tender(f"freq-neg-{n}", {"fq-c": 900_000, "fq-d": 950_000, f"fq-y{n}": 990_000})


def _blacklisted(b: Builder) -> None:
    b.sanction("bl-listed", dt.date(2023, 1, 1))
    b.sanction("bl-later", dt.date(2025, 1, 1))
    b.tender("black-pos", {"bl-listed": 900_000, "bl-x": 950_000, "bl-y": 990_000})
    b.tender("black-neg", {"bl-later": 900_000, "bl-x": 950_000, "bl-y": 990_000})


def _politician_people(b: Builder) -> None:
    if "pol-mp" not in b.orgs:
        b.org("pol-mp", "person", address_key="9 ถนนสภา")
        b.org("pol-parliament", "agency")
        b.relation("holds_position", "pol-mp", "pol-parliament", role="สมาชิกสภาผู้แทนราษฎร")
        b.org("pol-citizen", "person", address_key="8 ถนนบ้าน")


def _co_politician(b: Builder) -> None:
    _politician_people(b)
    b.org("cp-pos")
    b.org("cp-neg")
    b.relation("director_of", "pol-mp", "cp-pos")
    b.relation("director_of", "pol-citizen", "cp-neg")


def _co_relative(b: Builder) -> None:
    _politician_people(b)
    b.org("cr-spouse", "person")
    b.org("cr-cousin", "person")
    b.relation("relative_of", "cr-spouse", "pol-mp", role="คู่สมรส")
    b.relation("relative_of", "cr-cousin", "pol-citizen", role="ญาติ")
    b.org("cr-pos")
    b.org("cr-neg")
    b.relation("director_of", "cr-spouse", "cr-pos")
    b.relation("director_of", "cr-cousin", "cr-neg")


def _co_address(b: Builder) -> None:
    _politician_people(b)
    b.org("ca-pos", address_key="9 ถนนสภา")
    b.org("ca-neg", address_key="8 ถนนบ้าน")


def _co_donor(b: Builder) -> None:
    b.org("party-a", "party")
    b.org("cd-pos")
    b.org("cd-neg")
    b.relation("donated_to", "cd-pos", "party-a", start_date=dt.date(2023, 5, 1), amount=100_000)
    b.relation("member_of", "cd-neg", "party-a")


def _new_company(b: Builder) -> None:
    b.org("nc-pos", registration_date=dt.date(2024, 1, 1))
    b.org("nc-neg", registration_date=dt.date(2020, 1, 1))
    b.process("newco-pos-p")
    b.award("newco-pos-p", "nc-pos", 900_000, date=dt.date(2024, 4, 10))
    b.process("newco-neg-p")
    b.award("newco-neg-p", "nc-neg", 900_000, date=dt.date(2024, 4, 10))


def _concentration(b: Builder) -> None:
    for n in range(10):
        pid = b.process(f"conc-pos-{n}", agency="agency-conc-pos")
        b.award(pid, "conc-favourite", 900_000)
        pid = b.process(f"conc-neg-{n}", agency="agency-conc-neg")
        b.award(pid, f"conc-supplier-{n % 5}", 900_000)


def _non_open(b: Builder) -> None:
    for n in range(10):
        b.process(f"nonopen-pos-{n}", agency="agency-nonopen-pos", method="direct", details=SPECIFIC)
        b.process(f"nonopen-neg-{n}", agency="agency-nonopen-neg", method="open")


CASES = (
    Case("TH-NEAR-REF", _near_ref, "near-pos", "near-neg"),
    Case("TH-ABOVE-REF", _above_ref, "above-pos", "above-neg"),
    Case("TH-HIGH", _high, "high-pos", "high-neg"),
    Case("TH-CLUSTER", _cluster, "cluster-pos", "cluster-neg"),
    Case("TH-EQUAL", _equal, "equal-pos", "equal-neg"),
    Case("TH-ABNORMAL-LOW-REF", _abnormal_low_ref, "lowref-pos", "lowref-neg"),
    Case("TH-ABNORMAL-LOW-PEERS", _abnormal_low_peers, "lowpeer-pos", "lowpeer-neg"),
    Case("TH-CONTRACT-ABOVE-BID", _contract_above_bid, "contract-pos", "contract-neg"),
    Case("TH-FEW-BIDDERS", _few_bidders, "few-pos", "few-neg"),
    Case("TH-REF-VS-BUDGET", _ref_vs_budget, "budget-pos", "budget-neg"),
    Case("TH-YEAR-END-SPECIFIC", _year_end, "yearend-pos", "yearend-neg"),
    Case("TH-SPLITTING", _splitting, "split-pos-1", "split-neg-1"),
    Case("TH-SHARED-DIRECTOR-ADDRESS", _shared_director, "sd-a|sd-b", "sd-c|sd-d"),
    Case("TH-FREQUENT-COBIDDERS", _frequent, "fq-a|fq-b", "fq-c|fq-d"),
    Case("TH-BLACKLISTED", _blacklisted, "bl-listed", "bl-later"),
    Case("TH-CO-POLITICIAN", _co_politician, "cp-pos", "cp-neg"),
    Case("TH-CO-RELATIVE", _co_relative, "cr-pos", "cr-neg"),
    Case("TH-CO-ADDRESS", _co_address, "ca-pos", "ca-neg"),
    Case("TH-CO-DONOR", _co_donor, "cd-pos", "cd-neg"),
    Case("TH-NEW-COMPANY", _new_company, "nc-pos", "nc-neg"),
    Case("TH-CONCENTRATION", _concentration, "agency-conc-pos", "agency-conc-neg"),
    Case("TH-NON-OPEN-SHARE", _non_open, "agency-nonopen-pos", "agency-nonopen-neg"),
)


def build_all(b: Builder) -> None:
    for case in CASES:
        case.build(b)
