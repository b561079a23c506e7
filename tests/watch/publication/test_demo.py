"""The publication demo: example cases published the real way, once, with no real personal data shown."""

from __future__ import annotations

import pytest
from django.test import Client

from sodsong.watch.models import AuditEntry, PublicationPhoto, Report, Status
from sodsong.watch.publication import demo


class Console:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def print(self, text: str) -> None:
        self.lines.append(text)


@pytest.mark.django_db
def test_the_demo_publishes_examples_once() -> None:
    console = Console()
    demo.load(console)
    demo.load(console)
    published = Report.objects.filter(is_example=True, published_at__isnull=False)
    assert published.count() == len(demo.EXAMPLES)
    assert "already loaded" in console.lines[-2]
    assert published.filter(status=Status.CLOSED, close_reason="agency_says_resolved").count() == 1
    assert AuditEntry.objects.filter(action="case.publish", refused=False).count() == 3
    client = Client()
    listing = client.get("/cases.json").json()
    assert listing["count"] == 3
    (agency,) = client.get("/cases/stats.json").json()["agencies"]
    assert (agency["referrals"], agency["answered"], agency["median_days"]) == (3, 2, 18.0)
    body = client.get("/cases/data.csv").content.decode()
    for secret in ("081-234-5678", "somsak.example@example.com", "123-4-56789-0", "สมมติ ตัวอย่างดี"):
        assert secret not in body
    photo = PublicationPhoto.objects.get()
    code = photo.evidence.report.code
    assert client.get(f"/cases/{code}/photos/{photo.pk}.jpg").status_code == 200
    assert "ทะเบียนรถ" in client.get(f"/cases/{code}/").content.decode()


@pytest.mark.django_db
def test_the_whole_watch_demo_runs_with_every_loader() -> None:
    from sodsong.watch import demo as watch_demo

    watch_demo.load(Console())
    watch_demo.load(Console())
    listing = Client().get("/cases.json").json()
    assert listing["count"] >= len(demo.EXAMPLES)
    assert Client().get("/cases/stats/").status_code == 200
