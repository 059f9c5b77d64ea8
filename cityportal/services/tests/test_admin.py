"""Editing service guides in the Wagtail admin, as editors do: a draft may be incomplete,
publishing refuses a guide that lacks a required element and names each missing one,
and the "Guides due for review" report lists guides whose review is too old."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.menu import reports_menu
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cityportal.documents.models import DocumentPage
from cityportal.services.models import GuideChannelPage, ServiceGuidePage, months_before

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/reports/guides-due/"

ALL_ELEMENT_LABELS = [
    "Who it is for",
    "Conditions",
    "Materials to bring",
    "Procedure",
    "Fees",
    "Processing time limit",
    "Legal basis",
    "Office",
    "Address",
    "Opening hours",
    "Phone",
    "Online service link",
    "Related forms",
    "Last reviewed",
]


@pytest.fixture
def naturalization(demo_home):
    return GuideChannelPage.objects.get(slug="naturalization")


@pytest.fixture
def nationality_form(demo_home):
    return DocumentPage.objects.get(slug="application-form-for-chinese-nationality")


def complete_fields(form_page: DocumentPage | None) -> dict:
    return {
        "title": "Applying for a work permit",
        "slug": "applying-for-a-work-permit",
        "summary": "How an employer applies for a foreign employee's work permit.",
        "audience": "Employers in Hengyang who hire foreign nationals.",
        "conditions": rich_text("<ul><li>The job needs skills that are in short supply.</li></ul>"),
        "materials": [("material", {"name": "Employment contract", "note": "copy"})],
        "procedure": [
            ("step", {"title": "Apply online", "details": "Fill in the form on the service site."}),
            ("step", {"title": "Collect the permit", "details": ""}),
        ],
        "fees": "Free of charge.",
        "time_limit": "10 working days",
        "legal_basis": rich_text("<p>Regulations on the employment of foreigners</p>"),
        "office": "Foreign experts service desk",
        "address": "1 Example Road, Hengyang",
        "opening_hours": "Monday to Friday 9:00-17:00",
        "phone": "0734-000 0000",
        "online_link": "https://example.org/work-permit",
        "related_forms": [{"form": form_page.pk}] if form_page else [],
        "last_reviewed": "2026-10-01",
    }


def guide_form_data(fields: dict, action: str) -> dict:
    data = {
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        **fields,
    }
    data["materials"] = streamfield(data.get("materials", []))
    data["procedure"] = streamfield(data.get("procedure", []))
    data["related_forms"] = inline_formset(data.get("related_forms", []))
    data["comments"] = inline_formset([])
    for flag in ("no_online_service", "no_forms_needed"):
        if data.pop(flag, False):
            data[flag] = "on"
    data[action] = "1"
    return nested_form_data(data)


def add_url(channel) -> str:
    return reverse("wagtailadmin_pages:add", args=["services", "serviceguidepage", channel.pk])


def error_messages(response) -> str:
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return " ".join(" ".join(m.get_text(" ").split()) for m in page.select(".messages"))


def test_a_draft_may_leave_every_element_empty(admin_client, naturalization):
    data = guide_form_data({"title": "Work permit (draft)", "slug": "work-permit-draft"}, "action-save")
    response = admin_client.post(add_url(naturalization), data)
    assert response.status_code == 302, response.context["form"].errors
    guide = ServiceGuidePage.objects.get(slug="work-permit-draft")
    assert not guide.live
    assert len(guide.missing_elements()) == len(ServiceGuidePage.REQUIRED_ELEMENTS)


def test_publishing_an_empty_guide_is_refused_and_names_every_missing_element(admin_client, naturalization):
    data = guide_form_data({"title": "Work permit", "slug": "work-permit"}, "action-publish")
    response = admin_client.post(add_url(naturalization), data)
    assert response.status_code == 200
    assert not ServiceGuidePage.objects.filter(slug="work-permit").exists()
    form = response.context["form"]
    summary = " ".join(form.non_field_errors())
    assert summary.startswith("A service guide cannot be published without:")
    for label in ALL_ELEMENT_LABELS:
        assert label in summary, label
    # Each missing element is also marked on its own field...
    for field in ("audience", "conditions", "materials", "procedure", "fees", "time_limit", "last_reviewed"):
        assert form.errors[field], field
    assert "tick “not available online”" in form.errors["online_link"][0]
    assert "tick “no forms needed”" in form.errors["no_forms_needed"][0]
    # ...and the admin's message lists them for the editor.
    shown = error_messages(response)
    assert "A service guide cannot be published without:" in shown
    assert "Processing time limit" in shown and "Opening hours" in shown


def test_publishing_names_only_the_elements_that_are_missing(admin_client, naturalization, nationality_form):
    fields = complete_fields(nationality_form)
    del fields["fees"]
    fields["phone"] = "   "
    fields["related_forms"] = []
    response = admin_client.post(add_url(naturalization), guide_form_data(fields, "action-publish"))
    assert response.status_code == 200
    summary = " ".join(response.context["form"].non_field_errors())
    assert summary == "A service guide cannot be published without: Fees, Phone, Related forms."


def test_a_complete_guide_is_published_and_links_its_form(admin_client, naturalization, nationality_form):
    response = admin_client.post(
        add_url(naturalization), guide_form_data(complete_fields(nationality_form), "action-publish")
    )
    assert response.status_code == 302, response.context["form"].errors
    guide = ServiceGuidePage.objects.get(slug="applying-for-a-work-permit")
    assert guide.live and guide.missing_elements() == []
    assert [f.pk for f in guide.forms()] == [nationality_form.pk]
    assert guide.pk in [g.pk for g in nationality_form.used_by_guides()]


def test_the_tick_boxes_stand_for_no_online_service_and_no_forms(admin_client, naturalization):
    fields = complete_fields(None)
    fields["online_link"] = ""
    fields["no_online_service"] = True
    fields["no_forms_needed"] = True
    response = admin_client.post(add_url(naturalization), guide_form_data(fields, "action-publish"))
    assert response.status_code == 302, response.context["form"].errors
    assert ServiceGuidePage.objects.get(slug="applying-for-a-work-permit").live


def test_a_live_guide_edited_down_to_a_draft_is_saved_but_not_publishable(admin_client, naturalization):
    guide = ServiceGuidePage.objects.get(slug="applying-for-chinese-nationality")
    edit_url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    fields = complete_fields(guide.forms()[0])
    fields.update(title=guide.title, slug=guide.slug, fees="", legal_basis=rich_text(""))
    response = admin_client.post(edit_url, guide_form_data(fields, "action-save"))
    assert response.status_code == 302, response.context["form"].errors
    guide.refresh_from_db()
    assert guide.live and guide.has_unpublished_changes
    assert guide.fees  # the live version keeps its fees
    response = admin_client.post(edit_url, guide_form_data(fields, "action-publish"))
    assert response.status_code == 200
    summary = " ".join(response.context["form"].non_field_errors())
    assert summary == "A service guide cannot be published without: Fees, Legal basis."
    guide.refresh_from_db()
    assert guide.fees


def test_an_online_link_must_be_a_web_address(admin_client, naturalization, nationality_form):
    fields = complete_fields(nationality_form)
    fields["online_link"] = "javascript:alert(1)"
    response = admin_client.post(add_url(naturalization), guide_form_data(fields, "action-publish"))
    assert response.status_code == 200
    assert response.context["form"].errors["online_link"]


# --- The "Guides due for review" report ---------------------------------------------------------------


def set_reviewed(slug: str, day: date | None) -> None:
    ServiceGuidePage.objects.filter(slug=slug).update(last_reviewed=day)


def report_titles(client) -> list[str]:
    response = client.get(REPORT_URL)
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return [" ".join(a.get_text().split()) for a in page.select("table.listing td.title a")]


def test_the_report_lists_guides_reviewed_longer_ago_than_the_period(admin_client):
    today = timezone.localdate()
    set_reviewed("extending-a-visa", months_before(today, 12) - timedelta(days=1))
    set_reviewed("residence-permit-for-work", months_before(today, 12))
    set_reviewed("getting-a-library-card", today)
    titles = report_titles(admin_client)
    assert "[Sample] Extending a visa" in titles
    assert "[Sample] Residence permit for work" not in titles  # exactly 12 months: not yet due
    assert "[Sample] Getting a library card" not in titles
    # The demo's deliberately old guide (reviewed 2024-03-01) is listed, oldest first.
    assert titles.index("[Sample] Restoring Chinese nationality") < titles.index("[Sample] Extending a visa")


def test_the_review_period_is_a_setting(admin_client, settings):
    today = timezone.localdate()
    set_reviewed("extending-a-visa", months_before(today, 7))
    assert "[Sample] Extending a visa" not in report_titles(admin_client)
    settings.CITYPORTAL_GUIDE_REVIEW_MONTHS = 6
    assert "[Sample] Extending a visa" in report_titles(admin_client)


def test_a_published_guide_without_a_review_date_is_due(admin_client):
    set_reviewed("getting-a-library-card", None)
    response = admin_client.get(REPORT_URL)
    assert "[Sample] Getting a library card" in report_titles(admin_client)
    assert "Never" in response.content.decode()


def test_the_report_shows_when_the_review_was_due(admin_client):
    set_reviewed("extending-a-visa", date(2023, 1, 31))
    page = BeautifulSoup(admin_client.get(REPORT_URL).content.decode(), "html.parser")
    row = next(tr for tr in page.select("table.listing tbody tr") if "Extending a visa" in tr.get_text())
    cells = [" ".join(td.get_text().split()) for td in row.select("td")]
    assert cells[1] == "Entry & Exit"
    assert cells[2:4] == ["2023-01-31", "2024-01-31"]


def test_the_report_is_in_the_reports_menu(admin_client, rf, admin_user):
    request = rf.get("/admin/")
    request.user = admin_user
    items = reports_menu.menu_items_for_request(request)
    assert "Guides due for review" in [str(item.label) for item in items]
    dashboard = admin_client.get("/admin/").content.decode()
    assert REPORT_URL in dashboard


def test_the_report_can_be_exported(admin_client):
    response = admin_client.get(REPORT_URL + "?export=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert text.splitlines()[0].startswith("Guide,Channel,Last reviewed,Review was due by")
    assert "[Sample] Restoring Chinese nationality" in text


def test_editors_only_see_the_guides_they_can_edit(client, naturalization):
    editors = Group.objects.create(name="Naturalization editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=editors, page=naturalization, permission_type="change")
    user = get_user_model().objects.create_user("editor", password="pw")  # noqa: S106
    user.groups.add(editors)
    client.force_login(user)
    titles = report_titles(client)
    assert titles == ["[Sample] Restoring Chinese nationality"]


def test_people_without_page_permissions_cannot_open_the_report(client):
    user = get_user_model().objects.create_user("reader", password="pw")  # noqa: S106
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(REPORT_URL)
    assert response.status_code in (302, 403)


def test_the_admin_forms_of_guides_and_guide_channels_open(admin_client, naturalization):
    guide = ServiceGuidePage.objects.get(slug="applying-for-chinese-nationality")
    for url in (
        add_url(naturalization),
        reverse("wagtailadmin_pages:edit", args=[guide.pk]),
        reverse("wagtailadmin_pages:edit", args=[naturalization.pk]),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
    form = admin_client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk])).context["form"]
    assert (
        "listing_source"
        not in admin_client.get(reverse("wagtailadmin_pages:edit", args=[naturalization.pk]))
        .context["form"]
        .fields
    )
    assert form.formsets["related_forms"].forms[0].initial["form"] == guide.forms()[0].pk
