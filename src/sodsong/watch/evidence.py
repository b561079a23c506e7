"""Evidence files: checked by content, hashed, stripped of metadata, encrypted at rest.

Every channel (LINE, web form, simulator) stores files through `store_evidence`, so the same
rules hold everywhere: the type is decided from the bytes (a "JPEG" that is not one is refused),
the size is capped, photos lose their EXIF/GPS data before they are kept, and both the received
and the kept bytes are hashed (the referral letter lists the hashes for chain of custody).
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sodsong.privacy.crypto import decrypt, encrypt
from sodsong.watch.models import EventKind, Evidence, Report

__all__ = [
    "EvidenceRejected",
    "SniffedType",
    "max_evidence_bytes",
    "read_evidence",
    "remove_evidence",
    "sniff",
    "store_evidence",
]


class EvidenceRejected(ValueError):
    """A file we will not keep; the message is safe to show to the citizen (in English; the
    channels translate `code`)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class SniffedType:
    content_type: str
    extension: str
    is_image: bool = False


_SIGNATURES: tuple[tuple[bytes, int, SniffedType], ...] = (
    (b"\xff\xd8\xff", 0, SniffedType("image/jpeg", "jpg", True)),
    (b"\x89PNG\r\n\x1a\n", 0, SniffedType("image/png", "png", True)),
    (b"GIF87a", 0, SniffedType("image/gif", "gif", True)),
    (b"GIF89a", 0, SniffedType("image/gif", "gif", True)),
    (b"%PDF-", 0, SniffedType("application/pdf", "pdf")),
    (b"ID3", 0, SniffedType("audio/mpeg", "mp3")),
    (b"#!AMR", 0, SniffedType("audio/amr", "amr")),
    (b"OggS", 0, SniffedType("audio/ogg", "ogg")),
)


def sniff(data: bytes) -> SniffedType | None:
    """The type of `data` judged from its first bytes, or None when it is not one we accept."""
    for magic, offset, kind in _SIGNATURES:
        if data[offset : offset + len(magic)] == magic:
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return SniffedType("image/webp", "webp", True)
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        if brand in (b"M4A ", b"M4B "):
            return SniffedType("audio/mp4", "m4a")
        if brand in (b"heic", b"heix", b"mif1"):
            return SniffedType("image/heic", "heic")
        return SniffedType("video/mp4", "mp4")
    if data[:4] == b"PK\x03\x04":
        head = data[:2000]
        if b"word/" in head:
            return SniffedType(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"
            )
        if b"xl/" in head:
            return SniffedType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
        return SniffedType("application/zip", "zip")
    if data[:2] in (b"\xff\xf1", b"\xff\xf9"):
        return SniffedType("audio/aac", "aac")
    return None


def max_evidence_bytes() -> int:
    return int(getattr(settings, "WATCH_EVIDENCE_MAX_BYTES", 25 * 1024 * 1024))


def _strip_image_metadata(data: bytes, kind: SniffedType) -> bytes:
    """Re-encode the pixels only: EXIF (GPS, camera serial, time) and other metadata are dropped.
    The EXIF orientation is applied first so the photo still shows the right way up."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        image.load()
        frame = image.convert("RGBA") if kind.content_type == "image/gif" else ImageOps.exif_transpose(image)
        if frame.mode == "P":
            frame = frame.convert("RGBA")
        # A new image from raw pixels carries no metadata at all, whatever the format kept.
        clean = Image.frombytes(frame.mode, frame.size, frame.tobytes())
        out = io.BytesIO()
        fmt = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "PNG", "image/webp": "WEBP"}[
            kind.content_type
        ]
        if fmt == "JPEG" and clean.mode not in ("RGB", "L"):
            clean = clean.convert("RGB")
        clean.save(out, format=fmt, quality=92)
        return out.getvalue()


def _evidence_dir() -> Path:
    path = Path(settings.DATA_DIR) / "evidence"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_evidence(
    report: Report,
    data: bytes,
    *,
    original_name: str = "",
    source_message_id: str = "",
) -> Evidence:
    """Check, clean, encrypt and keep one file for `report`; `EvidenceRejected` when refused."""
    if not data:
        raise EvidenceRejected("empty", "the file is empty")
    if len(data) > max_evidence_bytes():
        raise EvidenceRejected(
            "too_large", f"the file is larger than {max_evidence_bytes() // (1024 * 1024)} MB"
        )
    kind = sniff(data)
    if kind is None:
        raise EvidenceRejected(
            "unknown_type", "the file is not a photo, PDF, office document, audio or video"
        )
    received_hash = hashlib.sha256(data).hexdigest()
    kept = data
    stripped = False
    if kind.is_image and kind.content_type != "image/heic":
        try:
            kept = _strip_image_metadata(data, kind)
        except Exception as exc:  # Pillow raises many types for a damaged image
            raise EvidenceRejected("damaged", "the image cannot be read") from exc
        stripped = True
    name = f"{secrets.token_hex(16)}.{kind.extension}.enc"
    relative = f"evidence/{name}"
    target = _evidence_dir() / name
    temporary = target.with_name(f".{name}.{os.getpid()}")
    temporary.write_bytes(encrypt(kept))
    os.replace(temporary, target)
    try:
        with transaction.atomic():
            evidence = Evidence.objects.create(
                report=report,
                original_name=Path(original_name).name[:255],
                content_type=kind.content_type
                if not (stripped and kind.content_type == "image/gif")
                else "image/png",
                size=len(kept),
                sha256=received_hash,
                stored_sha256=hashlib.sha256(kept).hexdigest(),
                storage_name=relative,
                metadata_stripped=stripped,
                source_message_id=source_message_id,
            )
            report.record(EventKind.EVIDENCE_ADDED, note=f"{evidence.content_type} sha256 {received_hash}")
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return evidence


def read_evidence(evidence: Evidence) -> bytes:
    """The kept (cleaned) bytes of a file, decrypted."""
    if evidence.purged_at is not None:
        raise FileNotFoundError(f"evidence {evidence.pk} was deleted by the retention policy")
    return decrypt((Path(settings.DATA_DIR) / evidence.storage_name).read_bytes())


def remove_evidence(evidence: Evidence, *, note: str = "") -> None:
    """Take a file off its report (e.g. the citizen unsent the message); the record stays, the file goes."""
    (Path(settings.DATA_DIR) / evidence.storage_name).unlink(missing_ok=True)
    evidence.removed_at = timezone.now()
    evidence.purged_at = evidence.removed_at
    evidence.save(update_fields=["removed_at", "purged_at"])
    evidence.report.record(EventKind.EVIDENCE_REMOVED, note=note or f"sha256 {evidence.sha256}")
