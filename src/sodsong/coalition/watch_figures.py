"""The watch part's figures for the half-year report (LINE users, reports received, published).

The coalition part only reads them. When the watch tables do not exist (the watch part is not
installed or not migrated), every figure is "not available" (None), never 0.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.db import DatabaseError, connection
from django.db.models import Model

__all__ = ["WatchFigures", "watch_figures"]


@dataclass(frozen=True)
class WatchFigures:
    """Cumulative counts up to and including `as_of` (the seed article reports running totals)."""

    as_of: datetime.date
    line_users: int | None
    reports_received: int | None
    reports_published: int | None

    @property
    def available(self) -> bool:
        return any(v is not None for v in (self.line_users, self.reports_received, self.reports_published))


def _model(name: str) -> type[Model] | None:
    """A watch model whose table exists in this database, or None."""
    try:
        model = apps.get_model("watch", name)
    except LookupError:
        return None
    try:
        tables = connection.introspection.table_names()
    except DatabaseError:  # pragma: no cover - a database that cannot list tables
        return None
    return model if model._meta.db_table in tables else None


def _count(model_name: str, date_field: str, as_of: datetime.date, **filters: object) -> int | None:
    model = _model(model_name)
    if model is None:
        return None
    try:
        return int(model._default_manager.filter(**{f"{date_field}__date__lte": as_of}, **filters).count())
    except DatabaseError:  # pragma: no cover - schema drift between the parts
        return None


def watch_figures(as_of: datetime.date) -> WatchFigures:
    """The running totals of the watch part at the end of `as_of` (None where not available)."""
    return WatchFigures(
        as_of=as_of,
        line_users=_count("Reporter", "created_at", as_of, channel="line"),
        # Examples seeded by the demo are not reports anyone made.
        reports_received=_count("Report", "submitted_at", as_of, is_example=False),
        reports_published=_count("Report", "published_at", as_of, is_example=False),
    )
