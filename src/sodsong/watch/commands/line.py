"""`sodsong line`: the LINE channel's rich menu, inbox worker and status."""

from __future__ import annotations

import argparse
import os
import signal

from django.conf import settings

from sodsong.cli import CommandError

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("line", help="LINE channel: rich menu, inbox worker, status")
    commands = parser.add_subparsers(title="line commands", metavar="COMMAND")
    parser.set_defaults(handler=lambda args: parser.print_help() or 0)

    menu = commands.add_parser(
        "setup-richmenu", help="create the rich menu, upload its image, make it default"
    )
    menu.add_argument(
        "--website",
        default="",
        help="address the website button opens (default SODSONG_LINE_RICHMENU_WEBSITE)",
    )
    menu.add_argument("--image-only", metavar="PNG", help="only write the menu image to this file")
    menu.set_defaults(handler=_setup_richmenu)

    work = commands.add_parser("work", help="process stored LINE events (when SODSONG_LINE_WORKER=off)")
    work.add_argument("--once", action="store_true", help="process what is pending, then stop")
    work.add_argument("--poll", type=float, default=0.2, help="seconds between looks at the inbox")
    work.add_argument("--nice", type=int, default=0, help="lower this process's priority by N")
    work.add_argument("--parent", type=int, default=None, help=argparse.SUPPRESS)  # `serve` that started it
    work.set_defaults(handler=_work)

    status = commands.add_parser("status", help="inbox and outbox counts, pushes used this month")
    status.set_defaults(handler=_status)


def _setup_richmenu(args: argparse.Namespace) -> int:
    from sodsong.watch.line import richmenu

    if args.image_only:
        with open(args.image_only, "wb") as handle:
            handle.write(richmenu.image())
        print(f"wrote {args.image_only}")
        return 0
    website = args.website or settings.LINE_RICHMENU_WEBSITE
    if not website.startswith(("https://", "http://")):
        raise CommandError(
            "the website button needs an address: --website https://... or SODSONG_LINE_RICHMENU_WEBSITE"
        )
    if not settings.LINE_CHANNEL_ACCESS_TOKEN:
        raise CommandError("LINE_CHANNEL_ACCESS_TOKEN is not set")
    try:
        menu_id = richmenu.setup(website)
    except Exception as exc:
        status = getattr(exc, "status", None)
        raise CommandError(
            f"LINE refused the rich menu ({status or type(exc).__name__}) at {settings.LINE_API_BASE}"
        ) from exc
    print(f"rich menu {menu_id} created and set as default")
    return 0


def _work(args: argparse.Namespace) -> int:
    from sodsong.watch.line.processing import Worker

    if args.nice:
        os.nice(args.nice)
    worker = Worker(poll_seconds=args.poll, parent_pid=args.parent)
    if args.once:
        total = 0
        while True:
            worker.done = worker.run_once()
            total += worker.done
            if not worker.busy:
                break
        print(f"processed {total} events")
        return 0
    print("processing LINE events; Ctrl-C to stop", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: worker.stopping.set())
    worker.start()
    try:
        while worker.thread.is_alive():
            worker.thread.join(1)
    finally:
        worker.stop()
    return 0


def _status(args: argparse.Namespace) -> int:
    from django.db.models import Count

    from sodsong.watch.line.sender import push_used
    from sodsong.watch.models import LineInboxEvent, LineOutbox

    inbox = dict(
        LineInboxEvent.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    outbox = dict(LineOutbox.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    print("inbox:  " + (", ".join(f"{k} {v}" for k, v in sorted(inbox.items())) or "empty"))
    print("outbox: " + (", ".join(f"{k} {v}" for k, v in sorted(outbox.items())) or "empty"))
    from sodsong.watch.line import spool

    if spool.enabled():
        print(f"spool:  {spool.count()} waiting to enter the inbox ({spool.path()})")
    print(f"pushes this month: {push_used()} of {settings.LINE_PUSH_QUOTA} (SODSONG_LINE_PUSH_QUOTA)")
    try:
        from sodsong.watch.line import api

        with api.messaging_api() as messaging:
            quota = messaging.get_message_quota(_request_timeout=(3, 5))
            used = messaging.get_message_quota_consumption(_request_timeout=(3, 5))
        print(
            f"LINE says: quota {quota.value if quota.type == 'limited' else 'unlimited'}, used {used.total_usage}"
        )
    except Exception as exc:
        print(f"LINE quota not available ({type(exc).__name__})")
    return 0
