"""Signing in to the admin as staff do: a password, then a code from an authenticator
app; without the code nothing opens."""

import re

import pytest
from playwright.sync_api import expect

from tests import staff

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

USERNAME = "signin-editor"
PASSWORD = "plum river 7 kites and a lantern"  # noqa: S105

MAKE_EDITOR = (
    "from django.contrib.auth import get_user_model; from django.contrib.auth.models import Group; "
    f"u, _ = get_user_model().objects.get_or_create(username={USERNAME!r}); "
    f"u.set_password({PASSWORD!r}); u.save(); u.groups.add(Group.objects.get(name='Editors'))"
)


def test_a_password_and_a_code_open_the_admin(portal, page):
    portal.manage("shell", "-c", MAKE_EDITOR)
    staff.sign_in(page, portal.url, portal, USERNAME, PASSWORD)
    page.goto(portal.url + "/admin/pages/")
    expect(page).to_have_url(re.compile(r"/admin/pages/$"))


def test_without_the_code_nothing_opens(portal, page):
    portal.manage("shell", "-c", MAKE_EDITOR)
    staff.give_authenticator(portal, USERNAME)
    page.goto(portal.url + "/admin/login/")
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your sign-in code")
    # Going round the code page leads back to it.
    page.goto(portal.url + "/admin/pages/")
    expect(page).to_have_url(re.compile(r"/admin/account/sign-in-code/\?next=/admin/pages/$"))
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("status")).to_contain_text("That code is not right")
    page.goto(portal.url + "/admin/pages/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your sign-in code")
