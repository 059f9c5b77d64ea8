"""Staff sign-in on a served portal: a password, then a code from an authenticator app
(two-factor sign-in is on in the production settings the test servers run)."""

import re
import secrets

from django_otp.oath import totp
from playwright.sync_api import expect


def give_authenticator(portal, username: str) -> str:
    """Sets up a new authenticator app for the user and returns its key (hex). A new one
    for each sign-in: django-otp accepts each code of a device only once, and two
    sign-ins in the same 30 seconds would show the same code."""
    key = secrets.token_hex(20)
    portal.manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; "
        "from django_otp.plugins.otp_totp.models import TOTPDevice; "
        f"TOTPDevice.objects.create(user=get_user_model().objects.get(username={username!r}), "
        f"name='Test phone', key={key!r}, confirmed=True)",
    )
    return key


def current_code(key: str) -> str:
    """What the authenticator app shows now (RFC 6238, as django-otp computes it)."""
    return f"{totp(bytes.fromhex(key)):06d}"


def sign_in(tab, base_url: str, portal, username: str, password: str) -> None:
    """Signs in through the admin's forms as a person would, ending on the dashboard."""
    key = give_authenticator(portal, username)
    tab.goto(base_url + "/admin/login/")
    tab.get_by_label("Username").fill(username)
    tab.get_by_label("Password").fill(password)
    tab.get_by_role("button", name="Sign in").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Enter your sign-in code")
    tab.get_by_label("Code from your authenticator app").fill(current_code(key))
    tab.get_by_role("button", name="Sign in").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))
