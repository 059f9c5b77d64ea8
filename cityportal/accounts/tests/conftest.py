import pytest
from django.contrib.auth.models import Group
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "a long staff password 2026"  # noqa: S105


@pytest.fixture
def two_factor_on(settings):
    """The production rule: every account that reaches the admin gives a second factor."""
    settings.CITYPORTAL_STAFF_TWO_FACTOR = True


@pytest.fixture
def editor(django_user_model):
    """A staff member of Wagtail's Editors group (admin access, no superuser)."""
    user = django_user_model.objects.create_user("editor", "editor@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def administrator(django_user_model):
    return django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)


def add_authenticator(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def code_of(device: TOTPDevice) -> str:
    """The code the person's authenticator app shows now (the same RFC 6238 computation)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
