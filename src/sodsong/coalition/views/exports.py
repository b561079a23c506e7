"""Downloads of every list, as the viewer is allowed to see it (partners never get contact data)."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from sodsong.coalition.access import staff_or_partner
from sodsong.coalition.exports import export_response, table_for
from sodsong.coalition.views.activities import _filtered_activities
from sodsong.coalition.views.common import viewer
from sodsong.coalition.views.partners import directory

LISTS = ("activities", "partners", "people", "participations", "outcomes")


@staff_or_partner
def export(request: HttpRequest, name: str, fmt: str) -> HttpResponseBase:
    if name not in LISTS or fmt not in ("csv", "xlsx"):
        raise Http404
    v = viewer(request)
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
