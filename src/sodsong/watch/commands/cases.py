"""`sodsong cases list`: the cases for staff and scripts, without anyone's identity.

Prints code, created date, channel, category, status and the number of evidence files; never
contact details or reporter ids, so the output can be pasted into a ticket or a chat.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from sodsong.cli import CommandError

__all__ = ["case_rows", "register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("cases", help="watch: list citizen reports (no identities)")
    commands = parser.add_subparsers(title="cases commands", metavar="COMMAND")
    parser.set_defaults(handler=lambda args: parser.print_help() or 0)
    listing = commands.add_parser("list", help="list cases: code, created, channel, category, status, files")
    listing.add_argument("--json", action="store_true", help="print JSON (ISO dates) instead of a table")
    listing.add_argument("--status", help="only cases in this status (e.g. received, need_info, draft)")
    listing.add_argument("--all", action="store_true", help="include unfinished drafts")
    listing.add_argument("--limit", type=int, default=0, help="at most this many, newest first (default all)")
    listing.set_defaults(handler=_list)


def case_rows(*, status: str = "", include_drafts: bool = False, limit: int = 0) -> list[dict[str, Any]]:
    """One dict per case, newest first; only fields safe to show anyone on the team."""
    from sodsong.watch.models import Report, Status

    if status and status not in Status.values:
        raise CommandError(f"unknown status {status!r}; expected one of: {', '.join(Status.values)}")
    reports = Report.objects.all()
    if status:
        reports = reports.filter(status=status)
    elif not include_drafts:
        reports = reports.exclude(status=Status.DRAFT)
    reports = reports.annotate(files=Count("evidence", filter=Q(evidence__removed_at__isnull=True))).order_by(
        "-created_at", "-pk"
    )
    if limit > 0:
        reports = reports[:limit]
    return [
        {
            "code": report.code,
            "created": timezone.localtime(report.created_at),
            "channel": report.channel,
            "category": report.category,
            "status": report.status,
            "evidence_files": report.files,
            "example": report.is_example,
        }
        for report in reports.only("code", "created_at", "channel", "category", "status", "is_example")
    ]


def _list(args: argparse.Namespace) -> int:
    from sodsong.cli.progress import console
    from sodsong.thai.dates import format_thai_date

    rows = case_rows(status=args.status or "", include_drafts=args.all, limit=args.limit)
    if args.json:
        for row in rows:
            row["created"] = row["created"].isoformat()
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if not rows:
        console.print("no cases")
        return 0
    from rich.table import Table

    table = Table("code", "created", "channel", "category", "status", "files", box=None)
    for row in rows:
        created = row["created"]
        table.add_row(
            row["code"] + (" (example)" if row["example"] else ""),
            f"{format_thai_date(created.date())} {created:%H:%M}",
            row["channel"],
            row["category"] or "-",
            row["status"],
            str(row["evidence_files"]),
        )
    console.print(table)
    console.print(f"{len(rows)} case(s)")
    return 0
