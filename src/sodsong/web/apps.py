from django.apps import AppConfig


class WebConfig(AppConfig):
    """Shared site shell: base templates, static assets, home page, language switch."""

    name = "sodsong.web"
    label = "web"
    verbose_name = "Sodsong web"
