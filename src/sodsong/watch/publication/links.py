"""Wiring at start-up: the publication screens on the staff home page, the LINE pusher for alerts."""

from django.utils.translation import gettext_lazy as _

from sodsong.web.staff import Role, register_staff_link


def register_links() -> None:
    from sodsong.watch.publication.alerts import line_push, register_alert_pusher

    register_alert_pusher(line_push)
    register_staff_link("watch", _("Redact and publish cases"), "watch:cases:queue", Role.EDITOR)
