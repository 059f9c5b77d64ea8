from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff accounts: two-factor sign-in with recovery codes, lock-out after repeated
    failed sign-ins, and admin sessions that end after inactivity (docs/accounts.md)."""

    name = "cityportal.accounts"
    label = "accounts"
    verbose_name = _("Staff accounts")
