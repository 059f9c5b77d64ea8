"""Two-factor sign-in for staff on django-otp: who must give a second factor, and which
of their devices a typed code is for."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


def second_factor_required(user: AbstractBaseUser) -> bool:
    """Every account that reaches the admin (settings.CITYPORTAL_STAFF_TWO_FACTOR): in
    the admin staff publish, and read letters' personal data."""
    if not getattr(settings, "CITYPORTAL_STAFF_TWO_FACTOR", True) or not user.is_authenticated:
        return False
    return user.has_perm("wagtailadmin.access_admin")  # true of an active superuser too


def has_confirmed_device(user: AbstractBaseUser) -> bool:
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or StaticDevice.objects.filter(user=user, confirmed=True, token_set__isnull=False).exists()
    )


def devices_for_code(user: AbstractBaseUser, code: str) -> list:
    """An authenticator app shows digits, a recovery code has letters: a code is checked
    against the devices of its kind only, so that a mistyped code does not count as a
    failure (and a step towards throttling) on every device the person has."""
    if code.isdigit():
        return list(TOTPDevice.objects.filter(user=user, confirmed=True))
    return list(StaticDevice.objects.filter(user=user, confirmed=True))


def normalise_code(typed: str) -> str:
    """People type codes with spaces ("123 456") or in capitals."""
    return "".join(typed.split()).lower()
