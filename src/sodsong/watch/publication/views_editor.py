"""The redaction editor in the staff area: original and redacted side by side, add and remove
redactions, approve, publish. Every form works without JavaScript; a small script (shipped with
the site) fills the offsets from a text selection."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sodsong.privacy import KINDS, Finding, Redaction
from sodsong.thai.digits import to_arabic_digits
from sodsong.watch.codes import normalise_case_code
from sodsong.watch.models import PUBLIC_FIELDS, EditConflict, Publication, PublishRefused, Report, Status
from sodsong.watch.publication import editing, publishing
from sodsong.watch.publication.photos import PUBLISHABLE_TYPES
from sodsong.watch.publication.views_photos import photo_rows
from sodsong.web.staff import Role, staff_required

__all__ = ["approve", "edit", "editor", "kind_labels", "publish", "queue"]


def kind_labels() -> dict[str, str]:
    return {
        "citizen_id": _("citizen id"),
        "phone": _("phone number"),
        "email": _("e-mail"),
        "bank_account": _("bank account"),
        "line_id": _("LINE id"),
        "plate": _("vehicle plate"),
        "person_name": _("person's name"),
    }


def field_labels() -> dict[str, str]:
    return {"title": _("Public title"), "agency": _("Agency"), "what_happened": _("What happened")}


def _report(code: str) -> Report:
    return get_object_or_404(
        Report.objects.exclude(status=Status.DRAFT), code=normalise_case_code(code) or "-"
    )


def _back(report: Report, anchor: str = "") -> HttpResponseRedirect:
    url = reverse("watch:cases:editor", args=[report.code])
    return HttpResponseRedirect(f"{url}#{anchor}" if anchor else url)


def _int(value: str | None, name: str) -> int:
    raw = to_arabic_digits(value or "").strip()
    if not raw.lstrip("-").isdecimal():
        raise ValueError(f"{name}: expected a whole number, got {raw or 'nothing'!r}")
    return int(raw)


def _segments(original: str, findings: tuple[Finding, ...], labels: dict[str, str]) -> list[dict[str, Any]]:
    """The original text in pieces, the found ones marked with their kind."""
    pieces: list[dict[str, Any]] = []
    position = 0
    for index, finding in enumerate(findings):
        if finding.start > position:
            pieces.append({"text": original[position : finding.start]})
        pieces.append(
            {"text": finding.text, "kind": finding.kind, "label": labels[finding.kind], "index": index}
        )
        position = finding.end
    if position < len(original):
        pieces.append({"text": original[position:]})
    return pieces


def _redacted_segments(redaction: Redaction, labels: dict[str, str]) -> list[dict[str, Any]]:
    pieces: list[dict[str, Any]] = []
    position = 0
    for index, ((start, end), finding) in enumerate(zip(redaction.spans(), redaction.findings, strict=True)):
        if start > position:
            pieces.append({"text": redaction.text[position:start]})
        pieces.append(
            {
                "text": redaction.text[start:end],
                "kind": finding.kind,
                "label": labels[finding.kind],
                "index": index,
            }
        )
        position = end
    if position < len(redaction.text):
        pieces.append({"text": redaction.text[position:]})
    return pieces


@staff_required(Role.EDITOR)
def queue(request: HttpRequest) -> HttpResponse:
    """Cases an editor may prepare for publication, newest first."""
    rows = Report.objects.exclude(status=Status.DRAFT).select_related("publication").order_by("-created_at")
    wanted = normalise_case_code(request.GET.get("code", ""))
    if request.GET.get("code") and wanted:
        rows = rows.filter(code=wanted)
    items = []
    for report in rows[:200]:
        publication = getattr(report, "publication", None)
        items.append({"report": report, "publication": publication})
    return render(
        request, "watch/publication/queue.html", {"items": items, "code": request.GET.get("code", "")}
    )


@staff_required(Role.EDITOR)
def editor(request: HttpRequest, code: str) -> HttpResponse:
    report = _report(code)
    publication = editing.publication_for(report)
    labels = kind_labels()
    names = field_labels()
    auto = editing.auto_redactions(publication)
    drafts = editing.draft_redactions(publication)
    fields = []
    for name in PUBLIC_FIELDS:
        fields.append(
            {
                "name": name,
                "label": names[name],
                "original": _segments(drafts[name].original, auto[name].findings, labels),
                "draft_original": _segments(drafts[name].original, drafts[name].findings, labels),
                "redacted": _redacted_segments(drafts[name], labels),
                "findings": [(i, f, labels[f.kind]) for i, f in enumerate(drafts[name].findings)],
                "auto_count": len(auto[name].findings),
                "editable": name in editing.EDITABLE_SOURCES,
                "source": drafts[name].original,
            }
        )
    context = {
        "report": report,
        "publication": publication,
        "fields": fields,
        "kinds": [(k, labels[k]) for k in KINDS],
        "field_choices": [(n, names[n]) for n in PUBLIC_FIELDS],
        "names": editing.name_check(publication),
        "stale": editing.is_stale(publication),
        "refusal": _refusal_message(refused) if (refused := publishing.refusal_reason(report)) else None,
        "photos": photo_rows(report),
        "photo_types": PUBLISHABLE_TYPES,
    }
    return render(request, "watch/publication/editor.html", context)


def _refuse(request: HttpRequest, error: Exception) -> None:
    if isinstance(error, EditConflict):
        messages.error(
            request,
            _(
                "Someone else changed this case while you were editing. Your change was not saved: check the page as it is now and try again."
            ),
        )
    elif isinstance(error, PublishRefused):
        messages.error(request, _refusal_message(error))
    else:
        messages.error(request, _("Not saved: %(error)s") % {"error": error})


def _refusal_message(error: PublishRefused) -> str:
    texts = {
        "already_published": _("This case is already published."),
        "draft": _("An unfinished report cannot be published."),
        "closed": _("A closed case cannot be published; publish cases before closing them."),
        "no_consent": _("The reporter did not agree to publication: this case cannot be published."),
        "not_approved": _(
            "There is no approved redacted version: redact the case and approve it before publishing."
        ),
        "no_title": _("Write a short public title before approving."),
        "no_text": _("The case has no text to publish."),
        "names_someone": _(
            "This version shows a person's name. Redact it again, or tick the decision to name an official publicly and give the reason."
        ),
        "no_naming_reason": _("Naming an official publicly needs a reason."),
    }
    return texts.get(error.code, str(error))


@staff_required(Role.EDITOR)
@require_POST
def edit(request: HttpRequest, code: str) -> HttpResponse:
    """One change to the draft: add a span or a phrase, remove a redaction, rewrite the title."""
    report = _report(code)
    publication = editing.publication_for(report)
    post = request.POST
    action = post.get("action", "")
    field = post.get("field", "")
    try:
        version = _int(post.get("version"), "version")
        if action == "add_span":
            editing.add_span(
                publication, field, post.get("kind", ""), _int(post.get("start"), "start"), _int(post.get("end"), "end"),
                expected_version=version,
            )  # fmt: skip
            messages.success(request, _("Redaction added."))
        elif action == "add_phrase":
            _pub, added = editing.add_phrase(
                publication, field, post.get("kind", ""), post.get("phrase", ""), expected_version=version
            )
            messages.success(request, _("%(n)s redactions added.") % {"n": added})
        elif action == "remove":
            editing.remove(publication, field, _int(post.get("index"), "index"), expected_version=version)
            messages.success(request, _("Redaction removed: that text will be shown."))
        elif action == "reset":
            editing.reset_field(publication, field, expected_version=version)
            messages.success(request, _("Started again from the automatic redaction."))
        elif action == "take_new_text":
            editing.take_new_text(publication, expected_version=version)
            messages.success(request, _("Started again from the report's current text."))
        elif action == "source":
            editing.set_source(publication, field, post.get("text", ""), expected_version=version)
            messages.success(request, _("Saved."))
        else:
            raise ValueError(f"unknown action {action!r}")
    except (ValueError, IndexError, EditConflict) as error:
        _refuse(request, error)
    return _back(report, f"field-{field}" if field in PUBLIC_FIELDS else "")


@staff_required(Role.EDITOR)
@require_POST
def approve(request: HttpRequest, code: str) -> HttpResponse:
    report = _report(code)
    publication: Publication = editing.publication_for(report)
    try:
        editing.approve(
            publication,
            request.user,
            expected_version=_int(request.POST.get("version"), "version"),
            name_official=request.POST.get("name_official") == "on",
            reason=request.POST.get("reason", ""),
        )
        messages.success(request, _("Approved: this redacted version is what the public will see."))
    except (ValueError, EditConflict) as error:
        _refuse(request, error)
    return _back(report, "approve")


@staff_required(Role.EDITOR)
@require_POST
def publish(request: HttpRequest, code: str) -> HttpResponse:
    """Publish the approved version; any status in the POST is ignored (publishing is the only change)."""
    report = _report(code)
    try:
        publishing.publish(
            report, request.user, expected_version=_int(request.POST.get("version"), "version")
        )
    except (ValueError, EditConflict) as error:
        _refuse(request, error)
        return _back(report, "publish")
    messages.success(request, _("Published. The public page shows the approved redacted version."))
    return HttpResponseRedirect(reverse("watch:cases:detail", args=[report.code]))
