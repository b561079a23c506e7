from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    """Open procurement data: warehouse, red flags, search, project/agency/company pages."""

    name = "sodsong.procurement"
    label = "procurement"
    verbose_name = "Procurement"
