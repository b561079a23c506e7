"""Deterministic synthetic OCDS compiled releases for the indicator benchmark.

Realistic in shape (parties with addresses and contact points, buyer, tender with period,
items with classifications, bids.details with tenderers/status/value, awards with items and
suppliers, a contract), and salted with the situations the indicators look for: short tender
periods, single bidders, close and distant second bids, identical prices, late bids,
disqualifications, shared addresses, several currencies, cancelled tenders and pending awards.
The same seed always gives the same bytes.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

__all__ = ["generate", "release"]

METHODS = [
    ("open", "Licitación Pública"),
    ("open", "Licitación Pública Nacional"),
    ("selective", "Concurso de Ofertas"),
    ("limited", "Contratación Directa"),
    ("direct", "Compra Menor"),
]
STREETS = ["Charoen Krung", "Sukhumvit", "Rama IV", "Phahonyothin", "Ratchadamnoen", "Silom"]
CITIES = ["Bangkok", "Chiang Mai", "Khon Kaen", "Hat Yai", "Udon Thani", "Nakhon Ratchasima"]
UNSPSC = ["43211503", "43211507", "44121618", "72101507", "72141003", "80111620", "81112002", "25101503"]
BID_STATUSES = ["valid"] * 8 + ["disqualified", "pending", "withdrawn", "invited"]
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + "+07:00"


def _party(rng: random.Random, org: int, role: str) -> dict[str, Any]:
    shared = org % 97 == 0  # a few companies share one address
    street = (
        f"{(org * 7) % 300 + 1} {STREETS[org % len(STREETS)]} Road" if not shared else "1 Collusion Street"
    )
    return {
        "id": f"TH-DBD-{org:07d}",
        "name": f"Company {org}",
        "identifier": {"scheme": "TH-DBD", "id": f"{org:013d}", "legalName": f"Company {org} Co., Ltd."},
        "address": {
            "streetAddress": street,
            "locality": CITIES[org % len(CITIES)],
            "region": CITIES[(org // 7) % len(CITIES)],
            "postalCode": f"{10000 + org % 90000}",
            "countryName": "Thailand",
        },
        "contactPoint": {
            "name": f"Contact {org}",
            "email": f"sales{org}@example.co.th",
            "telephone": f"+66 2 {org % 1000:03d} {rng.randrange(10000):04d}",
        },
        "roles": [role],
    }


def release(rng: random.Random, n: int) -> dict[str, Any]:
    """One compiled release; `n` makes the ocid unique."""
    method, details = METHODS[rng.randrange(len(METHODS))]
    buyer_no = rng.randrange(2000)
    buyer = {"id": f"TH-GOV-{buyer_no:05d}", "name": f"Agency {buyer_no}"}
    procuring = {"id": f"TH-GOV-{(buyer_no + rng.randrange(3)) % 2000:05d}", "name": "Procurement unit"}
    start = EPOCH + timedelta(days=rng.randrange(1500), hours=rng.randrange(24))
    period_days = rng.choice([3, 7, 10, 14, 15, 20, 21, 30, 45])
    end = start + timedelta(days=period_days, minutes=rng.randrange(600))
    currency = "THB" if rng.random() < 0.97 else rng.choice(["USD", "EUR"])
    base = rng.randrange(50_000, 20_000_000)
    items = [
        {
            "id": str(k + 1),
            "description": f"Item {k + 1} for project {n}",
            "classification": {
                "scheme": "UNSPSC",
                "id": UNSPSC[(buyer_no + k * rng.randrange(1, 4)) % len(UNSPSC)],
                "description": "Goods",
            },
            "quantity": rng.randrange(1, 50),
            "unit": {"name": "piece", "value": {"amount": round(base / 10, 2), "currency": currency}},
        }
        for k in range(rng.randrange(1, 4))
    ]
    bidder_count = rng.choice([1, 2, 3, 3, 4, 5, 6])
    orgs = rng.sample(range(200_000), bidder_count)
    if rng.random() < 0.3:  # popular suppliers recur across processes
        orgs[0] = rng.randrange(300)
    bids = []
    for j, org in enumerate(orgs):
        status = BID_STATUSES[rng.randrange(len(BID_STATUSES))] if j else "valid"
        amount = round(base * (0.85 + rng.random() * 0.3), 2)
        if j and rng.random() < 0.02:
            amount = bids[0]["value"]["amount"]  # identical prices
        late = rng.random() < 0.01
        bids.append(
            {
                "id": f"{n}-bid-{j}",
                "date": _iso(end + timedelta(hours=2) if late else start + timedelta(days=1, hours=j)),
                "status": status,
                "tenderers": [{"id": f"TH-DBD-{org:07d}", "name": f"Company {org}"}],
                "value": {"amount": amount, "currency": currency},
            }
        )
    valid = [b for b in bids if b["status"] == "valid"]
    winner = min(valid, key=lambda b: b["value"]["amount"])
    if rng.random() < 0.05 and len(valid) > 1:
        winner = max(valid, key=lambda b: b["value"]["amount"])
    award_status = "active" if rng.random() < 0.95 else rng.choice(["pending", "cancelled"])
    awards = [
        {
            "id": f"{n}-award-1",
            "status": award_status,
            "date": _iso(end + timedelta(days=5)),
            "value": dict(winner["value"]),
            "suppliers": [dict(winner["tenderers"][0])],
            "items": items,
        }
    ]
    parties = [
        {"id": buyer["id"], "name": buyer["name"], "roles": ["buyer"]},
        *(_party(rng, org, "tenderer") for org in orgs),
    ]
    tender_status = "cancelled" if rng.random() < 0.01 else "complete"
    return {
        "ocid": f"ocds-sodsong-{n:08d}",
        "id": f"{n}-release",
        "date": _iso(end + timedelta(days=10)),
        "tag": ["compiled"],
        "initiationType": "tender",
        "parties": parties,
        "buyer": buyer,
        "tender": {
            "id": f"{n}-tender",
            "title": f"Procurement of goods, project {n}",
            "status": tender_status,
            "procuringEntity": procuring,
            "value": {"amount": base, "currency": currency},
            "procurementMethod": method,
            "procurementMethodDetails": details,
            "numberOfTenderers": bidder_count,
            "tenderPeriod": {"startDate": _iso(start), "endDate": _iso(end)},
            "items": items,
        },
        "bids": {"details": bids},
        "awards": awards,
        "contracts": [
            {
                "id": f"{n}-contract-1",
                "awardID": f"{n}-award-1",
                "status": "active",
                "value": dict(winner["value"]),
                "dateSigned": _iso(end + timedelta(days=12)),
            }
        ],
    }


def generate(path: Path, count: int, seed: int = 20240601, start: int = 0) -> None:
    """Write releases `start` .. `start + count - 1` to `path` (one JSON object a line)."""
    with path.open("wb") as out:
        for n in range(start, start + count):
            rng = random.Random(seed * 1_000_003 + n)
            out.write(orjson.dumps(release(rng, n)))
            out.write(b"\n")
