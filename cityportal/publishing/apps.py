from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "cityportal.publishing"
    label = "publishing"
    verbose_name = _("Static publishing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Re-publish what a change shows, when content is published, moved or removed.
        from cityportal.publishing import signals  # noqa: F401
