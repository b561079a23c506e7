"""`sodsong staff`: create staff accounts and list them (roles, second factor)."""

from __future__ import annotations

import argparse

from sodsong.cli import CommandError
from sodsong.cli.progress import console

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    staff = subparsers.add_parser("staff", help="manage staff accounts (roles, TOTP)")
    commands = staff.add_subparsers(title="staff commands", metavar="ACTION", required=True)

    create = commands.add_parser("create", help="create or reset a staff account; prints its secrets once")
    create.add_argument("username")
    create.add_argument("--role", action="append", required=True, help="a role (repeatable)")
    create.add_argument("--email", default="")
    create.set_defaults(handler=_create)

    listing = commands.add_parser("list", help="list staff accounts with their roles")
    listing.set_defaults(handler=_list)


def _create(args: argparse.Namespace) -> int:
    from sodsong.web.staff import Role
    from sodsong.web.staff.accounts import create_staff

    try:
        roles = [Role(value) for value in args.role]
    except ValueError:
        known = ", ".join(role.value for role in Role)
        raise CommandError(f"unknown role in {args.role}; roles are: {known}") from None
    account = create_staff(args.username, *roles, email=args.email)
    console.print(f"Staff account [bold]{account.username}[/bold] ({', '.join(r.value for r in roles)})")
    # Plain print: secrets must not be wrapped or highlighted.
    print(f"  password:           {account.password}")
    print(f"  authenticator key:  {account.totp_secret}")
    print(f"  authenticator URI:  {account.otpauth_uri}")
    console.print("These are shown once. Sign in at /staff/login/.")
    return 0


def _list(args: argparse.Namespace) -> int:
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from sodsong.web.staff import user_roles

    for user in get_user_model().objects.order_by("username"):
        roles = sorted(role.value for role in user_roles(user))
        if not roles:
            continue
        has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        console.print(f"{user.get_username():20} {','.join(roles):40} totp={'yes' if has_device else 'no'}")
    return 0
