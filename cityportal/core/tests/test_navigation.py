"""The main menu (9 sections, their 53 entries in order, AllDocsList at the top level,
the current section marked) and breadcrumbs on every kind of page."""

import pytest
from django.test import RequestFactory

from cityportal.core import navigation, tree_version
from cityportal.core.models import PageTreeVersion
from cityportal.core.tests.utils import make_channel, soup
from cityportal.core.tests.utils import text_of as text
from cityportal.demo import site_structure
from cityportal.news.models import ChannelPage, FeedIndexPage, SectionPage

pytestmark = pytest.mark.django_db

EXPECTED_SECTIONS = [title for title, _slug, _entries in site_structure.SECTIONS]
EXPECTED_ENTRIES = {
    title: ["Weather" if kind == site_structure.WEATHER else entry for entry, _s, kind, _c in entries]
    for title, _slug, entries in site_structure.SECTIONS
}


def test_the_reference_structure_has_9_sections_and_53_entries():
    assert len(EXPECTED_SECTIONS) == 9
    assert sum(len(entries) for entries in EXPECTED_ENTRIES.values()) == 53
    assert ChannelPage.objects.count() + FeedIndexPage.objects.count() == 52


def request_for(path: str = "/en/"):
    return RequestFactory().get(path)


def test_build_menu_lists_sections_and_entries_in_order():
    menu = navigation.build_menu(request_for(), None)
    assert [entry.title for entry in menu] == EXPECTED_SECTIONS + ["AllDocsList"]
    for entry in menu[:9]:
        assert [child.title for child in entry.children] == EXPECTED_ENTRIES[entry.title]
    assert sum(len(entry.children) for entry in menu) == 53
    all_docs = menu[-1]
    assert (all_docs.url, all_docs.children) == ("/en/alldocslist/", [])
    weather = menu[8].children[-1]
    assert (weather.title, weather.url) == ("Weather", "/en/#weather")


def test_the_menu_uses_a_fixed_number_of_queries(django_assert_max_num_queries):
    request = request_for()
    navigation.build_menu(request, None)  # warms the site lookup cache
    tree_version.bump()  # the menu is built again
    with django_assert_max_num_queries(7):
        navigation.build_menu(request, None)
    # Then it comes from this process's memory: a new request reads only its site,
    # the edition's home and the tree's version.
    with django_assert_max_num_queries(3):
        navigation.build_menu(request_for(), None)


def test_a_renamed_channel_is_in_the_next_menu(hot_news):
    navigation.build_menu(request_for(), None)
    hot_news.title = "Breaking News"
    hot_news.save_revision().publish()
    assert [c.title for c in navigation.build_menu(request_for(), None)[4].children][0] == "Breaking News"


def test_a_change_by_another_process_is_seen(hot_news):
    """Another process's change reaches this one through the token in the database."""
    navigation.build_menu(request_for(), None)
    ChannelPage.objects.filter(pk=hot_news.pk).update(title="Renamed elsewhere")  # no signals
    assert navigation.build_menu(request_for(), None)[4].children[0].title == "Hot News"  # still cached
    PageTreeVersion.objects.update(token="from-another-process")
    assert navigation.build_menu(request_for(), None)[4].children[0].title == "Renamed elsewhere"


def test_build_menu_marks_the_current_section_and_channel(reference_article, hot_news):
    menu = navigation.build_menu(request_for(reference_article.url), reference_article)
    current = [entry.title for entry in menu if entry.is_current]
    assert current == ["Current News"]
    section = next(entry for entry in menu if entry.is_current)
    assert [c.title for c in section.children if c.is_current] == ["Hot News"]
    assert navigation.build_menu(request_for(), None)[4].is_current is False


def test_pages_hidden_from_menus_are_not_in_the_menu():
    channel = make_channel(SectionPage.objects.get(slug="current-news"), "Hidden channel")
    channel.show_in_menus = False
    channel.save_revision().publish()
    titles = [c.title for e in navigation.build_menu(request_for(), None) for c in e.children]
    assert "Hidden channel" not in titles
    shown = make_channel(SectionPage.objects.get(slug="current-news"), "Shown channel")
    menu = navigation.build_menu(request_for(), None)
    assert [c.title for c in menu[4].children] == ["Hot News", "Special Report", "Hot Report", shown.title]


def rendered_menu(client, url):
    page = soup(client.get(url))
    nav = page.select_one("nav.main-nav")
    sections = nav.select("li.main-nav__section")
    return page, nav, sections


