"""Editing the directory in the Wagtail admin: editors can add officials and departments
where they belong, a photo needs its alternative text, and a department's staff group
can be chosen."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cityportal.directory.models import DepartmentPage, OfficialPage

pytestmark = pytest.mark.django_db


def official_form(**changes) -> dict:
    fields = {
        "title": "Admin Official",
        "slug": "admin-official",
        "position": "Vice Mayor",
        "rank": "3",
        "photo": "",
        "photo_alt": "",
        "responsibilities": rich_text("<p>Transport.</p>"),
        "biography": rich_text("<p>Born by the river.</p>"),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
        "action-publish": "1",
    }
    fields.update(changes)
    return nested_form_data(fields)


def test_the_admin_refuses_an_officials_photo_without_alternative_text(
    admin_client, officials, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    photo = get_image_model().objects.create(title="Portrait", file=get_test_image_file())
    url = reverse("wagtailadmin_pages:add", args=["directory", "officialpage", officials.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, official_form(photo=photo.pk, photo_alt=" "))
    assert response.status_code == 200
    assert "Describe the photo for people who cannot see it." in response.context["form"].errors["photo_alt"]
    assert not OfficialPage.objects.filter(slug="admin-official").exists()
    response = admin_client.post(url, official_form(photo=photo.pk, photo_alt="Portrait of Admin Official"))
    assert response.status_code == 302, response.context["form"].errors
    official = OfficialPage.objects.get(slug="admin-official")
    assert official.live and official.rank == 3 and official.photo == photo


def test_an_editor_can_pick_a_departments_leader_and_staff_group(admin_client, departments, officials):
    group = Group.objects.create(name="Harbour Office staff")
    leader = officials.get_listing().first()
    url = reverse("wagtailadmin_pages:add", args=["directory", "departmentpage", departments.pk])
    assert admin_client.get(url).status_code == 200
    form = nested_form_data(
        {
            "title": "Harbour Office",
            "slug": "harbour-office",
            "functions": rich_text("<p>Runs the port.</p>"),
            "leader": leader.pk,
            "address": "1 Quay Street",
            "phone": "555-0100",
            "opening_hours": "Monday to Friday",
            "website": "https://example.org/harbour/",
            "email": "harbour@example.org",
            "staff_group": group.pk,
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "comments": inline_formset([]),
            "action-publish": "1",
        }
    )
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.context["form"].errors
    department = DepartmentPage.objects.get(slug="harbour-office")
    assert (department.leader, department.staff_group) == (leader.specific, group)
    assert department.ensure_staff_group() == group


def test_directory_pages_can_only_be_added_in_their_channels(admin_client, officials, hot_news):
    wrong = reverse("wagtailadmin_pages:add", args=["directory", "officialpage", hot_news.pk])
    # Wagtail refuses the form (it sends the editor back to the dashboard).
    assert admin_client.get(wrong).status_code in (302, 403)
    # The Officials channel takes officials only, so "Add child page" goes straight there.
    response = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=[officials.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("wagtailadmin_pages:add", args=["directory", "officialpage", officials.pk])
    )
