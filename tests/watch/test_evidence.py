from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from PIL import Image

from sodsong.watch.evidence import EvidenceRejected, read_evidence, remove_evidence, sniff, store_evidence
from sodsong.watch.models import EventKind, Report

pytestmark = pytest.mark.django_db


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {2: (13.0, 45.0, 0.0), 4: (100.0, 30.0, 0.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_photo_is_hashed_stripped_and_encrypted_at_rest() -> None:
    report = Report.objects.create(channel="web")
    data = jpeg_with_gps()
    assert b"CameraMaker" in data
    evidence = store_evidence(report, data, original_name="../../etc/photo.jpg", source_message_id="m1")
    assert evidence.sha256 == hashlib.sha256(data).hexdigest()
    assert evidence.content_type == "image/jpeg" and evidence.metadata_stripped
    assert evidence.original_name == "photo.jpg"
    on_disk = (Path(settings.DATA_DIR) / evidence.storage_name).read_bytes()
    assert b"\xff\xd8\xff" not in on_disk[:10] and b"CameraMaker" not in on_disk
    kept = read_evidence(evidence)
    assert hashlib.sha256(kept).hexdigest() == evidence.stored_sha256
    with Image.open(io.BytesIO(kept)) as image:
        assert image.size == (40, 30)
        assert not image.getexif()
    assert b"CameraMaker" not in kept
    assert report.events.filter(kind=EventKind.EVIDENCE_ADDED).count() == 1


def test_a_file_that_claims_to_be_a_jpeg_but_is_not_is_refused() -> None:
    report = Report.objects.create(channel="web")
    folder = Path(settings.DATA_DIR) / "evidence"
    before = set(folder.glob("*")) if folder.exists() else set()
    with pytest.raises(EvidenceRejected) as error:
        store_evidence(report, b"MZ\x90\x00 this is an executable", original_name="photo.jpg")
    assert error.value.code == "unknown_type"
    with pytest.raises(EvidenceRejected) as error:
        store_evidence(report, b"\xff\xd8\xff\xe0 truncated jpeg")
    assert error.value.code == "damaged"
    assert not report.evidence.exists()
    assert (set(folder.glob("*")) if folder.exists() else set()) == before


@override_settings(WATCH_EVIDENCE_MAX_BYTES=1000)
def test_oversized_and_empty_files_are_refused() -> None:
    report = Report.objects.create(channel="web")
    with pytest.raises(EvidenceRejected) as error:
        store_evidence(report, b"%PDF-" + b"x" * 2000)
    assert error.value.code == "too_large"
    with pytest.raises(EvidenceRejected) as error:
        store_evidence(report, b"")
    assert error.value.code == "empty"


def test_unsent_evidence_loses_its_file_but_keeps_its_record() -> None:
    report = Report.objects.create(channel="line")
    evidence = store_evidence(report, b"%PDF-1.4 minimal", source_message_id="m9")
    assert evidence.content_type == "application/pdf" and not evidence.metadata_stripped
    remove_evidence(evidence)
    assert not (Path(settings.DATA_DIR) / evidence.storage_name).exists()
    assert report.live_evidence().count() == 0
    with pytest.raises(FileNotFoundError):
        read_evidence(evidence)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"\x00\x00\x00\x18ftypmp42", "video/mp4"),
        (b"\x00\x00\x00\x18ftypM4A ", "audio/mp4"),
        (b"ID3\x03", "audio/mpeg"),
        (b"<html>", None),
    ],
)
def test_types_are_decided_from_the_bytes(head: bytes, expected: str | None) -> None:
    kind = sniff(head)
    assert (kind.content_type if kind else None) == expected
