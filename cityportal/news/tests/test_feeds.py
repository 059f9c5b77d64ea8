"""RSS 2.0 feeds for the whole site and every channel, read with feedparser as feed
readers read them; autodiscovery links in page heads; the RSS page lists every feed."""

import calendar

import feedparser
import pytest
from wagtail.models import Page

from cityportal.core.models import PortalIdentity
from cityportal.core.tests.utils import city_time, make_article, make_channel, soup
from cityportal.core.tests.utils import text_of as text
from cityportal.demo import reference_article as ref
from cityportal.news.feeds import FEED_LENGTH, SiteFeed
from cityportal.news.models import ArticlePage, ChannelPage, SectionPage

pytestmark = pytest.mark.django_db

SITE_FEED = "/en/rss.xml"
HOT_NEWS_FEED = "/en/current-news/hot-news/rss.xml"


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, (url, feed.get("bozo_exception"))
    assert feed.version == "rss20"
    return feed


def assert_complete_items(feed):
    assert feed.entries
    for entry in feed.entries:
        assert entry.title
        assert entry.link.startswith("http")
        assert entry.id == entry.link
        assert entry.guidislink is False or entry.id == entry.link
        assert entry.published_parsed is not None
        assert entry.description


def published(entry) -> int:
    return calendar.timegm(entry.published_parsed)


def test_the_site_feed_lists_the_newest_items_of_the_whole_site(client, demo_home, reference_article):
    feed = read_feed(client, SITE_FEED)
    assert feed.feed.title == "Hengyang Municipal People's Government"
    assert feed.feed.link == demo_home.full_url
    assert len(feed.entries) == FEED_LENGTH
    assert_complete_items(feed)
    first = feed.entries[0]
    assert first.title == ref.TITLE
    assert first.link == reference_article.full_url
    assert published(first) == int(city_time(2024, 5, 18, 23, 14, 41).timestamp())
    assert first.description.startswith("From May 15th to 16th")
    times = [published(e) for e in feed.entries]
    assert times == sorted(times, reverse=True)
    # Items from several channels.
    assert len({e.link.rsplit("/", 3)[1] for e in feed.entries}) > 5


def test_a_channel_feed_lists_that_channels_items(client, hot_news):
    feed = read_feed(client, HOT_NEWS_FEED)
    assert feed.feed.title == "Hot News - Hengyang Municipal People's Government"
    assert feed.feed.link == hot_news.full_url
    assert_complete_items(feed)
    assert len(feed.entries) == FEED_LENGTH < hot_news.get_listing().count()
    assert [e.title for e in feed.entries] == [item.title for item in hot_news.get_listing()[:FEED_LENGTH]]
    assert all(e.link.startswith(hot_news.full_url) for e in feed.entries)


def test_every_channel_has_a_valid_feed(client):
    for channel in ChannelPage.objects.live():
        feed = read_feed(client, channel.feed_url())
        assert feed.feed.title.startswith(channel.title)
        if channel.specific_class.lists_items:
            assert_complete_items(feed)
        else:
            assert feed.entries == []  # an FAQ: the page is the content, no items


def test_an_empty_channel_has_a_valid_empty_feed(client):
    channel = make_channel(SectionPage.objects.get(slug="current-news"), "Announcements")
    feed = read_feed(client, channel.feed_url())
    assert feed.entries == []


def test_a_new_item_appears_at_the_top_of_its_feeds(client, hot_news):
    article = make_article(hot_news, "Feed freshness", summary="A short summary.")
    for url in (SITE_FEED, HOT_NEWS_FEED):
        entry = read_feed(client, url).entries[0]
        assert (entry.title, entry.link, entry.description) == (
            "Feed freshness",
            article.full_url,
            "A short summary.",
        )


def test_unpublished_items_leave_the_feeds(client, reference_article):
    reference_article.unpublish()
    for url in (SITE_FEED, HOT_NEWS_FEED, "/en/special-column/topnews/rss.xml"):
        assert ref.TITLE not in [e.title for e in read_feed(client, url).entries]


@pytest.mark.parametrize(
    "url",
    [
        "/en/current-news/rss.xml",  # a section
        "/en/current-news/hot-news/page/2/rss.xml",  # a page of a channel
        f"/en/current-news/hot-news/{ref.SLUG}/rss.xml",  # an article
        "/en/special-column/rss/rss.xml",  # the RSS page
        "/en/no-such-channel/rss.xml",
    ],
)
def test_only_channels_have_feeds(client, url):
    assert client.get(url).status_code == 404


def test_an_unpublished_channel_has_no_feed(client, hot_news):
    hot_news.unpublish()
    assert client.get(HOT_NEWS_FEED).status_code == 404


