from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from cityportal.accounts.two_factor import devices_for_code, normalise_code

WRONG_CODE = _("That code is not right, or has been used already. Try the code your app shows now.")
THROTTLED = _("Too many wrong codes in a row. Wait a minute, then try the code your app shows then.")


def code_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
        error_messages={"required": _("Enter the code.")},
    )


class SignInCodeForm(forms.Form):
    """The second step of signing in: a code from the authenticator app or a recovery code."""

    otp_token = code_field(_("Code from your authenticator app, or a recovery code"))

    def __init__(self, user: AbstractBaseUser, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.device: Device | None = None

    def clean_otp_token(self) -> str:
        code = normalise_code(self.cleaned_data["otp_token"])
        for device in devices_for_code(self.user, code):
            allowed, _extra = device.verify_is_allowed()
            if not allowed:
                raise forms.ValidationError(THROTTLED, code="throttled")
            if device.verify_token(code):
                self.device = device
                return code
        raise forms.ValidationError(WRONG_CODE, code="invalid")


class AuthenticatorSetupForm(forms.Form):
    """Confirms a new authenticator app: the person types the code it shows."""

    otp_token = code_field(_("The 6-digit code your app shows"))

    def __init__(self, device: Device, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self) -> str:
        code = normalise_code(self.cleaned_data["otp_token"])
        allowed, _extra = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(THROTTLED, code="throttled")
        if not (code.isdigit() and self.device.verify_token(code)):
            raise forms.ValidationError(WRONG_CODE, code="invalid")
        return code
