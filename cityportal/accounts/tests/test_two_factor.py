"""Two-factor sign-in (accounts/middleware.py, accounts/views.py) over the Django client,
with real django-otp devices and codes."""

import re

import pytest
from bs4 import BeautifulSoup
from django_otp.plugins.otp_totp.models import TOTPDevice

from cityportal.accounts.forms import THROTTLED, WRONG_CODE
from cityportal.accounts.recovery import issue_recovery_codes
from cityportal.accounts.tests.conftest import add_authenticator, code_of
from cityportal.core.tests.utils import soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_on")]

VERIFY = "/admin/account/sign-in-code/"
SETUP = "/admin/account/two-factor/"


def errors(response) -> list[str]:
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return [li.get_text(strip=True) for li in page.select(".messages li.error")]


@pytest.fixture
def no_throttling(settings):
    """django-otp makes the next try wait after a wrong code; these tests type a right
    one straight after a refused one."""
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def test_a_password_alone_does_not_open_the_admin(client, editor):
    add_authenticator(editor)
    client.force_login(editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == VERIFY + "?next=/admin/pages/"
    # Public pages and documents too: the half-signed-in session opens nothing.
    assert client.get("/en/").status_code == 302


def test_the_code_of_the_authenticator_app_opens_the_admin(client, editor):
    device = add_authenticator(editor)
    client.force_login(editor)
    page = client.get(VERIFY + "?next=/admin/pages/")
    assert page.status_code == 200
    assert soup(page).select_one("label[for=id_otp_token]").get_text(strip=True).rstrip("*") == (
        "Code from your authenticator app, or a recovery code"
    )
    response = client.post(VERIFY, {"otp_token": code_of(device), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_code_typed_with_a_space_is_read_as_typed(client, editor):
    device = add_authenticator(editor)
    client.force_login(editor)
    code = code_of(device)
    assert client.post(VERIFY, {"otp_token": f" {code[:3]} {code[3:]} "}).status_code == 302


def test_a_wrong_code_is_refused_and_said_so(client, editor):
    device = add_authenticator(editor)
    client.force_login(editor)
    wrong = f"{(int(code_of(device)) + 1) % 10**6:06d}"
    response = client.post(VERIFY, {"otp_token": wrong})
    assert response.status_code == 400
    assert errors(response) == [str(WRONG_CODE)]
    assert client.get("/admin/").status_code == 302


def test_codes_are_throttled_after_a_wrong_one(client, editor, settings):
    # django-otp waits factor * 2^(failures - 1) seconds after a failure: a minute here,
    # so that the right code typed at once is refused however slow the machine.
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    device = add_authenticator(editor)
    client.force_login(editor)
    client.post(VERIFY, {"otp_token": "000000" if code_of(device) != "000000" else "111111"})
    response = client.post(VERIFY, {"otp_token": code_of(device)})
    assert response.status_code == 400
    assert errors(response) == [str(THROTTLED)]


def test_only_a_safe_next_address_is_followed(client, editor):
    device = add_authenticator(editor)
    client.force_login(editor)
    response = client.post(VERIFY, {"otp_token": code_of(device), "next": "https://elsewhere.example/"})
    assert response["Location"] == "/admin/"


def test_a_recovery_code_signs_in_once(client, editor, no_throttling):
    add_authenticator(editor)
    codes = issue_recovery_codes(editor)
    assert len(codes) == len(set(codes)) == 10
    client.force_login(editor)
    assert client.post(VERIFY, {"otp_token": codes[0].upper()}).status_code == 302
    client.logout()
    client.force_login(editor)
    assert client.post(VERIFY, {"otp_token": codes[0]}).status_code == 400
    assert client.post(VERIFY, {"otp_token": codes[1]}).status_code == 302


def test_a_staff_member_without_a_device_sets_one_up_first(client, editor, no_throttling):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == SETUP + "?next=/admin/"
    page = soup(client.get(SETUP))
    assert page.select_one(".two-factor-qr svg") is not None
    key = page.select_one(".two-factor-key").get_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})+", key)
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    # A wrong code re-shows the same key: the app the person set up keeps working.
    refused = client.post(SETUP, {"otp_token": "12345a"})
    assert refused.status_code == 400 and errors(refused) == [str(WRONG_CODE)]
    assert (
        BeautifulSoup(refused.content.decode(), "html.parser").select_one(".two-factor-key").get_text() == key
    )
    confirmed = client.post(SETUP, {"otp_token": code_of(device)})
    assert confirmed["Location"] == "/admin/account/recovery-codes/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_someone_with_a_device_cannot_add_another_before_giving_a_code(client, editor):
    add_authenticator(editor)
    client.force_login(editor)
    response = client.get(SETUP)
    assert response["Location"] == VERIFY + "?next=" + SETUP
    assert not TOTPDevice.objects.filter(user=editor, confirmed=False).exists()


def test_recovery_codes_are_shown_once_and_replace_the_earlier_ones(client, editor, no_throttling):
    device = add_authenticator(editor)
    old = issue_recovery_codes(editor)
    client.force_login(editor)
    client.post(VERIFY, {"otp_token": code_of(device)})
    page = soup(client.get("/admin/account/recovery-codes/"))
    assert "You have 10 unused recovery codes." in page.get_text()
    assert not page.select(".recovery-codes code")
    shown = [
        c.get_text()
        for c in soup(client.post("/admin/account/recovery-codes/")).select(".recovery-codes code")
    ]
    assert len(shown) == 10 and not set(shown) & set(old)
    client.logout()
    client.force_login(editor)
    assert client.post(VERIFY, {"otp_token": old[0]}).status_code == 400
    assert client.post(VERIFY, {"otp_token": shown[0]}).status_code == 302


def test_an_anonymous_visitor_never_reads_the_session(client, demo_home):
    response = client.get("/en/")
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")


def test_with_the_setting_off_a_password_is_enough(client, editor, settings):
    settings.CITYPORTAL_STAFF_TWO_FACTOR = False
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_production_requires_two_factor_sign_in():
    from cityportal.settings import base

    assert base.CITYPORTAL_STAFF_TWO_FACTOR is True