def test_the_rendered_menu_matches_the_reference_structure(client):
    _page, nav, sections = rendered_menu(client, "/en/")
    assert nav["aria-label"] == "Main menu"
    assert [text(s.select_one("a.main-nav__link")) for s in sections] == EXPECTED_SECTIONS + ["AllDocsList"]
    for section in sections[:9]:
        title = text(section.select_one("a.main-nav__link"))
        assert [text(a) for a in section.select(".main-nav__panel a")] == EXPECTED_ENTRIES[title]
    assert sections[-1].select(".main-nav__panel a") == []
    links = [a["href"] for s in sections for a in s.select(".main-nav__panel a")]
    assert len(links) == 53


def test_every_menu_link_leads_to_a_page(client):
    _page, nav, _sections = rendered_menu(client, "/en/")
    for link in nav.select("a"):
        href = link["href"].split("#")[0]
        assert client.get(href).status_code == 200, href


@pytest.mark.parametrize(
    ("url", "section", "channel"),
    [
        ("/en/current-news/", "Current News", None),
        ("/en/current-news/hot-news/", "Current News", "Hot News"),
        ("/en/current-news/hot-news/page/1/", "Current News", "Hot News"),
        ("/en/special-column/rss/", "Special Column", "RSS"),
        ("/en/alldocslist/", "AllDocsList", None),
    ],
)
def test_the_current_section_is_marked(client, url, section, channel):
    _page, _nav, sections = rendered_menu(client, url)
    marked = [s for s in sections if s.select_one("a.main-nav__link").get("aria-current")]
    assert [text(s.select_one("a.main-nav__link")) for s in marked] == [section]
    assert "is-current" in marked[0]["class"]
    marked_channels = [text(a) for a in marked[0].select(".main-nav__panel a[aria-current]")]
    assert marked_channels == ([channel] if channel else [])


def test_the_current_channel_is_marked_on_its_articles(client, reference_article):
    _page, _nav, sections = rendered_menu(client, reference_article.url)
    marked = [text(a) for a in _nav.select(".main-nav__panel a[aria-current]")]
    assert marked == ["Hot News"]


def test_nothing_is_marked_on_the_home_page(client):
    _page, nav, _sections = rendered_menu(client, "/en/")
    assert nav.select("[aria-current]") == []


def breadcrumb_trail(client, url) -> list[tuple[str, str]]:
    nav = soup(client.get(url)).select_one("nav.breadcrumbs")
    assert nav is not None, url
    assert nav["aria-label"] == "Breadcrumb"
    return [(text(a), a["href"]) for a in nav.select("li a, li span")]


def test_breadcrumbs_on_an_article(client, reference_article):
    trail = breadcrumb_trail(client, reference_article.url)
    assert trail == [
        ("Home", "/en/"),
        ("Current News", "/en/current-news/"),
        ("Hot News", "/en/current-news/hot-news/"),
        (reference_article.title, reference_article.url),
    ]
    last = soup(client.get(reference_article.url)).select("nav.breadcrumbs li")[-1]
    assert last.select_one('[aria-current="page"]') is not None


@pytest.mark.parametrize(
    ("url", "trail"),
    [
        ("/en/tourism/", ["Home", "Tourism"]),
        ("/en/tourism/travel-tips/", ["Home", "Tourism", "Travel Tips"]),
        ("/en/current-news/hot-news/page/1/", ["Home", "Current News", "Hot News"]),
        ("/en/special-column/rss/", ["Home", "Special Column", "RSS"]),
        ("/en/alldocslist/", ["Home", "AllDocsList"]),
    ],
)
def test_breadcrumbs_on_every_kind_of_page(client, url, trail):
    assert [title for title, _href in breadcrumb_trail(client, url)] == trail


def test_the_home_page_needs_no_breadcrumbs(client):
    # It is the first crumb of every other trail; a trail of one adds nothing there.
    assert soup(client.get("/en/")).select_one("nav.breadcrumbs") is None


def test_breadcrumbs_helper_starts_at_the_edition_home(reference_article, demo_home):
    crumbs = navigation.breadcrumbs(reference_article)
    assert crumbs[0].pk == demo_home.pk
    assert crumbs[-1].pk == reference_article.pk
    assert len(crumbs) == 4


def test_edition_home_is_the_site_root(demo_home):
    assert navigation.edition_home(request_for()).pk == demo_home.pk