def test_a_private_channel_has_no_feed(client, hot_news):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=hot_news, restriction_type="password", password="x")
    assert client.get(HOT_NEWS_FEED).status_code == 404


def alternate_feeds(page) -> dict[str, str]:
    return {
        link["href"]: link["title"]
        for link in page.select('head link[rel="alternate"][type="application/rss+xml"]')
    }


@pytest.mark.parametrize(
    "url", ["/en/", "/en/current-news/", "/en/alldocslist/", "/en/special-column/rss/", "/en/search/?q=x"]
)
def test_every_page_head_points_to_the_site_feed(client, url):
    feeds = alternate_feeds(soup(client.get(url)))
    assert SITE_FEED in feeds
    assert feeds[SITE_FEED] == "Hengyang Municipal People's Government RSS"


def test_channel_and_article_pages_also_point_to_the_channel_feed(client, reference_article):
    for url in ("/en/current-news/hot-news/", "/en/current-news/hot-news/page/1/", reference_article.url):
        feeds = alternate_feeds(soup(client.get(url)))
        assert list(feeds) == [SITE_FEED, HOT_NEWS_FEED], url
        assert feeds[HOT_NEWS_FEED] == "Hot News RSS"
    for href in alternate_feeds(soup(client.get(reference_article.url))):
        read_feed(client, href)


def test_section_pages_point_only_to_the_site_feed(client):
    assert list(alternate_feeds(soup(client.get("/en/current-news/")))) == [SITE_FEED]


def test_a_channel_page_links_to_its_feed(client):
    link = soup(client.get("/en/current-news/hot-news/")).select_one("main .feed-link a")
    assert (text(link), link["href"]) == ("RSS feed of Hot News", HOT_NEWS_FEED)


def test_the_rss_page_lists_every_feed(client):
    page = soup(client.get("/en/special-column/rss/"))
    links = {a["href"]: text(a) for a in page.select("main .feed-list a")}
    channels = ChannelPage.objects.live().public()
    assert links[SITE_FEED] == "All new items"
    assert set(links) == {SITE_FEED} | {c.feed_url() for c in channels}
    assert len(links) == 1 + 51
    sections = [text(h2) for h2 in page.select("main h2")]
    assert sections[0] == "Whole site"
    assert sections[1:] == list(SectionPage.objects.live().order_by("path").values_list("title", flat=True))
    for href in links:
        read_feed(client, href)


def test_the_rss_page_lists_new_channels_and_forgets_unpublished_ones(client, hot_news):
    channel = make_channel(SectionPage.objects.get(slug="tourism"), "Festivals")
    hot_news.unpublish()
    links = {a["href"] for a in soup(client.get("/en/special-column/rss/")).select("main .feed-list a")}
    assert channel.feed_url() in links
    assert HOT_NEWS_FEED not in links


def test_feed_items_name_their_source_or_the_sites_default(client, hot_news, demo_home):
    identity = PortalIdentity.for_site(demo_home.get_site())
    identity.default_article_source = "Hengyang Information Office"
    identity.save()
    make_article(hot_news, "Own source", source="Xinhua", at=city_time(2025, 1, 2, 0, 0, 0))
    make_article(hot_news, "Default source", at=city_time(2025, 1, 1, 0, 0, 0))
    entries = read_feed(client, HOT_NEWS_FEED).entries
    assert [(e.title, e.author) for e in entries[:3]] == [
        ("Own source", "Xinhua"),
        ("Default source", "Hengyang Information Office"),
        (ref.TITLE, ref.SOURCE),
    ]


def test_items_other_than_articles_name_no_author():
    feed = SiteFeed()
    feed.identity = PortalIdentity(default_article_source="Hengyang Information Office")
    assert feed.item_author_name(ArticlePage(title="Article")) == "Hengyang Information Office"
    assert feed.item_author_name(Page(title="A guide or a project")) is None


def test_a_feed_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    client.get(SITE_FEED)
    with django_assert_max_num_queries(20):
        read_feed(client, SITE_FEED)
    with django_assert_max_num_queries(20):
        read_feed(client, HOT_NEWS_FEED)


def test_feed_lengths_are_capped(client, hot_news):
    for number in range(FEED_LENGTH + 2):
        hot_news.add_child(
            instance=ArticlePage(
                title=f"Bulk {number}",
                slug=f"bulk-{number}",
                body=[("paragraph", "<p>x</p>")],
                live=True,
                first_published_at=city_time(2025, 1, 1, 0, number, 0),
            )
        )
    feed = read_feed(client, HOT_NEWS_FEED)
    assert len(feed.entries) == FEED_LENGTH
    assert feed.entries[0].title == f"Bulk {FEED_LENGTH + 1}"
