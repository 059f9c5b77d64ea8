"""Editing through the Wagtail admin, as editors do: the first publication time survives
edits, scheduling, unpublishing and republishing; required alternative texts are
enforced; the "Empty channels" report lists the channels that show visitors nothing."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.menu import reports_menu
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cityportal.core.tests.utils import city_time, make_article, make_channel, soup, text_of
from cityportal.news.models import ArticlePage, ChannelPage, SectionPage

REFERENCE_PUBLISHED = city_time(2024, 5, 18, 23, 14, 41)
REPORT_URL = "/admin/reports/empty-channels/"

pytestmark = pytest.mark.django_db


def article_form(article: ArticlePage, action: str = "action-publish", **changes) -> dict:
    """The data the admin's edit form posts for ``article``, with ``changes``."""
    fields = {
        "title": article.title,
        "slug": article.slug,
        "source": article.source,
        "summary": article.summary,
        "lead_image": article.lead_image_id or "",
        "lead_image_alt": article.lead_image_alt,
        "body": [(block.block_type, rich_text(block.value.source)) for block in article.body],
        "translator": article.translator,
        "tags": ", ".join(article.tags.names()),
        "seo_title": article.seo_title,
        "search_description": article.search_description,
        "go_live_at": "",
        "expire_at": "",
    }
    if article.is_top_news:
        fields["is_top_news"] = "on"
    fields.update(changes)
    fields["body"] = streamfield(fields["body"])
    fields["comments"] = inline_formset([])
    fields[action] = "1"
    return nested_form_data(fields)


def form_errors(response) -> dict:
    assert response.status_code == 200, response.status_code
    return response.context["form"].errors


# --- The first publication time through the admin ------------------------------------------------


