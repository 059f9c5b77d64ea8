"""Service guide models: the completeness rule outside the admin, review dates and the
small helpers the templates use."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from cityportal.core.items import item_page_models, live_items
from cityportal.core.tests.utils import soup, text_of
from cityportal.news.models import ArticlePage, ChannelPage
from cityportal.services.models import GuideChannelPage, GuideRelatedForm, ServiceGuidePage, months_before

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 11, 27), 12, date(2025, 11, 27)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2024, 2, 29), 12, date(2023, 2, 28)),
        (date(2026, 1, 15), 13, date(2024, 12, 15)),
        (date(2025, 12, 31), -2, date(2026, 2, 28)),
        (date(2026, 5, 1), 0, date(2026, 5, 1)),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


def naturalization() -> GuideChannelPage:
    return GuideChannelPage.objects.get(slug="naturalization")


def draft_guide(**fields) -> ServiceGuidePage:
    guide = ServiceGuidePage(title="Draft guide", slug="draft-guide", live=False, **fields)
    naturalization().add_child(instance=guide)
    return guide


def test_a_draft_is_saved_without_any_element():
    guide = draft_guide()
    guide.save_revision()
    assert not ServiceGuidePage.objects.get(pk=guide.pk).live
    assert guide.missing_elements() == list(ServiceGuidePage.REQUIRED_ELEMENTS)


def test_publishing_outside_the_admin_refuses_an_incomplete_guide():
    guide = draft_guide(audience="Everyone", fees="Free of charge.")
    revision = guide.save_revision()
    with pytest.raises(ValidationError) as refused:
        revision.publish()
    message = refused.value.messages[0]
    assert message.startswith("A service guide cannot be published without: Conditions, Materials to bring,")
    assert "Who it is for" not in message and "Fees," not in message
    assert not ServiceGuidePage.objects.get(pk=guide.pk).live


def test_a_complete_guide_published_outside_the_admin_goes_live():
    complete = ServiceGuidePage.objects.get(slug="extending-a-visa")
    copy = complete.copy(
        to=naturalization(),
        update_attrs={"slug": "extending-a-visa-copy", "title": "Copy"},
        keep_live=False,
    )
    copy.save_revision().publish()
    copy.refresh_from_db()
    assert copy.live
    assert [f.slug for f in copy.forms()] == ["visa-extension-application-form"]


def test_empty_rich_text_counts_as_missing():
    guide = ServiceGuidePage.objects.get(slug="extending-a-visa")
    guide.conditions = "<p></p>"
    guide.legal_basis = "<p> </p>"
    assert guide.missing_elements() == ["conditions", "legal_basis"]


def test_online_link_or_not_available_online():
    guide = ServiceGuidePage.objects.get(slug="extending-a-visa")
    guide.online_link = ""
    assert guide.missing_elements() == ["online_link"]
    guide.no_online_service = True
    assert guide.missing_elements() == []
    guide.online_link = "https://example.org/x"
    with pytest.raises(ValidationError) as both:
        guide.full_clean()
    assert "no_online_service" in both.value.message_dict


def test_forms_or_no_forms_needed():
    guide = ServiceGuidePage.objects.get(slug="extending-a-visa")
    guide.related_forms = []
    assert guide.missing_elements() == ["related_forms"]
    guide.no_forms_needed = True
    assert guide.missing_elements() == []


def test_only_published_forms_are_shown():
    guide = ServiceGuidePage.objects.get(slug="extending-a-visa")
    form = guide.forms()[0]
    form.unpublish()
    guide = ServiceGuidePage.objects.get(pk=guide.pk)
    assert guide.forms() == []
    assert GuideRelatedForm.objects.filter(guide=guide).count() == 1


@pytest.mark.parametrize(
    ("phone", "href"),
    [
        ("0734-000 0000 (sample number)", "tel:07340000000"),
        ("+86 734 000 0000", "tel:+867340000000"),
        ("ask at the desk", ""),
    ],
)
def test_phone_href(phone, href):
    assert ServiceGuidePage(phone=phone).phone_href() == href


def test_review_deadline_follows_the_setting(settings):
    guide = ServiceGuidePage(last_reviewed=date(2024, 2, 29))
    assert guide.review_deadline() == date(2025, 2, 28)
    settings.CITYPORTAL_GUIDE_REVIEW_MONTHS = 6
    assert guide.review_deadline() == date(2024, 8, 29)
    assert ServiceGuidePage().review_deadline() is None


def test_due_for_review_on_a_given_day():
    due = ServiceGuidePage.due_for_review(today=date(2027, 9, 16))
    slugs = list(due.values_list("slug", flat=True))
    # The demo's overdue guide (reviewed 2024-03-01) first; then every guide reviewed
    # before 2026-09-16, including the one reviewed the day before; not those of October.
    assert slugs[0] == "restoring-chinese-nationality"
    assert "applying-for-chinese-nationality" in slugs
    assert len(slugs) == ServiceGuidePage.objects.count() - 2
    assert "extending-a-visa" not in slugs and "reporting-temporary-accommodation" not in slugs
    reviewed = [ServiceGuidePage.objects.get(slug=s).last_reviewed for s in slugs]
    assert reviewed == sorted(reviewed)


def test_guides_are_content_items_listed_everywhere():
    assert ServiceGuidePage in item_page_models()
    guide = ServiceGuidePage.objects.get(slug="applying-for-chinese-nationality")
    assert guide.pk in [p.pk for p in live_items(within=naturalization())]


def test_guide_channels_take_guides_and_guides_only_go_in_guide_channels():
    channel = naturalization()
    assert isinstance(channel, ChannelPage)
    assert ServiceGuidePage.can_create_at(channel)
    assert not ArticlePage.can_create_at(channel)
    hot_news = ChannelPage.objects.get(slug="hot-news")
    assert not ServiceGuidePage.can_create_at(hot_news)


def test_search_text_has_every_element():
    guide = ServiceGuidePage.objects.get(slug="applying-for-chinese-nationality")
    text = " ".join(guide.get_search_text_parts())
    for expected in ("close relatives", "Valid passport", "Apply in person", "Nationality Law", "Hall"):
        assert expected in text


def test_guides_are_found_by_site_search(client):
    page = soup(client.get("/en/search/", {"q": "interview"}))
    assert "[Sample] Applying for Chinese nationality" in text_of(page.select_one("main"))


def test_guide_listing_summary_falls_back_to_who_it_is_for():
    assert ServiceGuidePage(audience="Foreign students in Hengyang.").listing_summary() == (
        "Foreign students in Hengyang."
    )


def test_guides_are_leaves():
    guide = ServiceGuidePage.objects.get(slug="applying-for-chinese-nationality")
    assert not Page.objects.child_of(guide).exists()
    assert ServiceGuidePage.subpage_types == []
