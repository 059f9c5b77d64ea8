"""How listings and an article's neighbours read the database: the same pages by either
way of listing a subtree, through the indexes that keep them fast on a large SQLite site,
and a number of queries per page that does not grow with the site."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cityportal.core import items
from cityportal.core.items import live_items
from cityportal.demo.bulk import generate_sample_items
from cityportal.demo.loader import HOT_NEWS_SAMPLES
from cityportal.news.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db


def ids(qs) -> list[int]:
    return list(qs.values_list("pk", flat=True))


def plan_of(qs) -> str:
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return " | ".join(row[-1] for row in cursor.fetchall())


@pytest.fixture
def as_large(monkeypatch):
    """Every subtree is listed the way a large one is."""
    monkeypatch.setattr(items, "SMALL_SUBTREE", 1)


def test_both_ways_list_the_same_pages(demo_home, hot_news, monkeypatch):
    section = SectionPage.objects.get(slug="current-news")
    english = Locale.objects.get(language_code="en")
    cases = [{"within": hot_news}, {"within": section}, {"within": demo_home}, {"locale": english}, {}]
    small = [ids(live_items(**case)) for case in cases]
    monkeypatch.setattr(items, "SMALL_SUBTREE", 1)
    large = [ids(live_items(**case)) for case in cases]
    assert small == large
    assert all(small) and len(small[2]) > len(small[1]) > len(small[0]) == HOT_NEWS_SAMPLES + 1


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plans")
def test_sqlite_plans(hot_news, as_large):
    # A large subtree: walk the publication-time index from the newest, no sorting.
    plan = plan_of(live_items(within=hot_news)[:20])
    assert "first_published_at" in plan and "TEMP B-TREE" not in plan, plan
    # A small one: its tree-path range (the unique index on path).
    items.SMALL_SUBTREE = 10_000
    plan = plan_of(live_items(within=hot_news)[:20])
    assert "sqlite_autoindex_wagtailcore_page_1 (path>? AND path<?)" in plan, plan
    # An article's neighbours: from the article along the publication-time index.
    article = ArticlePage.objects.child_of(hot_news).order_by("-first_published_at")[10]
    siblings = article.siblings_in_channel().filter(first_published_at__lte=article.first_published_at)
    plan = plan_of(siblings.order_by("-first_published_at", "-pk")[:1])
    assert "first_published_at" in plan and "depth" not in plan, plan


def query_counts(client, urls: list[str]) -> dict[str, int]:
    counts = {}
    for url in urls:
        client.get(url)  # the menu and the site lookup, once per process
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_page_queries_do_not_grow_with_the_site(client, demo_home, hot_news, reference_article):
    section = SectionPage.objects.get(slug="current-news")
    urls = [reference_article.url, hot_news.url, section.url, demo_home.url, demo_home.url + "alldocslist/"]
    before = query_counts(client, urls)
    generate_sample_items(460)  # 20 more in each channel that takes articles
    after = query_counts(client, urls)
    assert after == before
    assert ArticlePage.objects.child_of(hot_news).count() > 40
