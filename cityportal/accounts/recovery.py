"""Recovery codes: single-use codes a staff member keeps on paper for the day the phone
with the authenticator app is lost (django-otp's static tokens)."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

RECOVERY_DEVICE_NAME = "Recovery codes"
CODES_PER_ISSUE = 10


@transaction.atomic
def issue_recovery_codes(user: AbstractBaseUser, count: int = CODES_PER_ISSUE) -> list[str]:
    """New codes for the user; the earlier ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(count)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE_NAME).count()
