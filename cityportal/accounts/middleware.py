"""Two-factor sign-in for the admin and the end of idle staff sessions."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve, reverse
from django_otp.middleware import OTPMiddleware

from cityportal.accounts.two_factor import has_confirmed_device, second_factor_required

# Reached with a password alone: signing in and out, and what those pages load.
OPEN_WITHOUT_CODE = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "accounts_verify",
}
# Reached with a password alone by someone who has no device yet, to set one up.
OPEN_TO_SET_UP = {"accounts_setup"}


def idle_seconds() -> int:
    """How long an admin session lasts without a request (CITYPORTAL_STAFF_IDLE_MINUTES)."""
    return int(getattr(settings, "CITYPORTAL_STAFF_IDLE_MINUTES", 30)) * 60


def _url_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


class StaffTwoFactorMiddleware(OTPMiddleware):
    """django-otp's middleware (``request.user.is_verified()``), and the rule on top:
    a staff member who has given only a password is sent to give a code (or to set up an
    authenticator app, if they have none) before anything else, public pages and
    documents included.

    It looks only at requests that carry a session cookie: an anonymous visitor's
    request never reads the session, so public answers stay the same for everyone (no
    ``Vary: Cookie``). Each admin request restarts the idle clock of the session."""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self._install_lazy_accessors(request)
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        user = request.user
        if second_factor_required(user) and not user.is_verified():
            name = _url_name(request)
            if name not in OPEN_WITHOUT_CODE:
                if has_confirmed_device(user):
                    return redirect_to_login(request.get_full_path(), login_url=reverse("accounts_verify"))
                if name not in OPEN_TO_SET_UP:
                    return redirect_to_login(request.get_full_path(), login_url=reverse("accounts_setup"))
        if user.is_authenticated and request.path_info.startswith(reverse("wagtailadmin_home")):
            request.session.set_expiry(idle_seconds())
        return self.get_response(request)
