from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """Backup and restore of the database and the uploaded files (docs/deployment.md)."""

    name = "cityportal.backups"
    label = "backups"
    verbose_name = _("Backups")
