"""Attractions, Top Eight Attractions and tourist routes: coordinates checked to range,
the map link from the settings, what each page lists and in which order, and that
attractions and routes are content items like articles."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cityportal.core.items import live_items
from cityportal.core.tests.utils import publish, soup, text_of
from cityportal.news.models import ChannelPage
from cityportal.tourism.models import (
    AttractionPage,
    RouteStop,
    TopAttraction,
    TopAttractionsPage,
    TouristRoutePage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def top_eight():
    return TopAttractionsPage.objects.get(slug="top-eight-attractions")


@pytest.fixture
def routes_channel():
    return ChannelPage.objects.get(slug="tourist-routes").specific


def make_attraction(channel, title: str, **fields) -> AttractionPage:
    fields.setdefault("address", f"{title} Road 1, Hengyang")
    fields.setdefault("description", [("paragraph", f"<p>About {title}.</p>")])
    return publish(channel, AttractionPage(title=title, **fields))


def attraction_errors(**fields) -> dict:
    page = AttractionPage(title="Test", slug="test", address="Somewhere", description=[], **fields)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    return error.value.message_dict


# --- Coordinates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latitude", "longitude", "field", "message"),
    [
        ("90.000001", "112", "latitude", "Latitude must be between -90 and 90 degrees."),
        ("-91", "112", "latitude", "Latitude must be between -90 and 90 degrees."),
        ("27", "180.5", "longitude", "Longitude must be between -180 and 180 degrees."),
        ("27", "-181", "longitude", "Longitude must be between -180 and 180 degrees."),
    ],
)
def test_coordinates_out_of_range_are_refused(latitude, longitude, field, message):
    errors = attraction_errors(latitude=Decimal(latitude), longitude=Decimal(longitude))
    assert message in errors[field]


def test_one_coordinate_without_the_other_is_refused():
    errors = attraction_errors(latitude=Decimal("27.25"))
    assert errors["longitude"] == ["Give both the latitude and the longitude, or neither."]


def test_the_limits_themselves_are_accepted(top_eight):
    page = make_attraction(top_eight, "South Pole Corner", latitude=Decimal("-90"), longitude=Decimal("180"))
    assert page.coordinates_text() == "90° S, 180° E"


def test_coordinates_are_shown_as_text_and_linked_to_the_map_service_of_the_settings(
    top_eight, settings, client
):
    settings.CITYPORTAL_MAP_LINK = "https://maps.example.test/?q={lat},{lon}&z={zoom}"
    page = make_attraction(
        top_eight, "Test Tower", latitude=Decimal("27.250000"), longitude=Decimal("112.735000")
    )
    assert page.coordinates_text() == "27.25° N, 112.735° E"
    assert page.map_url() == "https://maps.example.test/?q=27.25,112.735&z=15"
    html = soup(client.get(page.url))
    link = html.select_one(".visiting__location a.map-link")
    assert link["href"] == "https://maps.example.test/?q=27.25,112.735&z=15"
    assert text_of(html.select_one(".visiting__location .coordinates")) == "27.25° N, 112.735° E"


def test_an_attraction_without_coordinates_has_no_map_link(top_eight, client):
    page = make_attraction(top_eight, "Unmapped Garden")
    assert page.map_url() == "" and page.coordinates_text() == ""
    html = soup(client.get(page.url))
    assert html.select_one(".visiting__location") is None
    assert "geo" not in json.loads(html.select_one('script[type="application/ld+json"]').string)


def test_structured_data_is_a_tourist_attraction_with_geo_coordinates(top_eight, client):
    page = make_attraction(
        top_eight,
        "Test Pagoda",
        latitude=Decimal("26.905"),
        longitude=Decimal("112.624"),
        opening_hours="Daily 8:00-17:30",
        summary="A pagoda for the test.",
    )
    html = soup(client.get(page.url))
    data = json.loads(html.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "TouristAttraction"
    assert data["name"] == "Test Pagoda"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 26.905, "longitude": 112.624}
    assert data["address"] == "Test Pagoda Road 1, Hengyang"
    assert data["description"] == "A pagoda for the test."
    assert data["url"].endswith(page.url)


# --- Attractions are content items -----------------------------------------------------


def test_attractions_and_routes_are_listed_as_items(top_eight, routes_channel):
    attraction = make_attraction(top_eight, "Listed Lake")
    route = TouristRoutePage(title="Listed route", duration="Half a day")
    route.stops = [RouteStop(attraction=attraction)]
    route = publish(routes_channel, route)
    listed = set(live_items().values_list("pk", flat=True))
    assert {attraction.pk, route.pk} <= listed


def test_attraction_text_is_found_by_search(top_eight, client):
    make_attraction(top_eight, "Quiet Garden", getting_there="Take the zephyrline tram to the gate.")
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    html = soup(client.get("/en/search/", {"q": "zephyrline"}))
    assert "Quiet Garden" in text_of(html.select_one("main"))


# --- Top Eight Attractions ---------------------------------------------------------------


def test_top_eight_shows_the_chosen_attractions_in_the_editors_order(top_eight, client):
    chosen = top_eight.chosen_attractions()
    assert len(chosen) == 8
    order = [slot.attraction_id for slot in top_eight.top_attractions.order_by("sort_order")]
    assert [p.pk for p in chosen] == order
    html = soup(client.get(top_eight.url))
    cards = html.select(".top-attractions .top-attractions__item")
    assert [text_of(c.select_one(".card__title a")) for c in cards] == [p.title for p in chosen]
    assert [text_of(c.select_one(".top-attractions__number")) for c in cards] == [str(n) for n in range(1, 9)]


def test_reordering_the_chosen_attractions_reorders_the_page(top_eight, client):
    slots = list(top_eight.top_attractions.order_by("sort_order"))
    top_eight.top_attractions = [TopAttraction(attraction_id=s.attraction_id) for s in reversed(slots)]
    top_eight.save_revision().publish()
    html = soup(client.get(top_eight.url))
    titles = [text_of(a) for a in html.select(".top-attractions .card__title a")]
    assert titles == [s.attraction.title for s in reversed(slots)]


def test_more_than_eight_chosen_is_refused(top_eight):
    extra = make_attraction(top_eight, "Ninth Attraction")
    top_eight.top_attractions.add(TopAttraction(attraction=extra))
    with pytest.raises(ValidationError, match="at most 8 attractions; 9 are chosen"):
        top_eight.full_clean()


def test_an_unpublished_chosen_attraction_is_left_out(top_eight, client):
    first = top_eight.chosen_attractions()[0]
    first.unpublish()
    chosen = top_eight.chosen_attractions()
    assert first.pk not in [p.pk for p in chosen] and len(chosen) == 7
    assert first.title not in text_of(soup(client.get(top_eight.url)).select_one("main"))


def test_other_attractions_of_the_channel_follow_the_eight(top_eight, client):
    extra = make_attraction(top_eight, "Riverside Teahouse")
    html = soup(client.get(top_eight.url))
    more = html.select_one("#more-attractions").parent
    assert [text_of(a) for a in more.select(".item-list__item a")] == [extra.title]
    assert extra.title not in [text_of(a) for a in html.select(".top-attractions a")]


# --- Tourist routes ----------------------------------------------------------------------


def test_a_route_lists_its_stops_in_order_with_notes(routes_channel, top_eight, client):
    a = make_attraction(top_eight, "First Hall", opening_hours="9:00-17:00")
    b = make_attraction(top_eight, "Second Hill", opening_hours="Always open")
    route = TouristRoutePage(title="Hall and hill", duration="Half a day")
    route.stops = [RouteStop(attraction=b, notes="Climb first."), RouteStop(attraction=a)]
    route = publish(routes_channel, route)
    assert [s.attraction.pk for s in route.visible_stops()] == [b.pk, a.pk]
    html = soup(client.get(route.url))
    stops = html.select(".route-stops .route-stop")
    assert [text_of(s.select_one(".route-stop__title")) for s in stops] == [
        "Stop 1 Second Hill",
        "Stop 2 First Hall",
    ]
    assert text_of(stops[0].select_one(".route-stop__notes")) == "Climb first."
    assert stops[1].select_one(".route-stop__notes") is None
    assert text_of(stops[0].select_one(".visiting__hours")) == "Always open"
    assert text_of(stops[1].select_one(".visiting__address")) == "First Hall Road 1, Hengyang"
    assert text_of(html.select_one(".route__duration")) == "Half a day"


def test_a_route_leaves_out_unpublished_attractions(routes_channel, top_eight):
    a = make_attraction(top_eight, "Open Museum")
    b = make_attraction(top_eight, "Closed Museum")
    route = TouristRoutePage(title="Museums", duration="Two hours")
    route.stops = [RouteStop(attraction=a), RouteStop(attraction=b)]
    route = publish(routes_channel, route)
    b.unpublish()
    assert [s.attraction.pk for s in route.visible_stops()] == [a.pk]
    assert route.stop_count_text() == "1 stop"


def test_route_structured_data_is_a_tourist_trip_with_an_ordered_itinerary(routes_channel, client):
    route = TouristRoutePage.objects.get(slug="one-day-on-mount-heng")
    data = json.loads(soup(client.get(route.url)).select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "TouristTrip"
    items = data["itinerary"]["itemListElement"]
    assert [i["position"] for i in items] == [1, 2, 3]
    assert [i["item"]["name"] for i in items] == [s.attraction.title for s in route.visible_stops()]
    assert all(i["item"]["geo"]["@type"] == "GeoCoordinates" for i in items)


def test_the_route_page_links_the_print_stylesheet(routes_channel, client):
    route = TouristRoutePage.objects.get(slug="one-day-on-mount-heng")
    html = soup(client.get(route.url))
    links = [(link["href"], link.get("media")) for link in html.select('link[rel="stylesheet"]')]
    assert ("/static/tourism/css/route-print.css", "print") in links
    assert ("/static/core/css/print.css", "print") in links


def test_the_routes_channel_shows_duration_and_number_of_stops(routes_channel, client):
    html = soup(client.get(routes_channel.url))
    items = {
        text_of(i.select_one("h2 a")): text_of(i.select_one(".card__meta"))
        for i in html.select(".route-list__item")
    }
    assert items["[Sample] One day on Mount Heng"].startswith("Duration: One day · 3 stops")
    assert items["[Sample] Two days: the city and Nanyue"].startswith("Duration: Two days · 5 stops")


def test_the_routes_channel_counts_visible_stops_in_a_fixed_number_of_queries(
    routes_channel, top_eight, client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(routes_channel.url)  # the menu, built once per page-tree version
    with CaptureQueriesContext(connection) as before:
        client.get(routes_channel.url)
    # Counted now: the next request empties the query log that the count is read from.
    queries_before = len(before.captured_queries)
    hidden = make_attraction(top_eight, "Hidden Temple")
    for number in range(3):
        route = TouristRoutePage(title=f"Extra route {number}", duration="An hour")
        route.stops = [RouteStop(attraction=hidden), RouteStop(attraction=hidden)]
        publish(routes_channel, route)
    hidden.unpublish()
    client.get(routes_channel.url)
    with django_assert_max_num_queries(queries_before):
        html = soup(client.get(routes_channel.url))
    metas = [text_of(i.select_one(".card__meta")) for i in html.select(".route-list__item")]
    assert sum("Duration: An hour · 0 stops" in meta for meta in metas) == 3


@pytest.mark.parametrize("slug", ["top-eight-attractions", "tourist-routes"])
def test_channel_pages_forgive_bad_page_numbers(client, slug):
    from cityportal.core.tests.utils import notices

    channel = ChannelPage.objects.get(slug=slug)
    html = soup(client.get(channel.url + "page/-3/"))
    assert notices(html) == ["Page numbers start at 1, so the first page is shown."]
    if slug == "top-eight-attractions":
        assert len(html.select(".top-attractions__item")) == 8
