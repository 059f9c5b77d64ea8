"""Forgiving pagination, without the database."""

import pytest
from django.utils import translation

from cityportal.core.pagination import paginate

ITEMS = list(range(1, 46))  # 45 items: pages of 20, 20 and 5


@pytest.mark.parametrize("requested", [None, "", "1", 1, " 1 "])
def test_the_first_page(requested):
    listing = paginate(ITEMS, requested, 20)
    assert listing.page.number == 1
    assert list(listing.page.object_list) == ITEMS[:20]
    assert listing.notice == ""


def test_a_middle_and_the_last_page():
    assert list(paginate(ITEMS, "2", 20).page.object_list) == ITEMS[20:40]
    assert list(paginate(ITEMS, 3, 20).page.object_list) == ITEMS[40:]


@pytest.mark.parametrize(
    ("requested", "number", "notice"),
    [
        ("abc", 1, "“abc” is not a page number, so the first page is shown."),
        ("2_0", 1, "“2_0” is not a page number, so the first page is shown."),
        ("٢", 1, "“٢” is not a page number, so the first page is shown."),
        ("1.5", 1, "“1.5” is not a page number, so the first page is shown."),
        ("0", 1, "Page numbers start at 1, so the first page is shown."),
        ("-2", 1, "Page numbers start at 1, so the first page is shown."),
        ("4", 3, "There are only 3 pages, so the last page is shown."),
        ("9" * 40, 3, "There are only 3 pages, so the last page is shown."),
    ],
)
def test_bad_numbers_give_the_nearest_page_and_say_why(requested, number, notice):
    listing = paginate(ITEMS, requested, 20)
    assert listing.page.number == number
    assert listing.notice == notice


def test_a_long_bad_value_is_shortened_in_the_message():
    listing = paginate(ITEMS, "x" * 500, 20)
    assert listing.notice == "“" + "x" * 20 + "” is not a page number, so the first page is shown."


def test_an_empty_list_has_one_empty_page():
    listing = paginate([], "5", 20)
    assert listing.page.number == 1
    assert list(listing.page.object_list) == []
    assert listing.notice == "There is only one page, so it is shown."


def test_page_range_is_elided_around_the_current_page():
    listing = paginate(list(range(400)), "10", 20)
    elided = [str(n) for n in listing.page_range]
    assert elided == ["1", "…", "8", "9", "10", "11", "12", "…", "20"]


def test_messages_are_translatable():
    with translation.override("zh-hans"):
        notice = paginate(ITEMS, "0", 20).notice
    assert notice == "页码从 1 开始，已显示第一页。"
