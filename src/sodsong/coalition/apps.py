from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionConfig(AppConfig):
    """The programme's partners, people, activities, outcomes, KPIs and reports."""

    name = "sodsong.coalition"
    label = "coalition"
    verbose_name = "Coalition"

    def ready(self) -> None:
        from sodsong.web.staff import Role, register_staff_link

        register_staff_link(
            "coalition",
            _("Coalition: log activities and outcomes"),
            "coalition:staff",
            Role.COALITION_STAFF,
            Role.COALITION_PARTNER,
        )
        register_staff_link(
            "coalition",
            _("Coalition dashboard and half-year report"),
            "coalition:dashboard",
            Role.COALITION_STAFF,
        )
