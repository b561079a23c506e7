"""`sodsong cases follow-up` and `sodsong cases retention`: the case work's scheduled jobs.

They join the `cases` command the intake lane defines (`cases list`); run them daily from cron.
"""

from __future__ import annotations

import argparse

__all__ = ["register"]


def _cases_commands(subparsers: argparse._SubParsersAction) -> argparse._SubParsersAction:
    parser = subparsers.choices.get("cases")
    if parser is None:
        parser = subparsers.add_parser("cases", help="watch: case work commands")
        parser.set_defaults(handler=lambda args: parser.print_help() or 0)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(title="cases commands", metavar="COMMAND")


def register(subparsers: argparse._SubParsersAction) -> None:
    commands = _cases_commands(subparsers)
    follow = commands.add_parser(
        "follow-up", help="ask reporters whether anything changed, N weeks after a referral"
    )
    follow.add_argument("--dry-run", action="store_true", help="list who would be asked, send nothing")
    follow.set_defaults(handler=_follow_up)
    retention = commands.add_parser(
        "retention", help="delete raw evidence and identities N days after closing (SODSONG_RETENTION_DAYS)"
    )
    retention.add_argument(
        "--dry-run", action="store_true", help="list what would be deleted, delete nothing"
    )
    retention.set_defaults(handler=_retention)


def _follow_up(args: argparse.Namespace) -> int:
    from sodsong.cli.progress import console
    from sodsong.watch.casework.followup import send_followups

    run = send_followups(dry_run=args.dry_run)
    verb = "would ask" if args.dry_run else "asked"
    console.print(
        f"follow-up: {verb} {len(run.asked)} reporters"
        + ("" if args.dry_run else f", {run.delivered} delivered now")
    )
    for code in run.asked:
        console.print(f"  {code}")
    return 0


def _retention(args: argparse.Namespace) -> int:
    from sodsong.cli.progress import console
    from sodsong.watch.casework.config import retention_days
    from sodsong.watch.casework.retention import run_retention

    result = run_retention(dry_run=args.dry_run)
    verb = "would purge" if args.dry_run else "purged"
    console.print(
        f"retention ({retention_days()} days after closing): {verb} {len(result.cases)} cases, "
        f"{result.files} evidence files"
    )
    for code in result.cases:
        console.print(f"  {code}")
    return 0
