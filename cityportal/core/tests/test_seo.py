"""What search engines and broken links meet: sitemap.xml, robots.txt, canonical URLs,
OpenGraph tags, the friendly 404 page and the 500 page."""

import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import Client, RequestFactory
from django.urls import get_resolver, path
from wagtail.models import Page

from cityportal import urls as portal_urls
from cityportal.core.tests.utils import soup
from cityportal.core.tests.utils import text_of as text
from cityportal.news.models import ArticlePage, ChannelPage

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_files(client) -> list[ET.Element]:
    """The sitemap files listed by the sitemap index at /sitemap.xml, parsed."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    index = ET.fromstring(response.content)  # noqa: S314 - the portal's own response
    files = []
    for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS):
        part = client.get(loc.text.removeprefix("http://testserver"))
        assert part.status_code == 200
        files.append(ET.fromstring(part.content))  # noqa: S314 - the portal's own response
    return files


def sitemap_locations(client) -> list[str]:
    return [loc.text for root in sitemap_files(client) for loc in root.findall("s:url/s:loc", SITEMAP_NS)]


def test_a_large_site_gets_one_sitemap_file_per_range_of_page_ids(client, settings, demo_home):
    settings.CITYPORTAL_PAGE_RANGE_SIZE = 100
    files = sitemap_files(client)
    live = Page.objects.live().public().descendant_of(demo_home, inclusive=True)
    ranges = {(page_id - 1) // 100 for page_id in live.values_list("id", flat=True)}
    assert len(files) == len(ranges) > 1
    assert all(len(root.findall("s:url", SITEMAP_NS)) <= 100 for root in files)
    assert sorted(sitemap_locations(client)) == sorted(page.full_url for page in live)
    # Each file lists the pages of its range.
    first = client.get("/sitemap-pages-1.xml").content.decode()
    assert all(page.full_url in first for page in live.filter(id__lte=100))
    assert not any(page.full_url in first for page in live.filter(id__gt=100))


def test_a_sitemap_file_with_no_pages_is_not_found(client, settings):
    settings.CITYPORTAL_PAGE_RANGE_SIZE = 100
    last = Page.objects.order_by("-id").first().pk
    assert client.get(f"/sitemap-pages-{last // 100 + 5}.xml").status_code == 404
    assert client.get("/sitemap-pages-0.xml").status_code == 404
    assert client.get("/sitemap-other.xml").status_code == 404
    assert client.get("/sitemap-pages-\u0661.xml").status_code == 404  # an Arabic-Indic one
    assert client.get("/sitemap-pages-1.xml").status_code == 200


def test_a_sitemap_file_longer_than_the_limit_is_split_into_pages(client, settings, demo_home):
    settings.CITYPORTAL_SITEMAP_LIMIT = 100
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-pages-1.xml?p=2" in index
    files = sitemap_files(client)
    assert all(len(root.findall("s:url", SITEMAP_NS)) <= 100 for root in files)
    live = Page.objects.live().public().descendant_of(demo_home, inclusive=True)
    assert len(sitemap_locations(client)) == live.count()


def test_the_sitemap_lists_every_live_page_with_its_full_url(client, demo_home, reference_article):
    locations = sitemap_locations(client)
    live = Page.objects.live().public().descendant_of(demo_home, inclusive=True)
    assert len(locations) == live.count()
    assert set(locations) == {page.full_url for page in live}
    assert all(loc.startswith("http://127.0.0.1:8000/en/") for loc in locations)
    assert reference_article.full_url in locations
    assert "http://127.0.0.1:8000/en/current-news/hot-news/" in locations
    assert "http://127.0.0.1:8000/en/alldocslist/" in locations


def test_the_sitemap_leaves_out_unpublished_and_private_pages(client, reference_article, hot_news):
    from wagtail.models import PageViewRestriction

    reference_article.unpublish()
    private = ChannelPage.objects.get(slug="special-report")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    locations = sitemap_locations(client)
    assert reference_article.full_url not in locations
    assert not [loc for loc in locations if loc.startswith(private.full_url)]
    assert hot_news.full_url in locations


def test_the_sitemap_gives_last_modification_dates(client, reference_article):
    entries = {
        url.find("s:loc", SITEMAP_NS).text: url.find("s:lastmod", SITEMAP_NS).text
        for root in sitemap_files(client)
        for url in root.findall("s:url", SITEMAP_NS)
    }
    assert entries[reference_article.full_url] == "2024-05-18"


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert client.get("/sitemap.xml").status_code == 200


def test_robots_txt_answers_only_reads(client):
    assert client.post("/robots.txt").status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/current-news/",
        "/en/current-news/hot-news/",
        "/en/special-column/rss/",
        "/en/alldocslist/",
    ],
)
def test_pages_name_their_canonical_url_and_opengraph_data(client, url):
    page = soup(client.get(url))
    canonical = page.select_one('link[rel="canonical"]')["href"]
    assert canonical == "http://127.0.0.1:8000" + url
    og = {m["property"]: m["content"] for m in page.select("meta[property]")}
    assert og["og:url"] == canonical
    assert og["og:type"] == "website"
    assert og["og:site_name"] == "Hengyang Municipal People's Government"
    assert og["og:title"] == text(page.select_one("main h1")) or url == "/en/"


def test_a_search_description_becomes_the_meta_and_og_description(client, reference_article):
    reference_article.search_description = "Hengyang signs agreements with central enterprises."
    reference_article.save_revision().publish()
    page = soup(client.get(reference_article.url))
    assert page.select_one('meta[name="description"]')["content"] == reference_article.search_description
    assert (
        page.select_one('meta[property="og:description"]')["content"] == reference_article.search_description
    )


# --- 404 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/en/no-such-page/", "/en/current-news/no-such-channel/", "/en/a/b/c/"])
def test_the_404_page_is_in_the_site_design_with_menu_and_search(client, url):
    response = client.get(url)
    assert response.status_code == 404
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert text(page.select_one("main h1")) == "Page not found"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert len(page.select("nav.main-nav li.main-nav__section")) == 10
    forms = page.select('form[role="search"]')
    assert len(forms) == 2  # the header's and the page's own
    for form in forms:
        assert form["action"] == "/en/search/"
        label = form.select_one("label")
        assert form.select_one(f'input[name="q"]#{label["for"]}') is not None
    assert page.select_one("main a")["href"] == "/en/"
    assert page.select_one("footer.site-footer") is not None


def test_an_unpublished_article_gets_the_friendly_404(client, reference_article):
    reference_article.unpublish()
    response = client.get(reference_article.url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


# --- 500 ---------------------------------------------------------------------------------------


def broken_view(request):
    raise RuntimeError("Something broke")


urlpatterns = [path("broken/", broken_view), *portal_urls.urlpatterns]
handler404 = portal_urls.handler404
handler500 = portal_urls.handler500


def test_the_portal_handler500_is_the_friendly_page():
    callback = get_resolver().resolve_error_handler(500)
    assert callback.__module__ == "cityportal.core.views"
    response = callback(RequestFactory().get("/en/"))
    assert response.status_code == 500
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert text(page.h1) == "Sorry, something went wrong on our side"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert page.select_one('a[href="/"]') is not None


def test_the_500_page_needs_no_database(django_assert_num_queries):
    callback = get_resolver().resolve_error_handler(500)
    with django_assert_num_queries(0):
        response = callback(RequestFactory().get("/en/"))
    assert response.status_code == 500


@pytest.mark.urls("cityportal.core.tests.test_seo")
def test_an_exception_in_a_view_gives_the_500_page():
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    content = response.content.decode()
    assert "Sorry, something went wrong on our side" in content
    assert "Something broke" not in content
    assert "Traceback" not in content


def test_articles_are_not_in_the_sitemap_twice(client):
    locations = sitemap_locations(client)
    assert len(locations) == len(set(locations))
    assert (
        len([loc for loc in locations if "/hot-news/" in loc])
        == 1 + ArticlePage.objects.live().child_of(ChannelPage.objects.get(slug="hot-news")).count()
    )


def test_the_sitemap_index_gives_the_latest_modification_of_its_pages(client, demo_home):
    from django.db.models import Max

    index = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - the portal's own response
    lastmod = index.find("s:sitemap/s:lastmod", SITEMAP_NS).text
    latest = (
        Page.objects.live()
        .public()
        .descendant_of(demo_home, inclusive=True)
        .aggregate(latest=Max("last_published_at"))["latest"]
    )
    # As instants: the index writes local time, the database keeps UTC (the dates
    # differ for eight hours of each day).
    assert datetime.fromisoformat(lastmod) == latest, (lastmod, latest)
