from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    """Open procurement data: warehouse, red flags, search, project/agency/company pages."""

    name = "sodsong.procurement"
    label = "procurement"
    verbose_name = "Procurement"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from sodsong.web.staff import Role, register_staff_link

        register_staff_link(
            "procurement", _("Company name matches"), "procurement:name_matches", Role.EDITOR, Role.ADMIN
        )
