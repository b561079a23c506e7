"""Downloads of every list, as the viewer is allowed to see it (partners never get contact data)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from sodsong.coalition.access import staff_or_partner
from sodsong.coalition.exports import export_response, indicators_table, table_for
from sodsong.coalition.kpis import indicator_rows
from sodsong.coalition.views.activities import _filtered_activities
from sodsong.coalition.views.common import scope_from, viewer
from sodsong.coalition.views.partners import directory

LISTS = ("activities", "partners", "people", "participations", "outcomes", "indicators")


@staff_or_partner
def export(request: HttpRequest, name: str, fmt: str) -> HttpResponseBase:
    if name not in LISTS or fmt not in ("csv", "xlsx"):
        raise Http404
    v = viewer(request)
    if name == "indicators":
        if not v.is_staff:
            raise PermissionDenied
        period = scope_from(request).period
        table = indicators_table(indicator_rows(period))
        return export_response(table, f"coalition-indicators-{period.code}", fmt)
    if name == "activities":
        _form, qs = _filtered_activities(request)
    elif name == "partners":
        _form, qs = directory(request, v)
    elif name == "people":
        qs = v.people().filter(merged_into__isnull=True)
    elif name == "participations":
        qs = v.participations()
    else:
        qs = v.outcomes()
    table = table_for(name, qs, contacts=v.sees_contacts)
    return export_response(table, f"coalition-{name}", fmt)
