"""The photo screen of the redaction editor: mark faces and plates as boxes (in percent, typed or
dragged), make the blurred copy, approve it. Only the approved blurred copy is ever public."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sodsong.thai.digits import to_arabic_digits
from sodsong.watch.codes import normalise_case_code
from sodsong.watch.evidence import read_evidence
from sodsong.watch.models import Evidence, PublicationPhoto, Report, Status
from sodsong.watch.publication.photos import (
    PUBLISHABLE_TYPES,
    Box,
    approve_photo,
    parse_box,
    prepare_photo,
    read_blurred,
)
from sodsong.web.staff import Role, staff_required

__all__ = ["photo", "photo_image", "photo_rows"]


def photo_rows(report: Report) -> list[dict[str, Any]]:
    """The case's photos with their publication state, for the editor's page."""
    rows = []
    for evidence in report.live_evidence().filter(content_type__in=PUBLISHABLE_TYPES):
        prepared = PublicationPhoto.objects.filter(evidence=evidence).first()
        rows.append({"evidence": evidence, "photo": prepared})
    return rows


def _evidence(code: str, evidence_id: int) -> Evidence:
    report = get_object_or_404(
        Report.objects.exclude(status=Status.DRAFT), code=normalise_case_code(code) or "-"
    )
    return get_object_or_404(
        report.live_evidence().filter(content_type__in=PUBLISHABLE_TYPES, purged_at__isnull=True),
        pk=evidence_id,
    )


def _size(evidence: Evidence) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(read_evidence(evidence))) as image:
        return image.size


def _boxes(photo: PublicationPhoto | None) -> list[Box]:
    return [Box(**b) for b in photo.boxes] if photo is not None else []


@staff_required(Role.EDITOR)
def photo(request: HttpRequest, code: str, evidence_id: int) -> HttpResponse:
    evidence = _evidence(code, evidence_id)
    report = evidence.report
    prepared = PublicationPhoto.objects.filter(evidence=evidence).first()
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            boxes = _boxes(prepared)
            caption = request.POST.get("caption", prepared.caption if prepared else "")
            if action == "add_box":
                prepare_photo(evidence, [*boxes, parse_box(request.POST.dict())], request.user, caption)
                messages.success(request, _("Box added and blurred."))
            elif action == "remove_box":
                index = int(to_arabic_digits(request.POST.get("index", "-1")) or -1)
                if not 0 <= index < len(boxes):
                    raise ValueError("no such box")
                del boxes[index]
                prepare_photo(evidence, boxes, request.user, caption)
                messages.success(request, _("Box removed."))
            elif action == "no_boxes":
                prepare_photo(evidence, boxes, request.user, caption)
                messages.success(request, _("Blurred copy made."))
            elif action in ("approve", "withdraw"):
                if prepared is None:
                    raise ValueError("mark the faces and plates and make the blurred copy first")
                approve_photo(prepared, request.user, approved=action == "approve")
                messages.success(
                    request,
                    _("Photo approved for publication.") if action == "approve" else _("Photo withdrawn."),
                )
            else:
                raise ValueError(f"unknown action {action!r}")
        except ValueError as error:
            messages.error(request, _("Not saved: %(error)s") % {"error": error})
        return HttpResponseRedirect(reverse("watch:cases:photo_editor", args=[report.code, evidence.pk]))
    width, height = _size(evidence)
    tall = round(100 * height / width, 3) if width else 100.0
    shapes = [
        (i, b, {"x": b["x"], "y": b["y"] * tall / 100, "w": b["w"], "h": b["h"] * tall / 100})
        for i, b in enumerate(prepared.boxes if prepared else [])
    ]
    context = {"report": report, "evidence": evidence, "photo": prepared, "boxes": shapes, "tall": tall}
    return render(request, "watch/publication/photo.html", context)


@staff_required(Role.EDITOR)
def photo_image(request: HttpRequest, code: str, evidence_id: int, which: str) -> HttpResponse:
    """The photo for the editor: the kept evidence (`original`) or the blurred copy (`blurred`)."""
    evidence = _evidence(code, evidence_id)
    if which == "original":
        data, content_type = read_evidence(evidence), evidence.content_type
    else:
        prepared = PublicationPhoto.objects.filter(evidence=evidence).exclude(storage_name="").first()
        if prepared is None:
            raise Http404("no blurred copy yet")
        data, content_type = read_blurred(prepared), "image/jpeg"
    response = HttpResponse(data, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
