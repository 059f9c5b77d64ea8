"""Editing investment pages in the Wagtail admin: a project needs a park or a location,
its amount cannot be negative, and the facts editors enter are what visitors see."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cityportal.investment.models import ProjectPage

pytestmark = pytest.mark.django_db


def project_form(**changes) -> dict:
    fields = {
        "title": "Admin Project",
        "slug": "admin-project",
        "summary": "Made in the admin.",
        "sector": "logistics",
        "park": "",
        "location": "",
        "total_investment": "120000000",
        "currency": "CNY",
        "cooperation_mode": "joint-venture",
        "status": "seeking",
        "contact_name": "",
        "contact_phone": "",
        "contact_email": "",
        "body": streamfield([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
        "action-publish": "1",
    }
    fields.update(changes)
    return nested_form_data(fields)


def test_the_admin_asks_for_a_park_or_a_location_and_a_sensible_amount(admin_client, projects, parks):
    url = reverse("wagtailadmin_pages:add", args=["investment", "projectpage", projects.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, project_form())
    assert response.status_code == 200
    assert "Give the location, or choose an industrial park." in response.context["form"].errors["location"]
    response = admin_client.post(url, project_form(location="River port", total_investment="-5"))
    assert response.status_code == 200
    assert "total_investment" in response.context["form"].errors
    assert not ProjectPage.objects.filter(slug="admin-project").exists()
    park = parks.get_listing().first()
    response = admin_client.post(url, project_form(park=park.pk, currency="USD"))
    assert response.status_code == 302, response.context["form"].errors
    project = ProjectPage.objects.get(slug="admin-project")
    assert (project.park, project.total_investment, project.currency) == (park, Decimal("120000000"), "USD")
    assert project.live
    page = admin_client.get(project.url).content.decode()
    assert "USD 120,000,000" in page


@pytest.mark.parametrize(
    ("model", "channel_fixture"),
    [("industrialparkpage", "parks"), ("enterprisepage", "enterprises"), ("projectpage", "projects")],
)
def test_each_investment_page_type_has_an_add_form_in_its_channel(
    admin_client, request, model, channel_fixture
):
    channel = request.getfixturevalue(channel_fixture)
    url = reverse("wagtailadmin_pages:add", args=["investment", model, channel.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=[channel.pk]))
    assert response.status_code == 302 and response["Location"].startswith(url)
