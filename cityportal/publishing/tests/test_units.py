"""What the published site is made of: units and the files of their addresses."""

import pytest

from cityportal.core.pagination import numbered_pages
from cityportal.publishing import units

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "file"),
    [
        ("/", "index.html"),
        ("/en/", "en/index.html"),
        ("/en/current-news/hot-news/page/2/", "en/current-news/hot-news/page/2/index.html"),
        ("/en/current-news/hot-news/rss.xml", "en/current-news/hot-news/rss.xml"),
        ("/zh-hans/%E6%96%B0%E9%97%BB/", "zh-hans/新闻/index.html"),
    ],
)
def test_an_address_is_written_to_the_file_a_static_server_looks_for(url, file):
    assert units.url_to_file(url) == file


def test_the_site_is_every_public_page_and_the_files_that_belong_to_no_page(demo_home, hot_news):
    from cityportal.mailbox.models import MailboxPage

    all_units = units.all_units()
    for fixed in ("sitemap", "robots", "site-feed:en", "not-found:en", "not-found"):
        assert fixed in all_units
    assert units.page_unit(demo_home.pk) in all_units
    assert units.page_unit(hot_news.pk) in all_units
    # Each further address of a page is a unit of its own: an edit re-publishes the
    # one page of a listing that shows the edited item.
    assert units.page_unit(hot_news.pk, "/page/1/") in all_units
    assert units.page_unit(hot_news.pk, "/rss.xml") in all_units
    assert units.unit_urls(units.page_unit(hot_news.pk, "/rss.xml")) == [hot_news.url + "rss.xml"]
    assert units.unit_page_id(units.page_unit(hot_news.pk, "/page/1/")) == hot_news.pk
    # Pages with forms (the mailbox) stay dynamic.
    mailbox = MailboxPage.objects.live().first()
    assert mailbox is not None and units.page_unit(mailbox.pk) not in all_units
    # Parents before children, so a listing is never published before its section.
    assert all_units.index(units.page_unit(demo_home.pk)) < all_units.index(units.page_unit(hot_news.pk))


def test_a_channel_answers_at_every_page_of_its_listing_and_its_feed(hot_news):
    urls = units.page_urls(hot_news)
    base = hot_news.url
    assert urls[0] == base
    assert base + "rss.xml" in urls
    # Numbered from the oldest: every full block of 20 but the newest, from page 1.
    numbered = numbered_pages(hot_news.get_listing().count(), 20)
    assert numbered >= 1
    assert [u for u in urls if "/page/" in u] == [f"{base}page/{n}/" for n in range(1, numbered + 1)]


def test_restricted_and_unpublished_pages_are_not_published(reference_article):
    from wagtail.models import PageViewRestriction

    assert units.page_urls(reference_article) == [reference_article.url]
    PageViewRestriction.objects.create(
        page=reference_article.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    assert units.page_urls(reference_article) is None
    PageViewRestriction.objects.all().delete()
    reference_article.unpublish()
    reference_article.refresh_from_db()
    assert units.page_urls(reference_article) is None


def test_the_not_found_pages_are_written_where_servers_look_for_them():
    assert units.file_for("not-found", "/en/__not-published__/") == "404.html"
    assert units.file_for("not-found:zh-hans", "/zh-hans/__not-published__/") == "zh-hans/404.html"
