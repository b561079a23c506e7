"""Wiring done once at start-up: staff home links, and refused staff access into the audit log."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from sodsong.web.staff import Role, access_denied, register_staff_link

__all__ = ["ready"]


def _log_denied(sender: Any, request: Any, user: Any, roles: Any, **kwargs: Any) -> None:
    if request.path.startswith("/staff/cases/"):
        from sodsong.watch.audit import audit

        audit(user, "staff.denied", None, refused=True, path=request.path[:200])


def ready() -> None:
    register_staff_link(
        "watch",
        _("Cases (citizen reports)"),
        "watch:staff-inbox",
        Role.SCREENER,
        Role.EDITOR,
        Role.CUSTODIAN,
        Role.PARTNER,
    )
    register_staff_link("watch", _("Data requests"), "watch:staff-requests", Role.CUSTODIAN)
    register_staff_link("watch", _("Referral agencies"), "watch:staff-agencies", Role.ADMIN)
    register_staff_link("watch", _("Audit log"), "watch:staff-audit", Role.ADMIN)
    access_denied.connect(_log_denied, dispatch_uid="watch-casework-denied")
