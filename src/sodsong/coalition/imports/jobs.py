"""An import from upload to commit, kept in an `ImportJob` between the steps."""

from __future__ import annotations

import itertools
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sodsong.coalition.imports.columns import FIELDS, find_header_row, missing_required, suggest_mapping
from sodsong.coalition.imports.commit import write_activities, write_participants
from sodsong.coalition.imports.reader import FileProblem, as_text, open_sheet
from sodsong.coalition.imports.rows import CheckResult, Context, check_rows
from sodsong.coalition.models import Activity, ImportJob, ImportStatus, Sector

__all__ = ["ImportRefused", "check_job", "commit_job", "import_dir", "start_job"]

HEADER_SCAN_ROWS = 20
PREVIEW_ROWS = 10


class ImportRefused(Exception):
    """Commit refused: the file has errors, required columns are missing, or the data changed."""


def import_dir() -> Path:
    path = Path(settings.DATA_DIR) / "coalition" / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def job_path(job: ImportJob) -> Path:
    return import_dir() / job.stored_name


def _inspect(job: ImportJob) -> None:
    """Find the header row, suggest a mapping, keep a preview."""
    sheet = open_sheet(job_path(job), label=job.original_name)
    head = list(itertools.islice(sheet.rows(), HEADER_SCAN_ROWS + PREVIEW_ROWS))
    job.header_row, job.headers = find_header_row(head[:HEADER_SCAN_ROWS], job.kind)
    job.mapping = suggest_mapping(job.headers, job.kind)
    job.report = {
        "preview": [[as_text(v) for v in values] for number, values in head if number > job.header_row][
            :PREVIEW_ROWS
        ],
        "sheet": sheet.name,
        "sheets": sheet.sheet_names,
    }


def start_job(
    *,
    kind: str,
    path: Path | None = None,
    upload: UploadedFile | None = None,
    original_name: str = "",
    activity: Activity | None = None,
    user: Any = None,
    owner_organisation_id: int | None = None,
) -> ImportJob:
    """Store the file (an upload, or a path for the CLI) and inspect it. FileProblem if unreadable."""
    name = original_name or (upload.name if upload is not None else path.name if path else "upload")
    suffix = Path(str(name)).suffix.lower()
    stored = f"{uuid.uuid4().hex}{suffix}"
    target = import_dir() / stored
    if upload is not None:
        with target.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
    elif path is not None:
        target.write_bytes(path.read_bytes())
    job = ImportJob(
        kind=kind,
        original_name=str(name),
        stored_name=stored,
        activity=activity,
        created_by=user if user is not None and user.is_authenticated else None,
        owner_organisation_id=owner_organisation_id,
    )
    try:
        _inspect(job)
    except FileProblem:
        target.unlink(missing_ok=True)
        raise
    job.save()
    return job


def _context(job: ImportJob) -> Context:
    options = job.options or {}
    allowed = None
    if job.owner_organisation_id is not None:
        allowed = set(
            Activity.objects.filter(owner_organisation_id=job.owner_organisation_id).values_list(
                "pk", flat=True
            )
        )
    sector = options.get("create_organisations_sector") or ""
    return Context.load(
        job.kind,
        {k: int(v) for k, v in job.mapping.items()},
        list(job.headers),
        default_activity_id=job.activity_id,
        create_organisations_sector=sector if sector in Sector.values else "",
        skip_duplicates=bool(options.get("skip_duplicates")),
        owner_organisation_id=job.owner_organisation_id,
        allowed_activity_ids=allowed,
    )


def _check(job: ImportJob) -> tuple[CheckResult, Context, list[str]]:
    context = _context(job)
    missing = [str(f.label) for f in missing_required(job.kind, context.mapping)]
    if missing:
        return CheckResult(), context, missing
    sheet = open_sheet(job_path(job), label=job.original_name)
    return check_rows(context, sheet.rows(), job.header_row), context, missing


def check_job(job: ImportJob) -> CheckResult:
    """Check every row and keep the findings on the job (the preview page shows them)."""
    try:
        result, _unused, missing = _check(job)
    except FileProblem as exc:
        job.report = {**job.report, "file_problem": str(exc)}
        job.error_count = 1
        job.save()
        raise
    job.row_count = result.total_rows
    job.error_count = result.error_count + len(missing)
    job.status = ImportStatus.CHECKED
    job.report = {
        **{k: v for k, v in job.report.items() if k in ("preview", "sheet", "sheets")},
        "missing": missing,
        "total_rows": result.total_rows,
        "blank_rows": result.blank_rows,
        "records": len(result.records),
        "error_count": result.error_count,
        "errors": [e.as_dict() for e in result.errors],
        "duplicate_count": len(result.duplicates),
        "duplicates": [e.as_dict() for e in result.duplicates[:1000]],
        "new_organisations": sorted(result.new_organisations.values()),
        "new_people": result.new_people,
        "existing_people": result.existing_people,
    }
    job.save()
    return result


def commit_job(job: ImportJob) -> dict[str, Any]:
    """Check again, then write every row in one transaction, or nothing (ImportRefused says why)."""
    if job.status == ImportStatus.COMMITTED:
        raise ImportRefused(_("This file was already imported."))
    result = check_job(job)
    if job.report.get("missing"):
        raise ImportRefused(
            _("Required columns are not mapped: %(columns)s.") % {"columns": ", ".join(job.report["missing"])}
        )
    if result.error_count:
        raise ImportRefused(
            _("%(count)s rows have errors; nothing was imported. Fix the file and upload it again.")
            % {"count": result.error_count}
        )
    if result.duplicates and not (job.options or {}).get("skip_duplicates"):
        raise ImportRefused(
            _(
                "%(count)s rows repeat other rows or existing records; nothing was imported. "
                "Remove them, or choose to skip them."
            )
            % {"count": len(result.duplicates)}
        )
    if not result.records:
        raise ImportRefused(_("The file has no rows to import."))
    context = _context(job)
    source = f"import {job.pk}"
    try:
        with transaction.atomic():
            if job.kind == "participants":
                written = write_participants(result, context, source)
            else:
                written = write_activities(result, context, source, job.created_by_id)
            job.status = ImportStatus.COMMITTED
            job.committed_at = timezone.now()
            job.report = {
                **job.report,
                "written": {k: v for k, v in written.items() if not k.endswith("_ids")},
            }
            job.save()
    except IntegrityError:
        raise ImportRefused(
            _("The records changed while importing; nothing was imported. Check the file again.")
        ) from None
    # The uploaded file held personal data; the records now hold what is needed.
    job_path(job).unlink(missing_ok=True)
    if job.kind == "participants" and written.get("new_person_ids"):
        from sodsong.coalition.dedupe import compute_suggestions
        from sodsong.coalition.models import Person

        compute_suggestions(Person.objects.filter(pk__in=written["new_person_ids"]))
    return written


def field_choices(kind: str) -> list[tuple[str, str, bool]]:
    """(field name, label, required) for the mapping form."""
    return [(f.name, str(f.label), f.required) for f in FIELDS[kind]]
