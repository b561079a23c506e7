"""Registration done when the watch app is ready: the simulator on the staff home."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from sodsong.web.staff import Role, register_staff_link

    register_staff_link(
        "watch", _("Chat simulator (intake bot)"), "watch:simulator", Role.SCREENER, Role.EDITOR, Role.ADMIN
    )
