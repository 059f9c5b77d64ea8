from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site identity settings, the base page class, shared blocks, navigation, base templates."""

    name = "cityportal.core"
    label = "core"
    verbose_name = "Portal core"

    def ready(self) -> None:
        from cityportal.core import tree_version

        tree_version.connect()
