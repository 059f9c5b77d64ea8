"""AllDocsList: every published item newest first, its numbered pages counted from the
oldest, filtered by section, channel and date range; nonsense in the query string gives
a clear message, never a 500."""

import pytest
from django.test import Client

from cityportal.core.items import live_items
from cityportal.core.pagination import numbered_pages
from cityportal.core.tests.utils import city_time, listed_titles, make_article, notices, soup
from cityportal.core.tests.utils import text_of as text
from cityportal.demo import reference_article as ref
from cityportal.demo.loader import HOT_NEWS_SAMPLES
from cityportal.news.models import ChannelPage, SectionPage

pytestmark = pytest.mark.django_db

URL = "/en/alldocslist/"


def titles_of(queryset) -> list[str]:
    return [item.title for item in queryset]


def count_shown(page) -> int:
    return int(text(page.select_one(".result-count")).split()[0])


def on_own_page(count: int, per_page: int = 20) -> int:
    """How many of a listing's newest items its own page shows (20 to 39)."""
    return count - numbered_pages(count, per_page) * per_page


def test_every_published_item_is_listed_newest_first_and_numbered_from_the_oldest(client, demo_home):
    expected = titles_of(live_items(within=demo_home))
    # Every live item of any type (articles and the item types of other apps).
    assert len(expected) == live_items().count() > 200
    numbered = numbered_pages(len(expected), 20)
    first = soup(client.get(URL))
    assert text(first.h1) == "AllDocsList"
    assert count_shown(first) == len(expected)
    newest = on_own_page(len(expected))
    assert 20 <= newest < 40
    assert listed_titles(first) == expected[:newest]
    assert listed_titles(first)[0] == ref.TITLE
    # Page 1 holds the oldest twenty, the newest numbered page those just after the own page.
    oldest = soup(client.get(URL + "page/1/"))
    assert listed_titles(oldest) == expected[-20:]
    newest_numbered = soup(client.get(f"{URL}page/{numbered}/"))
    assert listed_titles(newest_numbered) == expected[newest : newest + 20]
    # Read from both ends of the order: a page in the older half and one in the newer.
    for number in (numbered // 2, numbered // 2 + 1):
        start = len(expected) - number * 20
        assert listed_titles(soup(client.get(f"{URL}page/{number}/"))) == expected[start : start + 20]
    # The numbered pages carry no total: it changes with each new item, they do not.
    assert oldest.select_one(".result-count") is None


def test_each_item_names_its_channel(client):
    first = soup(client.get(URL)).select_one("main .item-list__item")
    assert text(first.select_one(".item-list__where")) == "Hot News"


def test_drafts_are_not_listed(client, reference_article):
    reference_article.unpublish()
    assert ref.TITLE not in listed_titles(soup(client.get(URL)))


def test_filter_by_section(client):
    section = SectionPage.objects.get(slug="current-news")
    expected = titles_of(live_items(within=section))
    page = soup(client.get(URL, {"section": section.pk}))
    assert notices(page) == []
    assert count_shown(page) == len(expected) > 25
    assert listed_titles(page) == expected[: on_own_page(len(expected))]
    assert page.select_one("#filter-section option[selected]")["value"] == str(section.pk)


def test_filter_by_channel(client, hot_news):
    page = soup(client.get(URL, {"channel": hot_news.pk}))
    assert count_shown(page) == HOT_NEWS_SAMPLES + 1
    assert listed_titles(page) == titles_of(hot_news.get_listing())[: on_own_page(HOT_NEWS_SAMPLES + 1)]
    assert page.select_one("#filter-channel option[selected]")["value"] == str(hot_news.pk)


def test_filter_by_date_range_uses_the_city_clock(client, hot_news):
    # 01:30 on 19 May in the city is still 18 May in UTC.
    make_article(hot_news, "Small hours", at=city_time(2024, 5, 19, 1, 30, 0))
    on_the_18th = soup(client.get(URL, {"date_from": "2024-05-18", "date_to": "2024-05-18"}))
    assert listed_titles(on_the_18th) == [ref.TITLE]
    on_the_19th = soup(client.get(URL, {"date_from": "2024-05-19", "date_to": "2024-05-19"}))
    assert listed_titles(on_the_19th) == ["Small hours"]
    assert on_the_19th.select_one("#filter-from")["value"] == "2024-05-19"
    until = soup(client.get(URL, {"date_to": "2024-05-17"}))
    assert ref.TITLE not in listed_titles(until)
    assert count_shown(until) == live_items().count() - 2


def test_filters_combine_and_pagination_keeps_them(client, demo_home, settings):
    settings.CITYPORTAL_ITEMS_PER_PAGE = 5
    section = SectionPage.objects.get(slug="current-news")
    query = {"section": section.pk, "date_to": "2024-05-17"}
    expected = [t for t in titles_of(live_items(within=section)) if t != ref.TITLE]
    numbered = numbered_pages(len(expected), 5)
    assert numbered >= 1
    page = soup(client.get(URL, query))
    next_link = page.select_one('nav.pagination a[rel="next"]')["href"]
    assert next_link.startswith(f"{URL}page/{numbered}/?")
    assert f"section={section.pk}" in next_link and "date_to=2024-05-17" in next_link
    second = soup(client.get(next_link))
    listed = listed_titles(page) + listed_titles(second)
    assert listed == expected[: on_own_page(len(expected), 5) + 5]
    # Filtered listings are not for indexing.
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"


def test_a_number_whose_items_are_on_the_own_page_sends_there_with_its_filters(client, demo_home):
    numbered = numbered_pages(live_items(within=demo_home).count(), 20)
    response = client.get(f"{URL}page/{numbered + 1}/", {"section": "5"})
    assert response.status_code == 302
    assert response["Location"] == URL + "?section=5"
    spelt_otherwise = client.get(URL + "page/01/", {"section": "5"})
    assert spelt_otherwise.status_code == 301
    assert spelt_otherwise["Location"] == URL + "page/1/?section=5"


def test_canonical_url_of_a_later_page(client, demo_home):
    page = soup(client.get(URL + "page/3/"))
    assert page.select_one('link[rel="canonical"]')["href"] == demo_home.full_url + "alldocslist/page/3/"


def test_reversed_dates_are_swapped_with_a_message(client):
    page = soup(client.get(URL, {"date_from": "2024-05-18", "date_to": "2024-05-01"}))
    assert notices(page) == ["The start date was after the end date, so the two were swapped."]
    assert listed_titles(page)[0] == ref.TITLE
    assert page.select_one("#filter-from")["value"] == "2024-05-01"
    assert page.select_one("#filter-to")["value"] == "2024-05-18"


def test_a_channel_outside_the_chosen_section_is_explained(client, hot_news):
    tourism = SectionPage.objects.get(slug="tourism")
    page = soup(client.get(URL, {"section": tourism.pk, "channel": hot_news.pk}))
    assert notices(page) == [
        "The channel Hot News is not in the section Tourism, so only the channel was used."
    ]
    assert count_shown(page) == HOT_NEWS_SAMPLES + 1


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"date_from": "18/05/2024"}, "“18/05/2024” is not a date like 2024-05-18, so it was not used."),
        ({"date_to": "2024-02-30"}, "“2024-02-30” is not a date like 2024-05-18, so it was not used."),
        ({"date_from": "yesterday"}, "“yesterday” is not a date like 2024-05-18, so it was not used."),
        ({"section": "abc"}, "The chosen section does not exist, so it was not used."),
        ({"section": "999999"}, "The chosen section does not exist, so it was not used."),
        ({"channel": "-4"}, "The chosen channel does not exist, so it was not used."),
        ({"channel": "²"}, "The chosen channel does not exist, so it was not used."),
        ({"channel": "9" * 30}, "The chosen channel does not exist, so it was not used."),
    ],
)
def test_nonsense_filters_are_dropped_with_a_message(client, query, message):
    page = soup(client.get(URL, query))
    assert notices(page) == [message]
    assert count_shown(page) == live_items().count()


