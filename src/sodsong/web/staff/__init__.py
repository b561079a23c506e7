"""The staff area every part shares: sign-in with a password and TOTP, roles, the staff menu.

    from sodsong.web.staff import Role, staff_required

    @staff_required(Role.EDITOR)
    def publish(request, code): ...

Parts register their screens on the staff home with `register_staff_link` in AppConfig.ready().
"""

from sodsong.web.staff.access import access_denied, has_role, is_verified_staff, staff_required
from sodsong.web.staff.links import StaffLink, register_staff_link, staff_links_for
from sodsong.web.staff.roles import ROLE_LABELS, Role, assign_roles, ensure_role_groups, user_roles

__all__ = [
    "ROLE_LABELS",
    "Role",
    "StaffLink",
    "access_denied",
    "assign_roles",
    "ensure_role_groups",
    "has_role",
    "is_verified_staff",
    "register_staff_link",
    "staff_links_for",
    "staff_required",
    "user_roles",
]
