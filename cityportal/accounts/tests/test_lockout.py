"""Lock-out after repeated failed sign-ins (django-axes, as configured in settings/base.py)."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from cityportal.accounts.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def sign_in(client, username: str, password: str, address: str, agent: str = "Firefox"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=agent,
    )


def lock_out(client, username: str) -> None:
    """Failed sign-ins from a different address and browser each time, as an attacker
    who rotates them would send."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, username, "wrong password", f"198.51.100.{n + 1}", f"Agent {n}")
        # The form again ("enter a correct username and password"); the last failure locks.
        assert response.status_code == (429 if n + 1 == settings.AXES_FAILURE_LIMIT else 200)


def test_rotating_addresses_does_not_get_round_the_lock_out(client, editor):
    lock_out(client, editor.username)
    refused = sign_in(client, editor.username, PASSWORD, "203.0.113.9", "Another browser")
    assert refused.status_code == 429
    text = (
        BeautifulSoup(refused.content.decode(), "html.parser")
        .select_one(".messages")
        .get_text(" ", strip=True)
    )
    assert "There were 5 failed sign-ins to this account in a row, so it is locked out." in text
    assert "You can try again in 60 minutes, or ask an administrator to lift the lock-out now." in text
    assert "_auth_user_id" not in client.session


def test_fewer_failures_than_the_limit_then_the_right_password_signs_in(client, editor):
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, editor.username, "wrong password", f"198.51.100.{n + 1}")
    assert sign_in(client, editor.username, PASSWORD, "203.0.113.9").status_code == 302


def test_an_administrator_sees_the_lock_out_and_lifts_it(client, editor, administrator):
    lock_out(client, editor.username)
    office = type(client)()
    office.force_login(administrator)
    page = BeautifulSoup(office.get("/admin/lockouts/").content.decode(), "html.parser")
    cells = [row.select("td")[:2] for row in page.select("#lockouts tbody tr")]
    rows = [[td.get_text(strip=True) for td in row] for row in cells]
    assert rows == [["editor", "5"]]
    lifted = office.post("/admin/lockouts/lift/", {"username": "editor"}, follow=True)
    assert "“editor” can sign in again." in lifted.content.decode()
    assert sign_in(client, editor.username, PASSWORD, "203.0.113.9").status_code == 302


def test_only_an_administrator_lifts_a_lock_out(client, editor, django_user_model):
    lock_out(type(client)(), "chief")
    client.force_login(editor)
    # Wagtail answers a refused admin view by sending the person to the dashboard.
    assert client.get("/admin/lockouts/")["Location"] == "/admin/"
    assert client.post("/admin/lockouts/lift/", {"username": "chief"})["Location"] == "/admin/"
    from axes.models import AccessAttempt

    assert AccessAttempt.objects.filter(username="chief").count() == settings.AXES_FAILURE_LIMIT


def test_the_lock_out_page_speaks_the_persons_language(client, editor):
    lock_out(client, editor.username)
    refused = client.post(
        LOGIN,
        {"username": editor.username, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.9",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert refused.status_code == 429
    assert "锁定" in refused.content.decode()