def test_a_channel_id_that_is_not_a_channel_is_refused(client, hot_news, reference_article):
    for not_a_channel in (reference_article.pk, hot_news.get_parent().pk):
        page = soup(client.get(URL, {"channel": not_a_channel}))
        assert notices(page) == ["The chosen channel does not exist, so it was not used."]
    page = soup(client.get(URL, {"section": hot_news.pk}))
    assert notices(page) == ["The chosen section does not exist, so it was not used."]


def test_the_channel_options_are_the_channels_with_their_own_items(client):
    page = soup(client.get(URL))
    options = {text(o) for o in page.select("#filter-channel option") if o["value"]}
    assert "Hot News" in options
    assert "TopNews" not in options and "PictureNews" not in options
    own = ChannelPage.objects.live().filter(listing_source=ChannelPage.LISTING_OWN)
    assert len(options) == own.count()


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "0001-01-01"},
        {"date_to": "0001-01-01"},
        {"date_from": "9999-12-31"},
        {"date_to": "9999-12-31"},
        {"date_from": "x" * 5000},
        {"section": "1e5", "channel": "0x10"},
        {"page": "2", "section": ""},
        {"date_from": "2024-05-18\x00"},
    ],
)
def test_extreme_queries_never_fail(query):
    client = Client(raise_request_exception=False)
    response = client.get(URL, query)
    assert response.status_code == 200
    assert client.get(URL + "page/2/", query).status_code == 200


def test_an_empty_result_says_so(client):
    page = soup(client.get(URL, {"date_from": "2030-01-01"}))
    assert listed_titles(page) == []
    assert text(page.select_one("main .empty")) == (
        "No items match these filters. Try a wider date range or all sections."
    )
    assert text(page.select_one(".result-count")) == "0 items"
