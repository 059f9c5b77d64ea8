from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cityportal.accounts import views


@hooks.register("register_admin_urls")
def register_account_urls():
    return [
        path("account/sign-in-code/", views.verify, name="accounts_verify"),
        path("account/two-factor/", views.setup, name="accounts_setup"),
        path("account/recovery-codes/", views.recovery_codes, name="accounts_recovery_codes"),
        path("lockouts/", views.lockouts, name="accounts_lockouts"),
        path("lockouts/lift/", views.lift_lockout, name="accounts_lift_lockout"),
    ]


@hooks.register("register_account_menu_item")
def authenticator_item(request):
    return {
        "url": reverse("accounts_setup"),
        "label": _("Add an authenticator app"),
        "help_text": _("Sign in with codes from another phone or app as well."),
    }


@hooks.register("register_account_menu_item")
def recovery_codes_item(request):
    return {
        "url": reverse("accounts_recovery_codes"),
        "label": _("Recovery codes"),
        "help_text": _("Single-use codes for signing in when your authenticator app is not at hand."),
    }


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(views.LIFT_LOCKOUTS)


@hooks.register("register_settings_menu_item")
def lockouts_menu_item():
    return LockoutsMenuItem(
        _("Locked-out accounts"), reverse("accounts_lockouts"), icon_name="lock", order=610
    )
