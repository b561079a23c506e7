"""Staff screen: company name-match suggestions, each confirmed or rejected by a person."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sodsong.procurement.models import NameMatchDecision
from sodsong.web.staff import Role, staff_required

__all__ = ["decide", "name_matches"]

ROLES = (Role.EDITOR, Role.ADMIN)
PAGE = 200


def _suggestions() -> list[dict[str, Any]]:
    from sodsong.procurement import warehouse

    with warehouse.open() as con:
        rows = con.execute(
            """
            SELECT m.match_id, m.subject_id, m.subject_name, m.candidate_id, m.candidate_name, c.juristic_id,
                   m.match_key, m.awards
            FROM name_match m LEFT JOIN organisation c ON c.org_id = m.candidate_id
            ORDER BY m.awards DESC, m.subject_name, m.candidate_id
            LIMIT ?
            """,
            [PAGE * 5],
        ).fetchall()
    names = (
        "match_id",
        "subject_id",
        "subject_name",
        "candidate_id",
        "candidate_name",
        "juristic_id",
        "key",
        "awards",
    )
    return [dict(zip(names, row, strict=True)) for row in rows]


@staff_required(*ROLES)
def name_matches(request: HttpRequest) -> HttpResponse:
    """Pending suggestions first, then the decided ones with who decided."""
    suggestions = _suggestions()
    decisions = {
        d.match_id: d
        for d in NameMatchDecision.objects.filter(match_id__in=[s["match_id"] for s in suggestions])
    }
    for suggestion in suggestions:
        suggestion["decision"] = decisions.get(suggestion["match_id"])
    pending = [s for s in suggestions if s["decision"] is None][:PAGE]
    decided = [s for s in suggestions if s["decision"] is not None][:PAGE]
    return render(request, "procurement/staff_name_matches.html", {"pending": pending, "decided": decided})


@staff_required(*ROLES)
@require_POST
def decide(request: HttpRequest) -> HttpResponse:
    """Record one decision (confirm, reject, or undo to pending)."""
    match_id = request.POST.get("match_id", "")
    decision = request.POST.get("decision", "")
    suggestion = next((s for s in _suggestions() if s["match_id"] == match_id), None)
    if suggestion is None or decision not in ("confirmed", "rejected", "undo"):
        return HttpResponseBadRequest("unknown suggestion or decision")
    if decision == "undo":
        NameMatchDecision.objects.filter(match_id=match_id).delete()
    else:
        NameMatchDecision.objects.update_or_create(
            match_id=match_id,
            defaults={
                "subject_id": suggestion["subject_id"],
                "candidate_id": suggestion["candidate_id"],
                "decision": decision,
                "decided_by": request.user if request.user.is_authenticated else None,
            },
        )
    return redirect("procurement:name_matches")
