"""Evidence files posted on an activity or an outcome are stored on it, typed and sized."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sodsong.coalition.models import Activity, EvidenceFile, Outcome

pytestmark = pytest.mark.django_db

DAY = datetime.date(2023, 6, 28)


def test_evidence_posted_on_an_activity_is_stored_on_it(
    staff_client: Client, activity_factory: Callable[..., Activity]
) -> None:
    activity = activity_factory("ประชุมภาคี", DAY)
    upload = SimpleUploadedFile("รายงานการประชุม.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")
    response = staff_client.post(
        reverse("coalition:evidence_add", args=[activity.pk]), {"evidence-file": upload}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("coalition:activity", args=[activity.pk]) + "#evidence"
    stored = EvidenceFile.objects.get()
    assert (stored.activity, stored.outcome) == (activity, None)
    assert stored.title == "รายงานการประชุม.pdf"  # no title given: the file's name
    assert (stored.content_type, stored.size) == ("application/pdf", len(b"%PDF-1.4 minutes"))
    assert stored.file.read() == b"%PDF-1.4 minutes"


def test_evidence_posted_on_an_outcome_is_stored_on_it_with_its_title(staff_client: Client) -> None:
    outcome = Outcome.objects.create(title="ข้อเสนอต่อสภา", social_actor="สภา", changed_on=DAY)
    upload = SimpleUploadedFile("photo.PNG", b"\x89PNG fake", content_type="image/png")
    response = staff_client.post(
        reverse("coalition:outcome_evidence_add", args=[outcome.pk]),
        {"evidence-file": upload, "evidence-title": "ภาพการยื่นหนังสือ"},
    )
    assert response["Location"] == reverse("coalition:outcome", args=[outcome.pk])
    stored = EvidenceFile.objects.get()
    assert (stored.activity, stored.outcome) == (None, outcome)
    assert (stored.title, stored.content_type) == ("ภาพการยื่นหนังสือ", "image/png")


def test_a_file_of_a_type_not_accepted_is_not_stored(
    staff_client: Client, activity_factory: Callable[..., Activity]
) -> None:
    activity = activity_factory("ประชุมภาคี", DAY)
    upload = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    response = staff_client.post(
        reverse("coalition:evidence_add", args=[activity.pk]), {"evidence-file": upload}, follow=True
    )
    assert not EvidenceFile.objects.exists()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
