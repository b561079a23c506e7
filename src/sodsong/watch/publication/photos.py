"""Photos for publication: faces and plates blurred in boxes an editor marks by hand.

The evidence file already lost its EXIF data on intake; here a new copy is made with every box
pixelated and then blurred hard (nothing recoverable by sharpening), saved as JPEG without
metadata and stored encrypted beside the evidence. Only that copy, once approved, is public.
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone

from sodsong.privacy.crypto import decrypt, encrypt
from sodsong.thai.digits import to_arabic_digits
from sodsong.watch.audit import audit
from sodsong.watch.evidence import read_evidence
from sodsong.watch.models import Evidence, PublicationPhoto

if TYPE_CHECKING:
    from PIL import Image

__all__ = [
    "PUBLISHABLE_TYPES",
    "Box",
    "approve_photo",
    "blur_boxes",
    "blur_pixels",
    "parse_box",
    "prepare_photo",
    "read_blurred",
]

PUBLISHABLE_TYPES = ("image/jpeg", "image/png", "image/webp")
MAX_BOXES = 40


@dataclass(frozen=True)
class Box:
    """A rectangle in percent of the photo's width and height (so it survives any display size)."""

    x: float
    y: float
    w: float
    h: float

    def __post_init__(self) -> None:
        for name in ("x", "y", "w", "h"):
            value = getattr(self, name)
            if not 0 <= value <= 100:
                raise ValueError(f"box {name}: expected a percentage from 0 to 100, got {value:g}")
        if self.w <= 0 or self.h <= 0:
            raise ValueError("box width and height must be more than 0")
        if self.x + self.w > 100.0001 or self.y + self.h > 100.0001:
            raise ValueError("the box goes past the edge of the photo")

    def pixels(self, width: int, height: int) -> tuple[int, int, int, int]:
        left = int(width * self.x / 100)
        top = int(height * self.y / 100)
        right = min(width, max(left + 1, round(width * (self.x + self.w) / 100)))
        bottom = min(height, max(top + 1, round(height * (self.y + self.h) / 100)))
        return left, top, right, bottom

    def as_dict(self) -> dict[str, float]:
        return {"x": self.x, "y": self.y, "w": self.w, "h": self.h}


def parse_box(values: dict[str, Any]) -> Box:
    """A box from form values (Thai digits, a decimal comma and a trailing % accepted)."""
    numbers = {}
    for name in ("x", "y", "w", "h"):
        raw = to_arabic_digits(str(values.get(name, ""))).strip().rstrip("%").replace(",", ".")
        try:
            numbers[name] = float(raw)
        except ValueError:
            raise ValueError(
                f"box {name}: expected a number from 0 to 100, got {raw or 'nothing'!r}"
            ) from None
    return Box(**numbers)


def blur_pixels(image: Image.Image, boxes: Iterable[Box]) -> Image.Image:
    """A copy of `image` (RGB) with each box pixelated, then blurred; nothing outside changes."""
    from PIL import Image as PILImage
    from PIL import ImageFilter

    result = image.convert("RGB")
    width, height = result.size
    for box in boxes:
        left, top, right, bottom = box.pixels(width, height)
        region = result.crop((left, top, right, bottom))
        w, h = region.size
        block = max(8, min(w, h) // 6)
        small = region.resize((max(1, w // block), max(1, h // block)), PILImage.Resampling.BILINEAR)
        region = small.resize((w, h), PILImage.Resampling.NEAREST)
        region = region.filter(ImageFilter.GaussianBlur(radius=max(6, min(w, h) // 8)))
        result.paste(region, (left, top))
    return result


def blur_boxes(data: bytes, boxes: Iterable[Box]) -> tuple[bytes, int, int]:
    """The photo as JPEG with each box made unrecognisable; returns (bytes, width, height)."""
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(data)) as source:
        source.load()
        image = blur_pixels(source, boxes)
    clean = PILImage.frombytes("RGB", image.size, image.tobytes())  # no metadata carried over
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=88)
    return out.getvalue(), image.size[0], image.size[1]


def _photo_dir() -> Path:
    path = Path(settings.DATA_DIR) / "publication"
    path.mkdir(parents=True, exist_ok=True)
    return path


def prepare_photo(
    evidence: Evidence, boxes: Sequence[Box], actor: Any, caption: str = ""
) -> PublicationPhoto:
    """Blur `boxes` into a new encrypted copy of `evidence`; a changed copy needs approval again."""
    if evidence.content_type not in PUBLISHABLE_TYPES:
        raise ValueError("only JPEG, PNG and WebP photos can be published")
    if len(boxes) > MAX_BOXES:
        raise ValueError(f"at most {MAX_BOXES} boxes per photo")
    blurred, width, height = blur_boxes(read_evidence(evidence), boxes)
    name = f"publication/{secrets.token_hex(16)}.jpg.enc"
    target = Path(settings.DATA_DIR) / name
    _photo_dir()
    temporary = target.with_name(f".{target.name}.{os.getpid()}")
    temporary.write_bytes(encrypt(blurred))
    os.replace(temporary, target)
    photo, _created = PublicationPhoto.objects.get_or_create(evidence=evidence)
    old = photo.storage_name
    photo.boxes = [b.as_dict() for b in boxes]
    photo.storage_name = name
    photo.sha256 = hashlib.sha256(blurred).hexdigest()
    photo.width, photo.height = width, height
    photo.caption = " ".join(caption.split())[:300]
    photo.approved_at = None
    photo.approved_by = None
    photo.save()
    if old and old != name:
        (Path(settings.DATA_DIR) / old).unlink(missing_ok=True)
    audit(actor, "case.photo.blur", evidence.report, evidence=evidence.pk, boxes=len(boxes))
    return photo


def approve_photo(photo: PublicationPhoto, actor: Any, *, approved: bool = True) -> PublicationPhoto:
    """Approve (or withdraw) the blurred copy for publication."""
    if approved and not photo.storage_name:
        raise ValueError("mark the faces and plates and make the blurred copy first")
    photo.approved_at = timezone.now() if approved else None
    photo.approved_by = actor if approved and getattr(actor, "is_authenticated", False) else None
    photo.save(update_fields=["approved_at", "approved_by", "updated_at"])
    action = "case.photo.approve" if approved else "case.photo.withdraw"
    audit(actor, action, photo.evidence.report, evidence=photo.evidence_id)
    return photo


def read_blurred(photo: PublicationPhoto) -> bytes:
    return decrypt((Path(settings.DATA_DIR) / photo.storage_name).read_bytes())
