import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_form_sent_without_its_security_code_gets_an_explanation_in_the_site_design():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/search/", {"q": "anything"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "The form could not be sent" in html
    assert "security code" in html
    assert 'id="main-nav"' in html  # the site's menu: the page is in the portal's design
    assert "CSRF verification failed" not in html
