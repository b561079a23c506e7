"""Every list as a spreadsheet: CSV (UTF-8 with BOM, so Excel shows Thai) or XLSX.

CSV is streamed row by row; XLSX is written with openpyxl's write-only mode. Dates are ISO (CE) in
CSV and real date cells in XLSX, so the files import back without ambiguity.
"""

from __future__ import annotations

import csv
import datetime
import io
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from sodsong.coalition.models import (
    Activity,
    ActivityOrganisation,
    ActivityType,
    Affiliation,
    Outcome,
    ParticipantRole,
    Participation,
    Person,
    Sector,
)
from sodsong.coalition.models import Organisation as Org

__all__ = ["Table", "export_response", "records_table", "table_for"]

Cell = str | int | float | Decimal | datetime.date | bool | None


@dataclass
class Table:
    headers: list[str]
    rows: Iterable[list[Cell]]


def _label(choices: type[Any], value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


def activities_table(qs: QuerySet[Activity]) -> Table:
    qs = qs.select_related("strategy").prefetch_related(
        "issue_areas",
        Prefetch("organisation_links", ActivityOrganisation.objects.select_related("organisation")),
        "links",
    )

    def rows() -> Iterator[list[Cell]]:
        for a in qs.iterator(chunk_size=500):
            yield [
                a.pk,
                a.title,
                _label(ActivityType, a.activity_type),
                a.start_date,
                a.end_date,
                a.place,
                a.strategy.number if a.strategy else None,
                "; ".join(i.name for i in a.issue_areas.all()),
                "; ".join(link.organisation.name_th for link in a.organisation_links.all()),
                a.participations.count(),
                a.reach,
                _yes(a.is_public),
                _yes(a.highlight),
                a.outputs,
                a.description,
                "; ".join(link.url for link in a.links.all()),
            ]

    return Table(
        [
            _("id"),
            _("title"),
            _("type"),
            _("date"),
            _("until"),
            _("place"),
            _("strategy"),
            _("issue areas"),
            _("organisations"),
            _("participants"),
            _("reported reach"),
            _("public"),
            _("highlight"),
            _("outputs"),
            _("description"),
            _("links"),
        ],
        rows(),
    )


def partners_table(qs: QuerySet[Org], *, contacts: bool) -> Table:
    qs = qs.prefetch_related("contacts")

    def rows() -> Iterator[list[Cell]]:
        for o in qs.iterator(chunk_size=500):
            row: list[Cell] = [
                o.pk,
                o.name_th,
                o.name_en,
                o.short_name,
                _label(Sector, o.sector),
                o.website,
                _yes(o.is_public),
                _yes(o.is_programme_team),
                getattr(o, "activity_count", None),
                getattr(o, "first_activity", None),
                getattr(o, "last_activity", None),
            ]
            if contacts:
                row.append("; ".join(f"{c.name} {c.email} {c.phone}".strip() for c in o.contacts.all()))
            yield row

    headers = [
        _("id"),
        _("name (Thai)"),
        _("name (English)"),
        _("short name"),
        _("sector"),
        _("website"),
        _("listed publicly"),
        _("programme team"),
        _("activities"),
        _("first activity"),
        _("last activity"),
    ]
    if contacts:
        headers.append(_("contacts"))
    return Table(headers, rows())


def people_table(qs: QuerySet[Person], *, contacts: bool) -> Table:
    qs = qs.prefetch_related(Prefetch("affiliations", Affiliation.objects.select_related("organisation")))

    def rows() -> Iterator[list[Cell]]:
        for p in qs.iterator(chunk_size=500):
            row: list[Cell] = [p.pk, p.title, p.name_th, p.name_en]
            if contacts:
                row += [p.email, p.phone]
            row += [
                "; ".join(a.organisation.name_th for a in p.affiliations.all()),
                p.participations.count(),
            ]
            yield row

    headers = [_("id"), _("title"), _("name (Thai)"), _("name (English)")]
    if contacts:
        headers += [_("email"), _("phone")]
    headers += [_("organisations"), _("activities")]
    return Table(headers, rows())


def participations_table(qs: QuerySet[Participation]) -> Table:
    qs = qs.select_related("activity", "person", "organisation").order_by("activity__start_date", "id")

    def rows() -> Iterator[list[Cell]]:
        for p in qs.iterator(chunk_size=1000):
            yield [
                p.activity_id,
                p.activity.title,
                p.activity.start_date,
                p.person_id,
                p.person.full_name,
                _label(ParticipantRole, p.role),
                p.organisation.name_th if p.organisation else "",
            ]

    return Table(
        [_("activity id"), _("activity"), _("date"), _("person id"), _("name"), _("role"), _("organisation")],
        rows(),
    )


def outcomes_table(qs: QuerySet[Outcome]) -> Table:
    qs = qs.select_related("strategy").prefetch_related("issue_areas", "partners")

    def rows() -> Iterator[list[Cell]]:
        for o in qs.iterator(chunk_size=500):
            yield [
                o.pk,
                o.title,
                o.social_actor,
                o.changed_on,
                o.strategy.number if o.strategy else None,
                "; ".join(i.name for i in o.issue_areas.all()),
                "; ".join(p.name_th for p in o.partners.all()),
                o.description,
                o.contribution,
                o.evidence,
                o.significance,
                o.get_significance_level_display(),
                o.watch_case_code,
                o.procurement_flag_ref,
                _yes(o.is_public),
            ]

    return Table(
        [
            _("id"),
            _("what changed (short)"),
            _("for whom"),
            _("when"),
            _("strategy"),
            _("issue areas"),
            _("partners"),
            _("what changed"),
            _("how the programme contributed"),
            _("evidence"),
            _("why it matters"),
            _("significance"),
            _("watch case"),
            _("procurement flag"),
            _("public"),
        ],
        rows(),
    )


def indicators_table(rows: list[Any]) -> Table:
    """KPIs of one period: baseline, target and the actual (computed, or typed in for manual ones)."""

    def cells() -> Iterator[list[Cell]]:
        for row in rows:
            indicator = row.indicator
            yield [
                indicator.code,
                indicator.name,
                indicator.get_metric_display(),
                indicator.strategy.number if indicator.strategy else None,
                indicator.issue_area.number if indicator.issue_area else None,
                _label(Sector, indicator.sector) if indicator.sector else "",
                row.period.code,
                row.baseline,
                row.target,
                row.actual,
                _("computed") if row.computed else _("typed in"),
            ]

    return Table(
        [
            _("code"),
            _("indicator"),
            _("counts"),
            _("strategy"),
            _("issue area"),
            _("sector"),
            _("period"),
            _("baseline"),
            _("target"),
            _("actual"),
            _("source"),
        ],
        cells(),
    )


def records_table(subject: str, qs: QuerySet[Any], *, contacts: bool) -> Table:
    """The table for a drill-down's records, by what they are."""
    builders: dict[str, Callable[[], Table]] = {
        "activity": lambda: activities_table(qs),
        "organisation": lambda: partners_table(qs, contacts=contacts),
        "person": lambda: people_table(qs, contacts=contacts),
        "participation": lambda: participations_table(qs),
        "outcome": lambda: outcomes_table(qs),
    }
    return builders[subject]()


def table_for(name: str, qs: QuerySet[Any], *, contacts: bool) -> Table:
    subjects = {
        "activities": "activity",
        "partners": "organisation",
        "people": "person",
        "participations": "participation",
        "outcomes": "outcome",
    }
    return records_table(subjects[name], qs, contacts=contacts)


def _csv_value(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(table: Table) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(table.headers)
    for row in table.rows:
        yield writer.writerow([_csv_value(v) for v in row])


def write_xlsx(table: Table, target: Any) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("data")
    bold = Font(bold=True)
    header = []
    for text in table.headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        sheet.append([v if not isinstance(v, Decimal) else float(v) for v in row])
    workbook.save(target)


def export_response(
    table: Table, basename: str, fmt: str
) -> HttpResponse | StreamingHttpResponse | FileResponse:
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_lines(table), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{basename}.csv"'
        return response
    if fmt == "xlsx":
        spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - FileResponse closes it
        write_xlsx(table, spool)
        spool.seek(0)
        return FileResponse(
            spool,
            as_attachment=True,
            filename=f"{basename}.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    raise ValueError(f"unknown export format {fmt!r} (csv or xlsx)")


def csv_text(table: Table) -> str:
    """The CSV as one string (for the CLI and tests)."""
    buffer = io.StringIO()
    for line in _csv_lines(table):
        buffer.write(line)
    return buffer.getvalue()
