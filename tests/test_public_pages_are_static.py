"""Public pages must be the same for every visitor, signed in or not, so that they can be
published as static files: no cookies set, no user-specific markup."""

import http.cookiejar
import re
import urllib.parse
import urllib.request

import pytest

from tests import staff

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("browser")]

PUBLIC_PATHS = [
    "/en/",
    "/en/current-news/",
    "/en/current-news/hot-news/",
    "/en/current-news/hot-news/page/1/",
    "/en/current-news/hot-news/liu-yuegao-leads-team-to-beijing-to-coordinate-with-central-enterprises/",
    "/en/alldocslist/",
    "/en/special-column/rss/",
]


@pytest.fixture(scope="module")
def signed_in(portal) -> urllib.request.OpenerDirector:
    """A browser-like client signed in to the admin as the administrator."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    key = staff.give_authenticator(portal, portal.admin_username)
    login_page = opener.open(portal.url + "/admin/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "username": portal.admin_username,
            "password": portal.admin_password,
            "next": "/admin/",
        }
    ).encode()
    request = urllib.request.Request(portal.url + "/admin/login/", data=form)
    request.add_header("Referer", portal.url + "/admin/login/")
    code_page = opener.open(request)
    assert "/admin/account/sign-in-code/" in code_page.url, "no second step after the password"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', code_page.read().decode()).group(1)
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "otp_token": staff.current_code(key), "next": "/admin/"}
    ).encode()
    request = urllib.request.Request(code_page.url, data=form)
    request.add_header("Referer", code_page.url)
    dashboard = opener.open(request).read().decode()
    assert "Sign out" in dashboard or "Log out" in dashboard, "the administrator could not sign in"
    return opener


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_page_sets_no_cookie_and_ignores_the_user(portal, signed_in, path):
    with urllib.request.urlopen(portal.url + path) as anonymous:
        anonymous_body = anonymous.read()
        assert anonymous.headers.get_all("Set-Cookie") is None
    with signed_in.open(portal.url + path) as staff:
        staff_body = staff.read()
    assert staff_body == anonymous_body
