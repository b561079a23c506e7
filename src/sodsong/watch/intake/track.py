"""`/track/`: anyone with a case code sees its public status and the team's messages, and can
add information or evidence. The code is the secret, so wrong guesses are rate-limited."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sodsong.watch.codes import normalise_case_code
from sodsong.watch.conversation import texts
from sodsong.watch.conversation.parsing import MAX_TEXT, clean_text
from sodsong.watch.evidence import EvidenceRejected, max_evidence_bytes, store_evidence
from sodsong.watch.intake.common import MAX_FILES
from sodsong.watch.models import EventKind, Report, Status

TRACK = "watch_track_code"
FLASH = "watch_track_flash"
MAX_MISSES = 10  # wrong codes per hour and session
MAX_MISSES_PER_ADDRESS = 30  # per client address (many people can share one)
WINDOW = 3600


def _client(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def _too_many(request: HttpRequest) -> bool:
    by_address = int(cache.get(f"watch:track:{_client(request)}", 0))
    by_session = int(request.session.get("watch_track_misses", 0))
    return by_address >= MAX_MISSES_PER_ADDRESS or by_session >= MAX_MISSES


def _miss(request: HttpRequest) -> None:
    key = f"watch:track:{_client(request)}"
    cache.add(key, 0, WINDOW)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW)
    request.session["watch_track_misses"] = int(request.session.get("watch_track_misses", 0)) + 1


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    error = ""
    typed = request.GET.get("code", "")[:40]
    if request.method == "POST":
        typed = request.POST.get("code", "")[:40]
        if _too_many(request):
            error = _("Too many codes that were not found. Please wait an hour and try again.")
        else:
            code = normalise_case_code(typed)
            report = Report.objects.exclude(status=Status.DRAFT).filter(code=code).first() if code else None
            if report is not None:
                request.session[TRACK] = report.code
                return redirect("watch:track_case")
            _miss(request)
            error = (
                _("We found no report with this code. Please check it: 8 letters and digits.")
                if code
                else _("A case code has 8 letters and digits, e.g. ACDE 3479.")
            )
    return render(
        request, "watch/intake/track.html", {"typed": typed, "error": error}, status=400 if error else 200
    )


def _timeline(report: Report) -> list[dict[str, Any]]:
    events = report.events.filter(Q(public=True) | Q(kind=EventKind.MESSAGE_OUT)).order_by("at", "pk")
    rows = []
    for event in events:
        if event.kind == EventKind.MESSAGE_OUT:
            rows.append({"at": event.at, "message": event.note, "title": _("Message from the case team")})
        elif event.kind in (EventKind.STATUS, EventKind.SUBMITTED) and event.to_status in Status.values:
            rows.append({"at": event.at, "title": Status(event.to_status).label, "note": event.note})
        else:
            rows.append({"at": event.at, "title": EventKind(event.kind).label, "note": event.note})
    return rows


@require_http_methods(["GET", "POST"])
def track_case(request: HttpRequest) -> HttpResponse:
    code = request.session.get(TRACK)
    report = (
        Report.objects.exclude(status=Status.DRAFT).filter(code=code).first()
        if isinstance(code, str)
        else None
    )
    if report is None:
        return redirect("watch:track")
    if request.method == "POST":
        if request.POST.get("action") == "data_request":
            request.session[FLASH] = _data_request(request, report)
        else:
            request.session[FLASH] = _add_information(request, report)
        return redirect("watch:track_case")
    return render(
        request,
        "watch/intake/track_case.html",
        {
            "report": report,
            "spaced": texts.format_code(report.code),
            "status": Status(report.status).label,
            "timeline": _timeline(report),
            "flash": request.session.pop(FLASH, []),
            "open": report.status != Status.CLOSED,
            "max_files": MAX_FILES,
        },
    )


def _add_information(request: HttpRequest, report: Report) -> list[str]:
    """Text as a message on the case, files as evidence; what happened, in plain words."""
    said: list[str] = []
    if report.status == Status.CLOSED:
        return [str(_("This report is closed; it cannot take new information."))]
    text = clean_text(request.POST.get("text", ""))
    if len(text) > MAX_TEXT:
        return [str(_("The message is too long; please keep it under 10,000 characters."))]
    if text:
        report.record(EventKind.MESSAGE_IN, note=text)
        said.append(str(_("Thank you, your message was added to the report.")))
    for file in request.FILES.getlist("files")[:MAX_FILES]:
        try:
            store_evidence(report, file.read(max_evidence_bytes() + 1), original_name=file.name or "")
        except EvidenceRejected as rejected:
            said.append(
                str(_("{name}: not kept, {problem}.")).format(
                    name=(file.name or "")[:80], problem=texts.evidence_problem(rejected.code)
                )
            )
        else:
            said.append(str(_("{name}: added.")).format(name=(file.name or "")[:80]))
    return said or [str(_("Nothing was sent: write a message or choose a file."))]


def _data_request(request: HttpRequest, report: Report) -> list[str]:
    """A copy or the deletion of the reporter's data (PDPA), proved by the contact they gave us.

    The case code alone is not proof enough: anyone may have seen it. Custodians carry out the
    request; refusals are logged by the case work.
    """
    from sodsong.watch.casework.subject_requests import NotVerified, open_request

    kind = request.POST.get("kind", "")
    if kind not in ("export", "delete"):
        return [str(_("Choose whether you want a copy or the deletion of your data."))]
    contact = clean_text(request.POST.get("contact", ""))[:200]
    if not contact:
        return [str(_("Write the phone number or e-mail you gave us with the report."))]
    try:
        open_request(report.code, kind, contact=contact)
    except NotVerified as refused:
        return [str(refused)]
    return [str(_("Your request was recorded. Our team will answer on this page."))]
