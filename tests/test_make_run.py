"""What `make run` promises: a production-like server, set up idempotently."""

import re
import subprocess
import urllib.error
import urllib.request

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("browser")]


def fetch(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def site_counts(portal) -> str:
    return portal.manage(
        "shell",
        "-c",
        "from wagtail.models import Page, Revision; from django.contrib.auth.models import User;"
        "print(Page.objects.count(), Revision.objects.count(), User.objects.count())",
    ).strip()


def test_preparing_the_site_again_changes_nothing(portal):
    before = site_counts(portal)
    second = subprocess.run(
        ["scripts/prepare-site.sh", "production"],
        cwd=ROOT,
        env=portal.env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "The demo site is already loaded; nothing changed." in second.stdout
    assert "An administrator already exists" in second.stdout
    assert "password:" not in second.stdout
    assert site_counts(portal) == before


def test_the_administrator_password_is_generated(portal):
    assert portal.admin_username == "admin"
    assert len(portal.admin_password) >= 16
    status, _, body = fetch(portal.url + "/admin/login/")
    assert status == 200 and "Sign in" in body


def test_server_runs_with_debug_off_and_the_sites_own_404(portal):
    status, _, body = fetch(portal.url + "/en/no-such-page-here/")
    assert status == 404
    assert "Page not found" in body
    assert 'id="main-nav"' in body, "the 404 page uses the site design with its menu"
    assert "Using the URLconf" not in body, "Django's debug page must never show"


def test_static_files_are_served_with_hashed_names_and_long_caching(portal):
    _, _, home = fetch(portal.url + "/en/")
    stylesheet = re.search(r'href="(/static/core/css/portal\.[0-9a-f]{12}\.css)"', home)
    assert stylesheet, "production uses content-hashed static file names"
    status, headers, css = fetch(portal.url + stylesheet.group(1))
    assert status == 200 and "--blue" in css
    assert "immutable" in headers.get("Cache-Control", "")


def test_root_redirects_to_the_english_edition(portal):
    request = urllib.request.Request(portal.url + "/", method="GET")
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=20)
    assert redirect.value.code == 302
    assert redirect.value.headers["Location"] == "/en/"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_root_sends_a_chinese_browser_to_a_published_edition(portal):
    # The Chinese edition is not published in the demo yet, so a zh browser still
    # lands on a real page instead of a 404.
    request = urllib.request.Request(portal.url + "/", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    with pytest.raises(urllib.error.HTTPError) as redirect:
        urllib.request.build_opener(NoRedirect).open(request, timeout=20)
    assert redirect.value.headers["Location"] == "/en/"
