"""Reading AllDocsList filters from the query string, and filtering by dates on the
city's clock."""

from datetime import date

import pytest
from django.test import RequestFactory

from cityportal.core.filters import (
    filter_by_date_range,
    parse_date,
    parse_id,
    read_date_range,
    read_search_words,
)
from cityportal.core.items import live_items
from cityportal.core.tests.utils import city_time, make_article


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("5", 5), (" 42 ", 42), ("007", 7), ("9" * 18, int("9" * 18)), ("", None), ("abc", None)]
    + [("-1", None), ("+1", None), ("1.0", None), ("²", None), ("٣", None), ("9" * 19, None), (None, None)],
)
def test_parse_id(raw, expected):
    assert parse_id(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2024-05-18", date(2024, 5, 18)), (" 2024-05-18 ", date(2024, 5, 18))]
    + [("2024-02-30", None), ("18/05/2024", None), ("", None), ("tomorrow", None)],
)
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


def read(query: dict) -> tuple[dict, list[str]]:
    filters: dict = {}
    problems: list[str] = []
    read_date_range(RequestFactory().get("/", query), filters, problems)
    return filters, problems


def test_read_date_range_reads_both_ends():
    assert read({"date_from": "2024-05-01", "date_to": "2024-05-18"}) == (
        {"date_from": date(2024, 5, 1), "date_to": date(2024, 5, 18)},
        [],
    )
    assert read({}) == ({}, [])
    assert read({"date_from": "  "}) == ({}, [])


def test_read_date_range_explains_what_it_drops_and_swaps():
    filters, problems = read({"date_from": "2024-13-01", "date_to": "2024-05-18"})
    assert filters == {"date_to": date(2024, 5, 18)}
    assert problems == ["“2024-13-01” is not a date like 2024-05-18, so it was not used."]
    filters, problems = read({"date_from": "2024-05-18", "date_to": "2024-05-01"})
    assert filters == {"date_from": date(2024, 5, 1), "date_to": date(2024, 5, 18)}
    assert problems == ["The start date was after the end date, so the two were swapped."]


@pytest.mark.django_db
def test_date_range_follows_the_city_clock(hot_news):
    late = make_article(hot_news, "Late evening", at=city_time(2031, 3, 1, 23, 30, 0))
    early = make_article(hot_news, "Early morning", at=city_time(2031, 3, 2, 0, 30, 0))
    items = live_items(within=hot_news)
    on_first = filter_by_date_range(items, {"date_from": date(2031, 3, 1), "date_to": date(2031, 3, 1)})
    on_second = filter_by_date_range(items, {"date_from": date(2031, 3, 2), "date_to": date(2031, 3, 2)})
    assert [p.pk for p in on_first] == [late.pk]
    assert [p.pk for p in on_second] == [early.pk]


@pytest.mark.django_db
def test_dates_at_the_ends_of_the_calendar_do_not_fail(hot_news):
    items = live_items(within=hot_news)
    total = items.count()
    assert filter_by_date_range(items, {"date_from": date(1, 1, 1)}).count() == total
    assert filter_by_date_range(items, {"date_to": date(9999, 12, 31)}).count() == total
    assert filter_by_date_range(items, {"date_to": date(1, 1, 1)}).count() == 0
    assert filter_by_date_range(items, {"date_from": date(9999, 12, 31)}).count() == 0


def test_search_words_are_tidied_and_cut_with_a_message():
    problems: list[str] = []
    request = RequestFactory().get("/", {"q": "  work \t permit \n"})
    assert read_search_words(request, problems) == "work permit"
    assert problems == []
    request = RequestFactory().get("/", {"q": "居留" * 60})
    assert read_search_words(request, problems, max_length=100) == "居留" * 50
    assert problems == ["Your search was longer than 100 characters, so only the start was used."]
