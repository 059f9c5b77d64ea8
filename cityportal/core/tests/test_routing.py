"""The address shortcut (core.routing) finds exactly what Wagtail's level-by-level walk
finds, for every page of the demo and the routes of routable pages, in fewer queries."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from cityportal.core.routing import route_by_address
from cityportal.core.tests.utils import make_channel
from cityportal.news.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db


def walk(home, components):
    """Wagtail's own answer: Page.route, level by level."""
    try:
        return summary(Page.route(home, RequestFactory().get("/"), components))
    except Http404:
        return "404"


def shortcut(home, components):
    try:
        found = home.specific.route(RequestFactory().get("/"), components)
    except Http404:
        return "404"
    return summary(found)


def summary(result):
    page, args, kwargs = result
    view = args[0].__name__ if args else None
    return (page.pk, view, tuple(args[1:]) if args else (), kwargs)


ROUTES = (["page", "2"], ["page", "x"], ["rss.xml"], ["write"], ["track"], ["letters"], ["results"])


def addresses(home):
    """Every page under the home and an address below it that is not a page, and the
    routes of the routable pages."""
    for page in Page.objects.descendant_of(home).specific():
        components = [c for c in page.url_path[len(home.url_path) :].split("/") if c]
        yield components
        yield components + ["nope"]
        if isinstance(page, RoutablePageMixin):
            yield from (components + extra for extra in ROUTES)
    yield ["no-such-section"]
    yield ["current-news", "no-such-channel", "x"]


def test_every_address_routes_as_wagtail_routes_it(demo_home):
    checked = 0
    for components in addresses(demo_home):
        assert shortcut(demo_home, components) == walk(demo_home, components), components
        checked += 1
    assert checked > 700


def test_a_child_under_a_draft_page_and_a_draft_page_route_as_wagtail(demo_home):
    section = SectionPage.objects.get(slug="current-news")
    channel = make_channel(section, "Draft channel")
    article = channel.add_child(instance=ArticlePage(title="Under a draft", slug="under-a-draft"))
    article.save_revision().publish()
    channel.unpublish()
    for components in (["current-news", channel.slug], ["current-news", channel.slug, article.slug]):
        assert shortcut(demo_home, components) == walk(demo_home, components)
    assert shortcut(demo_home, ["current-news", channel.slug]) == "404"


def test_an_article_is_found_in_two_queries(demo_home, reference_article, django_assert_num_queries):
    components = [c for c in reference_article.url_path[len(demo_home.url_path) :].split("/") if c]
    with django_assert_num_queries(2):  # the pages along the address, the article's own fields
        page, _args, _kwargs = route_by_address(demo_home, RequestFactory().get("/"), components)
    assert page.pk == reference_article.pk
