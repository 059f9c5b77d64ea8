"""Admin sessions that end after inactivity, and the password rules for staff."""

from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_an_admin_session_ends_after_the_idle_time(client, editor, settings):
    settings.CITYPORTAL_STAFF_IDLE_MINUTES = 30
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    assert client.session.get_expiry_age() == 30 * 60
    session = Session.objects.get(session_key=client.session.session_key)
    assert timedelta(minutes=29) < session.expire_date - timezone.now() <= timedelta(minutes=30)
    # Half an hour without a request later:
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_each_admin_request_restarts_the_idle_clock(client, editor, settings):
    settings.CITYPORTAL_STAFF_IDLE_MINUTES = 30
    client.force_login(editor)
    client.get("/admin/")
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))
    client.get("/admin/")
    session = Session.objects.get(session_key=client.session.session_key)
    assert session.expire_date - timezone.now() > timedelta(minutes=29)


@pytest.mark.parametrize(
    ("password", "refused"),
    [("short pass1", True), ("password1234", True), ("123456789012", True), ("plum river 7 kites", False)],
)
def test_staff_passwords_are_long_and_not_common(password, refused):
    if refused:
        with pytest.raises(ValidationError):
            validate_password(password)
    else:
        validate_password(password)
