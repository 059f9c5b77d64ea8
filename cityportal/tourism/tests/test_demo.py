"""The tourism part of the demo: the channels it takes over have its page types, and
their content is eight attractions and two routes, all plainly marked as samples."""

import pytest
from PIL import Image as PILImage

from cityportal.demo.sample_content import SAMPLE_MARK
from cityportal.news.models import ArticlePage, ChannelPage
from cityportal.tourism import demo
from cityportal.tourism.models import AttractionPage, RoutesChannelPage, TopAttractionsPage, TouristRoutePage

pytestmark = pytest.mark.django_db


def channel(section: str, slug: str) -> ChannelPage:
    return ChannelPage.objects.get(slug=slug, depth=4, url_path__contains=f"/{section}/")


def test_the_two_channels_have_the_tourism_page_types(demo_home):
    assert channel(*demo.TOP_EIGHT).specific_class is TopAttractionsPage
    assert channel(*demo.ROUTES).specific_class is RoutesChannelPage
    for slug in ("tourism-dynamic", "hengyang-special", "transportation", "travel-tips"):
        plain = channel("tourism", slug)
        assert plain.specific_class is ChannelPage
        assert ArticlePage.objects.child_of(plain).exists()


def test_eight_sample_attractions_chosen_in_the_demo_order(demo_home):
    top = channel(*demo.TOP_EIGHT).specific
    attractions = AttractionPage.objects.child_of(top).live()
    assert attractions.count() == 8
    assert [p.slug for p in top.chosen_attractions()] == demo.TOP_ORDER
    for page in attractions:
        assert page.title.startswith(SAMPLE_MARK), page.title
        first = page.description[0].value.source
        assert "Sample content" in first, page.title
        assert "placeholder" in page.opening_hours and "placeholder" in page.tickets
        assert page.has_place and -90 <= page.latitude <= 90 and -180 <= page.longitude <= 180
        assert len(page.gallery) == 2
        for picture in page.gallery:
            assert picture.value["alt_text"].startswith("Sample drawing, not a photograph")
            assert "sample picture" in picture.value["caption"]
            with picture.value["image"].file.open() as stored, PILImage.open(stored) as drawn:
                assert drawn.size == (1200, 900)


def test_mount_heng_and_shigu_academy_are_among_them(demo_home):
    titles = set(AttractionPage.objects.values_list("title", flat=True))
    assert f"{SAMPLE_MARK} Mount Heng (Nanyue Hengshan)" in titles
    assert f"{SAMPLE_MARK} Shigu Academy" in titles


def test_two_sample_routes_link_the_attractions(demo_home):
    routes = TouristRoutePage.objects.child_of(channel(*demo.ROUTES)).live().order_by("path")
    assert [r.slug for r in routes] == [slug for slug, *_ in demo.ROUTE_SPECS]
    for route, (_slug, _name, duration, _summary, stops) in zip(routes, demo.ROUTE_SPECS, strict=True):
        assert route.title.startswith(SAMPLE_MARK)
        assert route.duration == duration
        assert "Sample content" in route.introduction
        assert [(s.attraction.slug, s.notes) for s in route.visible_stops()] == stops


def test_sample_dates_are_fixed(demo_home):
    page = AttractionPage.objects.get(slug="mount-heng")
    assert page.first_published_at == demo.FIRST_DATE
    assert page.last_published_at == demo.FIRST_DATE
