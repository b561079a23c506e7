from django.apps import AppConfig


class CoalitionConfig(AppConfig):
    """The programme's partners, people, activities, outcomes, KPIs and reports."""

    name = "sodsong.coalition"
    label = "coalition"
    verbose_name = "Coalition"
