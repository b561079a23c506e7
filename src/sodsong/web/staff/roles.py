"""Staff roles, as data: each is a Django group of the same name.

Admins pass every staff check; partners (media or agency partners, coalition partner
organisations) are deliberately narrow and see only what is shared with them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.contrib.auth.models import Group
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

__all__ = ["ROLE_LABELS", "Role", "assign_roles", "ensure_role_groups", "user_roles"]


class Role(StrEnum):
    SCREENER = "screener"
    EDITOR = "editor"
    CUSTODIAN = "custodian"
    ADMIN = "admin"
    PARTNER = "partner"
    COALITION_STAFF = "coalition_staff"
    COALITION_PARTNER = "coalition_partner"


ROLE_LABELS: dict[Role, Promise] = {
    Role.SCREENER: _("Screener: screens reports, asks reporters for more information"),
    Role.EDITOR: _("Editor: redacts and publishes cases, refers them to agencies"),
    Role.CUSTODIAN: _("Custodian: may reveal a reporter's identity, every view is audited"),
    Role.ADMIN: _("Administrator: manages staff accounts and settings, sees the audit log"),
    Role.PARTNER: _("Partner: sees only the cases referred to their organisation"),
    Role.COALITION_STAFF: _("Coalition staff: records partners, activities and outcomes"),
    Role.COALITION_PARTNER: _("Coalition partner: logs their own organisation's activities"),
}


def ensure_role_groups() -> None:
    """Create the group of every role (idempotent; also done by a data migration)."""
    for role in Role:
        Group.objects.get_or_create(name=role.value)


def user_roles(user: Any) -> frozenset[Role]:
    """The roles a user holds; none for anonymous or inactive users."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_sodsong_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(role for role in Role if role.value in names)
        user._sodsong_roles = cached
    return cached


def assign_roles(user: Any, *roles: Role) -> None:
    """Give `user` exactly these roles (other role groups are removed)."""
    ensure_role_groups()
    role_groups = Group.objects.filter(name__in=[r.value for r in Role])
    user.groups.remove(*role_groups)
    user.groups.add(*Group.objects.filter(name__in=[r.value for r in roles]))
    if hasattr(user, "_sodsong_roles"):
        del user._sodsong_roles