def test_editing_and_publishing_in_the_admin_keeps_the_first_publication_time(
    admin_client, reference_article
):
    url = reverse("wagtailadmin_pages:edit", args=[reference_article.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, article_form(reference_article, title="Edited in the admin"))
    assert response.status_code == 302, form_errors(response)
    article = ArticlePage.objects.get(pk=reference_article.pk)
    assert article.title == "Edited in the admin"
    assert article.live and not article.has_unpublished_changes
    assert article.first_published_at == REFERENCE_PUBLISHED
    assert article.last_published_at > REFERENCE_PUBLISHED
    page = soup(admin_client.get(article.url))
    assert text_of(page.select_one(".article__date time")) == "2024-05-18 23:14:41"


def test_the_edit_form_offers_no_way_to_set_the_first_publication_time(admin_client, reference_article):
    url = reverse("wagtailadmin_pages:edit", args=[reference_article.pk])
    form = admin_client.get(url).context["form"]
    assert "first_published_at" not in form.fields
    data = article_form(reference_article)
    data["first_published_at"] = "2020-01-01 00:00:00"
    assert admin_client.post(url, data).status_code == 302
    assert ArticlePage.objects.get(pk=reference_article.pk).first_published_at == REFERENCE_PUBLISHED


def test_scheduled_republication_keeps_the_first_publication_time(admin_client, reference_article):
    url = reverse("wagtailadmin_pages:edit", args=[reference_article.pk])
    go_live = timezone.localtime(timezone.now() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    response = admin_client.post(
        url, article_form(reference_article, title="Scheduled edit", go_live_at=go_live)
    )
    assert response.status_code == 302, form_errors(response)
    article = ArticlePage.objects.get(pk=reference_article.pk)
    # Still live with the old text until the scheduled time.
    assert article.live and article.title == reference_article.title
    scheduled = article.revisions.exclude(approved_go_live_at=None).get()
    # Time passes: the scheduled time arrives (moved into the past rather than waited
    # for) and the scheduler publishes the revision.
    arrived = timezone.now() - timedelta(minutes=1)
    scheduled.approved_go_live_at = arrived
    scheduled.content["go_live_at"] = arrived.isoformat()
    scheduled.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", verbosity=0)
    article = ArticlePage.objects.get(pk=reference_article.pk)
    assert article.title == "Scheduled edit"
    assert article.first_published_at == REFERENCE_PUBLISHED


def test_unpublishing_and_republishing_in_the_admin_keeps_the_first_publication_time(
    admin_client, reference_article
):
    unpublish_url = reverse("wagtailadmin_pages:unpublish", args=[reference_article.pk])
    assert admin_client.post(unpublish_url).status_code == 302
    article = ArticlePage.objects.get(pk=reference_article.pk)
    assert not article.live
    assert admin_client.get(reference_article.url).status_code == 404
    edit_url = reverse("wagtailadmin_pages:edit", args=[reference_article.pk])
    response = admin_client.post(edit_url, article_form(article))
    assert response.status_code == 302, form_errors(response)
    article = ArticlePage.objects.get(pk=reference_article.pk)
    assert article.live
    assert article.first_published_at == REFERENCE_PUBLISHED


def test_a_new_article_gets_its_first_publication_time_when_published_in_the_admin(admin_client, hot_news):
    add_url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", hot_news.pk])
    draft = ArticlePage(title="Written in the admin", slug="written-in-the-admin", body=[])
    draft.body = [("paragraph", "<p>Body text.</p>")]
    response = admin_client.post(add_url, article_form(draft, action="action-save"))
    assert response.status_code == 302, form_errors(response)
    article = ArticlePage.objects.get(slug="written-in-the-admin")
    assert article.first_published_at is None and not article.live
    before = timezone.now()
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert admin_client.post(edit_url, article_form(article)).status_code == 302
    article.refresh_from_db()
    assert article.live and article.first_published_at >= before
    first = article.first_published_at
    assert admin_client.post(edit_url, article_form(article, title="Corrected title")).status_code == 302
    article.refresh_from_db()
    assert article.title == "Corrected title"
    assert article.first_published_at == first


# --- Alternative text is required --------------------------------------------------------------------


@pytest.fixture
def image(db):
    return get_image_model().objects.order_by("pk").first()


def test_the_admin_refuses_a_lead_image_without_alternative_text(admin_client, reference_article, image):
    url = reverse("wagtailadmin_pages:edit", args=[reference_article.pk])
    response = admin_client.post(url, article_form(reference_article, lead_image=image.pk, lead_image_alt=""))
    errors = form_errors(response)
    assert "Describe the lead image for people who cannot see it." in errors["lead_image_alt"]
    assert ArticlePage.objects.get(pk=reference_article.pk).lead_image_id is None
    response = admin_client.post(
        url, article_form(reference_article, lead_image=image.pk, lead_image_alt="A coloured panel")
    )
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=reference_article.pk).lead_image_alt == "A coloured panel"


def test_the_admin_refuses_a_captioned_body_image_without_alternative_text(admin_client, hot_news, image):
    add_url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", hot_news.pk])
    draft = ArticlePage(title="Image without alt", slug="image-without-alt", body=[])
    body = [("image", {"image": image.pk, "alt_text": "", "caption": "The new bridge at dusk"})]
    response = admin_client.post(add_url, article_form(draft, body=body))
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert not ArticlePage.objects.filter(slug="image-without-alt").exists()
    body = [("image", {"image": image.pk, "alt_text": "A bridge lit at dusk", "caption": "The new bridge"})]
    response = admin_client.post(add_url, article_form(draft, body=body))
    assert response.status_code == 302, form_errors(response)
    article = ArticlePage.objects.get(slug="image-without-alt")
    assert article.body[0].value["alt_text"] == "A bridge lit at dusk"


# --- The "Empty channels" report -------------------------------------------------------------------


@pytest.fixture
def empty_channel(db):
    return make_channel(SectionPage.objects.get(slug="current-news"), "Press Releases")


def report_rows(response) -> dict[str, object]:
    """Report rows by channel title."""
    page = soup(response)
    return {text_of(row.select_one("td.title a")): row for row in page.select("table.listing tbody tr")}


def test_the_report_lists_channels_without_live_items_with_edit_and_add_links(admin_client, empty_channel):
    rows = report_rows(admin_client.get(REPORT_URL))
    assert list(rows) == ["Press Releases"]
    row = rows["Press Releases"]
    hrefs = [a["href"] for a in row.select("a")]
    assert reverse("wagtailadmin_pages:edit", args=[empty_channel.pk]) in hrefs
    add_url = reverse("wagtailadmin_pages:add_subpage", args=[empty_channel.pk])
    assert add_url in hrefs
    assert "Current News" in text_of(row)
    # The add link offers the item types the channel accepts, articles among them, and
    # adding an article takes the channel off the report.
    response = admin_client.get(add_url, follow=True)
    assert response.status_code == 200
    article_form_url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", empty_channel.pk])
    assert article_form_url in response.content.decode() or response.redirect_chain[-1][0] == article_form_url
    make_article(empty_channel, "First release")
    assert report_rows(admin_client.get(REPORT_URL)) == {}


def test_the_report_says_so_when_no_channel_is_empty(admin_client):
    page = soup(admin_client.get(REPORT_URL))
    assert "Empty channels" in text_of(page.select_one("h1"))
    assert "Every channel you can edit lists at least one published item." in text_of(page)


def test_a_channel_whose_items_are_all_unpublished_is_reported(admin_client):
    channel = ChannelPage.objects.get(slug="hot-report")
    for item in channel.get_children().live():
        item.unpublish()
    assert list(report_rows(admin_client.get(REPORT_URL))) == ["Hot Report"]


def test_a_featuring_channel_with_nothing_featured_is_reported_without_an_add_link(admin_client):
    ArticlePage.objects.filter(is_top_news=True).update(is_top_news=False)
    rows = report_rows(admin_client.get(REPORT_URL))
    assert list(rows) == ["TopNews"]
    assert "/admin/pages/add/" not in str(rows["TopNews"])
    assert "Feature an article" in text_of(rows["TopNews"])


def test_the_report_exports_as_csv(admin_client, empty_channel):
    response = admin_client.get(REPORT_URL + "?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    header, row = content.strip().splitlines()
    assert header == "Channel,Section,Lists,Status,Address"
    assert row.startswith("Press Releases,Current News,Its own items,live,http")
    assert row.endswith("/en/current-news/press-releases/")


def test_the_report_is_in_the_reports_menu_for_a_superuser(admin_client, admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    names = [item.name for item in reports_menu.menu_items_for_request(request)]
    assert "empty-channels" in names
    item = next(i for i in reports_menu.menu_items_for_request(request) if i.name == "empty-channels")
    assert item.url == REPORT_URL
    assert str(item.label) == "Empty channels"
    assert REPORT_URL in admin_client.get("/admin/").content.decode()


def make_user(username: str, *groups: Group):
    user = get_user_model().objects.create_user(username=username, password="x")
    user.groups.add(*groups)
    return user


@pytest.fixture
def admin_access_group(db):
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return group


def test_an_editor_with_page_permissions_sees_the_report_for_the_pages_they_can_edit(
    client, admin_access_group, empty_channel
):
    editors = Group.objects.create(name="Tourism editors")
    tourism = SectionPage.objects.get(slug="tourism")
    GroupPagePermission.objects.create(group=editors, page=tourism, permission_type="change")
    GroupPagePermission.objects.create(group=editors, page=tourism, permission_type="add")
    tourism_channel = make_channel(tourism, "Festivals")
    editor = make_user("tourism-editor", admin_access_group, editors)
    client.force_login(editor)
    request = RequestFactory().get("/admin/")
    request.user = editor
    assert "empty-channels" in [i.name for i in reports_menu.menu_items_for_request(request)]
    rows = report_rows(client.get(REPORT_URL))
    # The Current News channel is someone else's to fill.
    assert list(rows) == ["Festivals"]
    assert reverse("wagtailadmin_pages:edit", args=[tourism_channel.pk]) in str(rows["Festivals"])


def test_the_standard_editors_group_sees_every_empty_channel(client, empty_channel):
    editor = make_user("editor", Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert list(report_rows(client.get(REPORT_URL))) == ["Press Releases"]


def test_a_user_without_page_permissions_neither_sees_nor_opens_the_report(
    client, admin_access_group, empty_channel
):
    user = make_user("no-pages", admin_access_group)
    client.force_login(user)
    request = RequestFactory().get("/admin/")
    request.user = user
    assert "empty-channels" not in [i.name for i in reports_menu.menu_items_for_request(request)]
    response = client.get(REPORT_URL)
    assert response.status_code in (302, 403)
    assert "Press Releases" not in response.content.decode()


def test_visitors_are_sent_to_the_admin_login(client):
    response = client.get(REPORT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_report_pages_its_results(admin_client):
    section = SectionPage.objects.get(slug="life")
    for number in range(55):
        section.add_child(instance=ChannelPage(title=f"Empty {number:02d}", slug=f"empty-{number:02d}"))
    Page.objects.filter(slug__startswith="empty-").update(live=True)
    first = report_rows(admin_client.get(REPORT_URL))
    second = report_rows(admin_client.get(REPORT_URL + "?p=2"))
    assert len(first) == 50 and len(second) == 5
    assert not set(first) & set(second)


def test_previewing_an_edited_article_with_tags_works(admin_client, reference_article):
    """The preview renders the page from the form, with its tags held in memory."""
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[reference_article.pk])
    data = article_form(reference_article, title="Previewed title", tags="investment, preview-only")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.json()["is_valid"] is True
    preview = admin_client.get(url)
    assert preview.status_code == 200
    page = soup(preview)
    assert text_of(page.h1) == "Previewed title"
    assert page.select_one("section.related") is not None
    # Nothing was saved by previewing.
    assert ArticlePage.objects.get(pk=reference_article.pk).title == reference_article.title
