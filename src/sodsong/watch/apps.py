from django.apps import AppConfig


class WatchConfig(AppConfig):
    """Citizen reports: LINE and web intake, case work, referrals, the public case site."""

    name = "sodsong.watch"
    label = "watch"
    verbose_name = "Citizen watch"

    def ready(self) -> None:
        import sodsong.watch.line  # noqa: F401  (registers the LINE sender and inbox worker hook)
        from sodsong.watch.intake import hooks as intake_hooks

        intake_hooks.ready()
        from sodsong.watch.publication.links import register_links

        register_links()
        from sodsong.watch.casework import hooks as casework_hooks

        casework_hooks.ready()
