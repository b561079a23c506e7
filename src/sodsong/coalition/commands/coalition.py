"""`sodsong coalition`: the half-year report, spreadsheet imports, duplicate suggestions, KPIs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sodsong.cli import CommandError

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("coalition", help="coalition: half-year report, imports, duplicates, KPIs")
    commands = parser.add_subparsers(title="coalition commands", metavar="COMMAND")
    parser.set_defaults(handler=lambda args: parser.print_help() or 0)

    report = commands.add_parser("report", help="write the half-year report (HTML or PDF)")
    report.add_argument("--period", required=True, help="e.g. 2566H1 (first half of BE 2566), 2566H2, 2566")
    report.add_argument("--format", choices=["html", "pdf"], default="html")
    report.add_argument("--output", type=Path, help="file to write (default: coalition-report-PERIOD.FORMAT)")
    report.add_argument("--language", choices=["th", "en"], default="th")
    report.set_defaults(handler=_report)

    imports = commands.add_parser("import", help="import participants or activities from a CSV/XLSX file")
    imports.add_argument("kind", choices=["participants", "activities"])
    imports.add_argument("file", type=Path)
    imports.add_argument("--activity", type=int, help="activity id the participants attended")
    imports.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="map a field to a column by header text or 1-based number (overrides the suggestion)",
    )
    imports.add_argument(
        "--create-organisations",
        metavar="SECTOR",
        default="",
        help="add unknown organisations with this sector",
    )
    imports.add_argument(
        "--skip-duplicates", action="store_true", help="skip rows that repeat others (listed)"
    )
    imports.add_argument("--commit", action="store_true", help="write the rows (default: check only)")
    imports.set_defaults(handler=_import)

    merges = commands.add_parser(
        "suggest-merges", help="look for people recorded twice (staff confirm merges)"
    )
    merges.set_defaults(handler=_suggest)

    kpis = commands.add_parser("kpis", help="print the KPIs of a period with baseline, target and actual")
    kpis.add_argument("--period", required=True)
    kpis.set_defaults(handler=_kpis)


def _period(text: str):  # type: ignore[no-untyped-def]
    from sodsong.coalition.periods import PeriodError, parse_period

    try:
        return parse_period(text)
    except PeriodError as exc:
        raise CommandError(str(exc)) from None


def _report(args: argparse.Namespace) -> int:
    from django.utils import translation

    from sodsong.coalition.report.data import build_report
    from sodsong.coalition.report.html import render_report_html

    period = _period(args.period)
    output: Path = args.output or Path(f"coalition-report-{period.code}.{args.format}")
    with translation.override(args.language):
        report = build_report(period)
        if args.format == "pdf":
            from sodsong.coalition.report.pdf import render_report_pdf

            data = render_report_pdf(report)
        else:
            data = render_report_html(report).encode("utf-8")
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise CommandError(f"{output}: cannot write ({exc.strerror})") from None
    figures = ", ".join(f"{f.metric}={f.text}" for f in report.overview)
    print(f"{output} ({len(data):,} bytes) {period.code}: {figures}", file=sys.stderr)
    return 0


def _mapping(job_headers: list[str], specs: list[str], kind: str) -> dict[str, int]:
    from sodsong.coalition.imports.columns import FIELDS

    names = {f.name for f in FIELDS[kind]}
    mapping: dict[str, int] = {}
    for spec in specs:
        field, _, column = spec.partition("=")
        if field not in names or not column:
            raise CommandError(
                f"--map {spec!r}: expected FIELD=COLUMN with FIELD one of {', '.join(sorted(names))}"
            )
        if column.isdecimal() and 1 <= int(column) <= len(job_headers):
            mapping[field] = int(column) - 1
        elif column in job_headers:
            mapping[field] = job_headers.index(column)
        else:
            raise CommandError(f"--map {spec!r}: no column {column!r} (columns: {', '.join(job_headers)})")
    return mapping


def _import(args: argparse.Namespace) -> int:
    import time

    from sodsong.coalition.imports.jobs import ImportRefused, check_job, commit_job, start_job
    from sodsong.coalition.imports.reader import FileProblem
    from sodsong.coalition.models import Activity, Sector

    if not args.file.is_file():
        raise CommandError(f"{args.file}: no such file")
    activity = None
    if args.activity is not None:
        activity = Activity.objects.filter(pk=args.activity).first()
        if activity is None:
            raise CommandError(f"--activity {args.activity}: no such activity")
    if args.create_organisations and args.create_organisations not in Sector.values:
        raise CommandError(f"--create-organisations: expected one of {', '.join(Sector.values)}")
    started = time.perf_counter()
    try:
        job = start_job(kind=args.kind, path=args.file, activity=activity)
        job.mapping = {**job.mapping, **_mapping(job.headers, args.map, args.kind)}
        job.options = {
            "skip_duplicates": args.skip_duplicates,
            "create_organisations_sector": args.create_organisations,
        }
        job.save()
        result = check_job(job)
    except FileProblem as exc:
        raise CommandError(str(exc)) from None
    report = job.report
    print(
        f"{args.file.name}: header row {job.header_row}, {report['total_rows']:,} rows, "
        f"{report['records']:,} ready, {report['error_count']:,} with errors, "
        f"{report['duplicate_count']:,} duplicates, {report['blank_rows']:,} blank "
        f"({time.perf_counter() - started:.1f} s)",
        file=sys.stderr,
    )
    mapped = ", ".join(f"{field}←{job.headers[index]!r}" for field, index in sorted(job.mapping.items()))
    print(f"columns: {mapped}", file=sys.stderr)
    if report.get("missing"):
        raise CommandError(
            f"required columns not mapped: {', '.join(report['missing'])} (use --map FIELD=COLUMN)"
        )
    for error in result.errors[:50]:
        print(f"{args.file.name}: {error}", file=sys.stderr)
    if result.error_count > 50:
        print(f"... and {result.error_count - 50:,} more errors", file=sys.stderr)
    for duplicate in result.duplicates[:20]:
        print(f"{args.file.name}: duplicate: {duplicate}", file=sys.stderr)
    if not args.commit:
        return 1 if result.error_count else 0
    started = time.perf_counter()
    try:
        written = commit_job(job)
    except ImportRefused as exc:
        raise CommandError(str(exc)) from None
    summary = ", ".join(f"{k}={v}" for k, v in written.items() if not k.endswith("_ids"))
    print(f"imported ({time.perf_counter() - started:.1f} s): {summary}", file=sys.stderr)
    return 0


def _suggest(args: argparse.Namespace) -> int:
    from sodsong.coalition.dedupe import compute_suggestions

    print(f"{compute_suggestions()} new suggestions to review at /coalition/staff/merges/", file=sys.stderr)
    return 0


def _kpis(args: argparse.Namespace) -> int:
    from sodsong.coalition.kpis import indicator_rows
    from sodsong.coalition.report.text import number

    period = _period(args.period)
    print(f"{'code':<18} {'baseline':>10} {'target':>10} {'actual':>15}  indicator")
    for row in indicator_rows(period):

        def cell(value: object) -> str:
            return "-" if value is None else number(float(value))  # type: ignore[arg-type]

        print(
            f"{row.indicator.code:<18} {cell(row.baseline):>10} {cell(row.target):>10} {cell(row.actual):>15}  {row.indicator.name}"
        )
    return 0
