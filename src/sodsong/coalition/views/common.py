"""What every coalition view shares: the viewer on the request, filters, paging."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.paginator import Page, Paginator
from django.db.models import Max, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from sodsong.coalition.access import Viewer, viewer_for
from sodsong.coalition.forms import EVIDENCE_TYPES, EvidenceForm, FilterForm
from sodsong.coalition.metrics import Scope
from sodsong.coalition.models import Activity, EvidenceFile, Outcome
from sodsong.coalition.periods import Period, current_half, parse_period, period_containing
from sodsong.thai import search_key

PAGE_SIZE = 50


def viewer(request: HttpRequest) -> Viewer:
    """Set by the guard on staff pages; computed for public pages."""
    found = getattr(request, "coalition", None)
    if isinstance(found, Viewer):
        return found
    return viewer_for(request.user)


def acting_user(request: HttpRequest) -> User:
    """The signed-in user of a guarded view (the guard has checked they are signed in)."""
    return cast(User, request.user)


def add_evidence(
    request: HttpRequest, *, activity: Activity | None = None, outcome: Outcome | None = None
) -> None:
    """Store the posted evidence file on an activity or an outcome, and say how it went."""
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("The file was not added: %(errors)s") % {"errors": form.errors.as_text()})
        return
    upload = form.cleaned_data["file"]
    EvidenceFile.objects.create(
        activity=activity,
        outcome=outcome,
        file=upload,
        title=form.cleaned_data["title"] or upload.name,
        content_type=EVIDENCE_TYPES[Path(upload.name).suffix.lower()],
        size=upload.size,
        uploaded_by=acting_user(request),
    )
    messages.success(request, _("Evidence file added."))


def page_of(request: HttpRequest, qs: QuerySet[Any], size: int = PAGE_SIZE) -> Page[Any]:
    return Paginator(qs, size).get_page(request.GET.get("page"))


def filters(request: HttpRequest) -> FilterForm:
    form = FilterForm(request.GET or None)
    form.is_valid()
    return form


def cleaned(form: FilterForm, name: str) -> Any:
    return getattr(form, "cleaned_data", {}).get(name) or None


def default_period() -> Period:
    """The half-year of the latest activity recorded (not later than today's); else the last one."""
    current = current_half()
    latest = Activity.objects.filter(start_date__lte=current.end).aggregate(latest=Max("start_date"))[
        "latest"
    ]
    return period_containing(latest) if latest else current.previous()


def scope_from(request: HttpRequest, form: FilterForm | None = None) -> Scope:
    """The scope the filter form describes; the default period when none was given or it is invalid."""
    form = form or filters(request)
    period = cleaned(form, "period")
    if period is None:
        text = request.GET.get("period", "")
        try:
            period = parse_period(text) if text else default_period()
        except ValueError:
            period = default_period()
    return Scope(
        period=period,
        strategy=cleaned(form, "strategy"),
        issue_area=cleaned(form, "issue_area"),
        sector=cleaned(form, "sector") or "",
    )


def text_search(qs: QuerySet[Any], text: str | None, *fields: str) -> QuerySet[Any]:
    """Case-folded substring search over Thai and Latin fields (Thai has no word spaces)."""
    if not text:
        return qs
    key = search_key(text)
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": key})
    return qs.filter(condition)


def query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
