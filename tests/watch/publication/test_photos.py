"""Photos: hand-marked boxes blurred (only inside the box), stored encrypted, public only once approved."""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from PIL import Image, ImageChops, ImageStat

from sodsong.watch.evidence import store_evidence
from sodsong.watch.models import AuditEntry, Evidence, PublicationPhoto, Report
from sodsong.watch.publication.photos import Box, approve_photo, blur_pixels, parse_box, prepare_photo

from .conftest import approve_and_publish

pytestmark = pytest.mark.django_db


def noisy_image(width: int = 400, height: int = 300, fmt: str = "JPEG") -> bytes:
    rng = random.Random(7)
    image = Image.new("RGB", (width, height))
    image.putdata(
        [(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(width * height)]
    )
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def test_blur_changes_pixels_in_the_box_only() -> None:
    image = Image.open(io.BytesIO(noisy_image(fmt="PNG"))).convert("RGB")
    box = Box(25, 20, 30, 40)  # percent: x 100..220, y 60..180 of 400×300
    blurred = blur_pixels(image, [box])
    left, top, right, bottom = box.pixels(*image.size)
    assert (left, top, right, bottom) == (100, 60, 220, 180)
    diff = ImageChops.difference(image, blurred)
    assert diff.getbbox() == (left, top, right, bottom)  # nothing changed outside the box
    inside = ImageStat.Stat(diff.crop((left, top, right, bottom))).mean
    assert min(inside) > 40  # noise made flat: strongly changed
    # the box is flat enough that no detail survives
    assert max(ImageStat.Stat(blurred.crop((left, top, right, bottom))).stddev) < 20


def test_boxes_from_forms_are_checked() -> None:
    assert parse_box({"x": "๑๐", "y": "5,5", "w": "20%", "h": "10"}) == Box(10, 5.5, 20, 10)
    for values in (
        {"x": "a", "y": 1, "w": 1, "h": 1},
        {"x": 90, "y": 0, "w": 20, "h": 5},
        {"x": 0, "y": 0, "w": 0, "h": 5},
    ):
        with pytest.raises(ValueError):
            parse_box(values)


@pytest.fixture
def photo_case(case: Report) -> tuple[Report, Evidence]:
    evidence = store_evidence(case, noisy_image(), original_name="IMG_0001.jpg")
    return case, evidence


def test_prepared_copy_is_encrypted_and_a_new_copy_needs_approval(
    photo_case: tuple[Report, Evidence], editor_user: Any
) -> None:
    _case, evidence = photo_case
    photo = prepare_photo(evidence, [Box(10, 10, 20, 20)], editor_user)
    stored = (Path(settings.DATA_DIR) / photo.storage_name).read_bytes()
    assert not stored.startswith(b"\xff\xd8")  # not a readable JPEG on disk
    approve_photo(photo, editor_user)
    old = photo.storage_name
    photo = prepare_photo(evidence, [Box(10, 10, 20, 20), Box(50, 50, 10, 10)], editor_user)
    assert photo.approved_at is None and not (Path(settings.DATA_DIR) / old).exists()
    assert AuditEntry.objects.filter(action="case.photo.blur").count() == 2


def test_only_approved_blurred_photos_of_published_cases_are_public(
    photo_case: tuple[Report, Evidence], editor_user: Any
) -> None:
    case, evidence = photo_case
    approve_and_publish(case, editor_user)
    client = Client()
    assert "/photos/" not in client.get(f"/cases/{case.code}/").content.decode()
    photo = prepare_photo(evidence, [Box(10, 10, 20, 20)], editor_user)
    url = reverse("watch:cases:photo", args=[case.code, photo.pk])
    assert client.get(url).status_code == 404  # not approved
    approve_photo(photo, editor_user)
    assert url in client.get(f"/cases/{case.code}/").content.decode()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    served = Image.open(io.BytesIO(response.content))
    assert served.size == (400, 300) and not served.getexif()
    assert response.content != evidence.stored_sha256
    other = PublicationPhoto.objects.create(evidence=store_evidence(case, noisy_image()))
    assert client.get(reverse("watch:cases:photo", args=[case.code, other.pk])).status_code == 404


def test_the_photo_screen_works_without_javascript(
    photo_case: tuple[Report, Evidence], editor_client: Client
) -> None:
    case, evidence = photo_case
    url = reverse("watch:cases:photo_editor", args=[case.code, evidence.pk])
    page = editor_client.get(url)
    assert page.status_code == 200 and "<svg" in page.content.decode()
    editor_client.post(
        url, {"action": "add_box", "x": "10", "y": "10", "w": "30", "h": "20", "caption": "ภาพถ่าย"}
    )
    photo = PublicationPhoto.objects.get(evidence=evidence)
    assert photo.boxes == [{"x": 10.0, "y": 10.0, "w": 30.0, "h": 20.0}] and photo.caption == "ภาพถ่าย"
    bad = editor_client.post(
        url, {"action": "add_box", "x": "90", "y": "0", "w": "30", "h": "5"}, follow=True
    )
    assert "past the edge" in bad.content.decode()
    assert editor_client.get(url.rstrip("/") + "/blurred").status_code == 200
    assert editor_client.get(url.rstrip("/") + "/original").status_code == 200
    editor_client.post(url, {"action": "approve"})
    photo.refresh_from_db()
    assert photo.approved_at is not None
    editor_client.post(url, {"action": "remove_box", "index": "0"})
    photo.refresh_from_db()
    assert photo.boxes == [] and photo.approved_at is None
    assert Client().get(url).status_code == 302  # staff only
