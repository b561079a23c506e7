"""The publication screens on the staff home page."""

from django.utils.translation import gettext_lazy as _

from sodsong.web.staff import Role, register_staff_link


def register_links() -> None:
    register_staff_link("watch", _("Redact and publish cases"), "watch:cases:queue", Role.EDITOR)
