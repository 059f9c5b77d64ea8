"""The home page of an edition: top news, picture news, each section's latest items and
the online service shortcuts."""

import pytest

from cityportal.core.items import live_items
from cityportal.core.tests.utils import city_time, make_article, soup
from cityportal.core.tests.utils import text_of as text
from cityportal.demo import reference_article as ref
from cityportal.home.models import PICTURE_NEWS_COUNT, TOP_NEWS_COUNT, HomePage
from cityportal.news.models import ArticlePage, ChannelPage, SectionPage

pytestmark = pytest.mark.django_db


def test_the_reference_article_leads_the_top_news(demo_home):
    assert [a.title for a in demo_home.top_news()] == [ref.TITLE]


def test_top_news_is_the_newest_featured_items_up_to_the_limit(demo_home, hot_news):
    for day in range(1, TOP_NEWS_COUNT + 2):
        make_article(hot_news, f"Featured {day}", is_top_news=True, at=city_time(2025, 1, day, 9, 0, 0))
    titles = [a.title for a in demo_home.top_news()]
    assert len(titles) == TOP_NEWS_COUNT
    assert titles[0] == f"Featured {TOP_NEWS_COUNT + 1}"
    assert ref.TITLE not in titles


def test_unpublished_top_news_is_not_shown(demo_home, reference_article):
    reference_article.unpublish()
    assert list(demo_home.top_news()) == []


def test_picture_news_needs_a_picture(demo_home):
    pictures = list(demo_home.picture_news())
    assert len(pictures) == PICTURE_NEWS_COUNT
    assert all(p.lead_image_id and p.is_picture_news for p in pictures)
    ArticlePage.objects.filter(pk=pictures[0].pk).update(lead_image=None)
    assert pictures[0] not in list(demo_home.picture_news())


def test_each_section_shows_its_latest_items(demo_home):
    sections = demo_home.sections_with_latest()
    assert [s.title for s, _items in sections] == list(
        SectionPage.objects.child_of(demo_home).values_list("title", flat=True)
    )
    assert len(sections) == 9
    for section, items in sections:
        assert [i.pk for i in items] == [i.pk for i in live_items(within=section)[:5]]
    current_news = {s.slug: items for s, items in sections}["current-news"]
    assert current_news[0].title == ref.TITLE


def test_the_home_page_shows_top_news_pictures_sections_and_services(client, demo_home):
    page = soup(client.get("/en/"))
    lead = page.select_one(".top-news-lead a")
    assert text(lead) == ref.TITLE
    pictures = page.select(".picture-list img")
    assert len(pictures) == PICTURE_NEWS_COUNT
    assert all(img["alt"] for img in pictures)
    boxes = page.select(".home-sections .channel-box h2")
    assert [text(h) for h in boxes] == [s.title for s, _i in demo_home.sections_with_latest()]
    services = [text(a) for a in page.select(".service-links a")]
    online = SectionPage.objects.get(slug="online-service")
    assert services == [c.title for c in ChannelPage.objects.child_of(online).live()]
    assert page.select_one("#weather") is not None


def test_service_links_to_unpublished_pages_are_hidden(client, demo_home):
    faq = ChannelPage.objects.get(slug="faq")
    faq.unpublish()
    services = [text(a) for a in soup(client.get("/en/")).select(".service-links a")]
    assert "FAQ" not in services
    link = demo_home.service_links.get(link_page=faq)
    link.label = "Questions"
    assert link.text == "Questions"


def test_the_home_page_is_the_site_root(demo_home):
    assert demo_home.get_site().root_page_id == demo_home.pk
    assert isinstance(demo_home, HomePage)
    assert demo_home.get_section() is None
