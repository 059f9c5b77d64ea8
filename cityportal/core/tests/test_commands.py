"""Management commands that set up a site: create_first_admin and set_site_address."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def run(command: str, *args, **options) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out, **options)
    return out.getvalue()


def printed_password(output: str) -> str:
    match = re.search(r"password:\s+(\S+)", output)
    assert match, output
    return match.group(1)


def test_create_first_admin_makes_one_superuser_with_a_random_password():
    users = get_user_model()
    assert not users.objects.filter(is_superuser=True).exists()
    output = run("create_first_admin", admin_url="http://127.0.0.1:8000/admin/")
    password = printed_password(output)
    admin = users.objects.get(is_superuser=True)
    assert admin.username == "admin" and admin.is_staff
    assert admin.check_password(password)
    assert len(password) >= 16
    assert "http://127.0.0.1:8000/admin/" in output
    assert "shown only this once" in output


def test_create_first_admin_does_nothing_the_second_time():
    users = get_user_model()
    password = printed_password(run("create_first_admin"))
    second = run("create_first_admin")
    assert "An administrator already exists" in second
    assert "changepassword admin" in second
    assert "password:" not in second
    assert users.objects.filter(is_superuser=True).count() == 1
    assert users.objects.get(is_superuser=True).check_password(password)


def test_each_first_admin_gets_a_different_password():
    users = get_user_model()
    first = printed_password(run("create_first_admin"))
    users.objects.all().delete()
    second = printed_password(run("create_first_admin"))
    assert first != second


def test_create_first_admin_takes_a_username_and_email():
    output = run("create_first_admin", username="webmaster", email="web@hengyang.example")
    admin = get_user_model().objects.get(is_superuser=True)
    assert (admin.username, admin.email) == ("webmaster", "web@hengyang.example")
    assert "username:  webmaster" in output
    assert "changepassword webmaster" in run("create_first_admin")


def test_create_first_admin_will_not_take_over_an_ordinary_user():
    users = get_user_model()
    users.objects.create_user(username="admin", password="their-own")
    with pytest.raises(CommandError, match="exists but is not an administrator"):
        run("create_first_admin")
    assert not users.objects.filter(is_superuser=True).exists()
    assert users.objects.get(username="admin").check_password("their-own")


@pytest.fixture
def site(db):
    yield Site.objects.get(is_default_site=True)
    # Wagtail caches the sites' root URLs outside the database, which the end of the
    # test rolls back: forget them so later tests see the demo address again.
    Site.clear_site_root_paths_cache()


@pytest.mark.parametrize(
    ("url", "hostname", "port"),
    [
        ("http://portal.hengyang.example", "portal.hengyang.example", 80),
        ("https://portal.hengyang.example/", "portal.hengyang.example", 443),
        ("http://127.0.0.1:8080", "127.0.0.1", 8080),
        ("  https://WWW.Hengyang.example:8443  ", "www.hengyang.example", 8443),
    ],
)
def test_set_site_address_points_the_site_at_the_url(site, url, hostname, port):
    output = run("set_site_address", url)
    site.refresh_from_db()
    assert (site.hostname, site.port) == (hostname, port)
    assert "now answers as" in output
    assert "already answers as" in run("set_site_address", url)


def test_set_site_address_changes_the_full_urls(site, reference_article):
    run("set_site_address", "https://www.hengyang.example")
    reference_article.refresh_from_db()
    assert reference_article.get_full_url().startswith("https://www.hengyang.example/en/current-news/")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("portal.hengyang.example", "Not a base URL"),
        ("ftp://portal.hengyang.example", "Not a base URL"),
        ("http://", "Not a base URL"),
        ("http://:8000", "Not a base URL"),
        ("", "Not a base URL"),
        ("http://portal.example:abc", "is not a number from 1 to 65535"),
        ("http://portal.example:70000", "is not a number from 1 to 65535"),
        ("http://portal.example:0", "is not a number from 1 to 65535"),
        ("http://portal.example/portal/", "has more than a scheme, host and port"),
        ("http://portal.example/?x=1", "has more than a scheme, host and port"),
        ("http://user:pw@portal.example", "has more than a scheme, host and port"),
    ],
)
def test_set_site_address_refuses_what_is_not_a_base_url(site, url, message):
    before = (site.hostname, site.port)
    with pytest.raises(CommandError, match=message):
        run("set_site_address", url)
    site.refresh_from_db()
    assert (site.hostname, site.port) == before


def test_set_site_address_needs_a_default_site(site):
    Site.objects.update(is_default_site=False)
    with pytest.raises(CommandError, match="There is no default site yet"):
        run("set_site_address", "http://127.0.0.1:8000")
