"""Admin views of staff accounts: the second step of signing in, setting up an
authenticator app, one's own recovery codes, and the accounts locked out after repeated
failed sign-ins, which an administrator can lift."""

import base64
import re

import qrcode
import qrcode.image.svg
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from cityportal.accounts.forms import AuthenticatorSetupForm, SignInCodeForm
from cityportal.accounts.recovery import issue_recovery_codes, recovery_codes_left
from cityportal.accounts.two_factor import has_confirmed_device

LIFT_LOCKOUTS = "axes.delete_accessattempt"


def _next_address(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(wanted, {request.get_host()}, require_https=request.is_secure())
    return wanted if safe else reverse("wagtailadmin_home")


@never_cache
@sensitive_post_parameters("otp_token")
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in (Wagtail's require_admin_access, around every admin
    view, has sent anyone not signed in to the password form)."""
    if not has_confirmed_device(request.user):
        return redirect(reverse("accounts_setup") + "?" + request.GET.urlencode())
    form = SignInCodeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        return redirect(_next_address(request))
    context = {"form": form, "next": _next_address(request)}
    return TemplateResponse(request, "accounts/verify.html", context, status=400 if form.errors else 200)


def _qr_code_svg(address: str) -> str:
    svg = qrcode.make(address, image_factory=qrcode.image.svg.SvgPathImage).to_string(encoding="unicode")
    return svg[svg.index("<svg") :]


def _grouped(key: str) -> str:
    return " ".join(re.findall(".{1,4}", key))


@never_cache
@sensitive_post_parameters("otp_token")
def setup(request: HttpRequest) -> HttpResponse:
    """Adds an authenticator app: scan the QR code (or type the key), then type the
    code the app shows. The first one is set up at the first sign-in."""
    # The same new device until it is confirmed, so that a wrong code or a reload does
    # not change the key the person has just scanned.
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=_("Authenticator app"), confirmed=False)
    form = AuthenticatorSetupForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, _("Your authenticator app is set up. Make your recovery codes now."))
        return redirect("accounts_recovery_codes")
    context = {
        "form": form,
        "qr_code": mark_safe(_qr_code_svg(device.config_url)),  # noqa: S308 (made here from our own address)
        "key": _grouped(base64.b32encode(device.bin_key).decode()),
        "page_title": _("Set up two-factor sign-in"),
    }
    return TemplateResponse(request, "accounts/setup.html", context, status=400 if form.errors else 200)


def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Shows how many recovery codes are left; a POST issues new ones and shows them once.
    Only a session verified with a second factor may issue codes, whatever the settings:
    a recovery code is itself a second factor."""
    if not request.user.is_verified():
        return redirect_to_login(request.get_full_path(), login_url=reverse("wagtail_2fa_auth"))
    codes = issue_recovery_codes(request.user) if request.method == "POST" else []
    return TemplateResponse(
        request,
        "accounts/recovery_codes.html",
        {
            "codes": codes,
            "left": recovery_codes_left(request.user),
            "page_title": _("Recovery codes"),
            "header_title": _("Recovery codes"),
        },
    )


def locked_out_usernames() -> list[dict]:
    """Each username whose failed sign-ins reached the limit, whatever the addresses they
    came from, with the number of failures and the last attempt."""
    return list(
        AccessAttempt.objects.values("username")
        .annotate(failures=Sum("failures_since_start"), last_attempt=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last_attempt")
    )


def lockouts(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(LIFT_LOCKOUTS):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "accounts/lockouts.html",
        {
            "lockouts": locked_out_usernames(),
            "limit": settings.AXES_FAILURE_LIMIT,
            "page_title": _("Locked-out accounts"),
            "header_title": _("Locked-out accounts"),
        },
    )


@require_POST
def lift_lockout(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(LIFT_LOCKOUTS):
        raise PermissionDenied
    username = request.POST.get("username", "")
    if reset(username=username):
        messages.success(request, _("“%(username)s” can sign in again.") % {"username": username})
    else:
        messages.warning(request, _("“%(username)s” was not locked out.") % {"username": username})
    return redirect("accounts_lockouts")
